package dev.manifests.samples.layout;

import dev.manifests.samples.layout.BoxFormLayout.Arrangement;
import dev.manifests.samples.layout.BoxFormLayout.Form;
import dev.manifests.samples.render.Font;

import java.util.List;
import java.util.NoSuchElementException;

import static dev.manifests.samples.layout.ContainerColumns.Kind;
import static dev.manifests.samples.layout.ContainerColumns.spec;

/**
 * Every layout of the corpus, in a stable order with stable ids, and the layouts only training data uses: forms
 * drawn anew for each document, which no split is measured on.
 */
public final class Layouts {

    private static final List<ContainerColumns.Spec> MASTER_COLUMNS = List.of(
            spec(Kind.CONTAINER_AND_SEAL, "Container No.\nSeal / Type", 1.4f),
            spec(Kind.PACKAGES, "No. and kind\nof packages", 1.1f),
            spec(Kind.DESCRIPTION_AND_HS, "Description of goods\n(said to contain)", 2.6f),
            spec(Kind.WEIGHT, "Gross weight\n({W})", 0.9f),
            spec(Kind.VOLUME, "Measurement\n({V})", 0.8f));

    private static final List<ContainerColumns.Spec> HOUSE_COLUMNS = List.of(
            spec(Kind.MARKS, "Marks", 0.5f),
            spec(Kind.CONTAINER, "Container", 1.2f),
            spec(Kind.SEAL, "Seal", 0.9f),
            spec(Kind.SIZE_TYPE, "Type", 0.5f),
            spec(Kind.PACKAGES, "Packages", 1.1f),
            spec(Kind.DESCRIPTION, "Description", 2.0f),
            spec(Kind.HS, "HS", 0.7f),
            spec(Kind.WEIGHT, "Weight {W}", 0.9f),
            spec(Kind.VOLUME, "Vol. {V}", 0.7f));

    private static final List<ContainerColumns.Spec> WAYBILL_COLUMNS = List.of(
            spec(Kind.ITEM, "#", 0.3f),
            spec(Kind.CONTAINER_AND_SEAL, "Equipment / Seal / ISO", 1.4f),
            spec(Kind.PACKAGE_COUNT, "Pkgs", 0.5f),
            spec(Kind.PACKAGE_TYPE, "Kind", 0.8f),
            spec(Kind.DESCRIPTION_AND_HS, "Cargo description", 2.4f),
            spec(Kind.WEIGHT, "Gross ({W})", 0.9f),
            spec(Kind.VOLUME, "Cube ({V})", 0.8f));

    private static final List<Layout> ALL = List.of(
            new BoxFormLayout(Form.of("ocean-master-bl", Font.Family.SANS, Labels.CLASSIC, Arrangement.CLASSIC,
                    MASTER_COLUMNS).withNumberedBoxes().withInvertedLogo()
                    .withStamps("ORIGINAL", "SHIPPED ON BOARD").withClauses(2)),
            new BoxFormLayout(Form.of("house-bl", Font.Family.SERIF, Labels.EXPORTER, Arrangement.STACKED,
                    HOUSE_COLUMNS).withStamps("COPY NON NEGOTIABLE").withClauses(1).onLetterPaper()),
            new BoxFormLayout(Form.of("sea-waybill-form", Font.Family.SANS, Labels.CONSIGNOR, Arrangement.TWO_COLUMN,
                    WAYBILL_COLUMNS).withNumberedBoxes().withStamps("NON NEGOTIABLE").withClauses(1)),
            new BoxFormLayout(Form.of("two-column-box-form", Font.Family.SERIF, Labels.CLASSIC,
                    Arrangement.TWO_COLUMN, MASTER_COLUMNS).onLetterPaper()),
            new BoxFormLayout(Form.of("compact-nvocc-bl", Font.Family.SANS, Labels.SHORT, Arrangement.COMPACT,
                    HOUSE_COLUMNS).withNumberedBoxes().withInvertedLogo().withStamps("ORIGINAL").withClauses(3)),
            new BoxFormLayout(Form.of("draft-bl-copy", Font.Family.MONO, Labels.EXPORTER, Arrangement.COMPACT,
                    WAYBILL_COLUMNS).withStamps("DRAFT", "COPY NON NEGOTIABLE").withClauses(1)),
            new BoxFormLayout(Form.of("liner-bl-letter", Font.Family.SERIF, Labels.CONSIGNOR, Arrangement.CLASSIC,
                    WAYBILL_COLUMNS).withNumberedBoxes().withInvertedLogo()
                    .withStamps("SHIPPED ON BOARD").withClauses(2).onLetterPaper()),
            new BoxFormLayout(Form.of("bl-with-rider", Font.Family.SANS, Labels.CONSIGNOR, Arrangement.COMPACT,
                    MASTER_COLUMNS).withNumberedBoxes()
                    .withStamps("ORIGINAL", "SHIPPED ON BOARD").withClauses(1).withRider()),
            new ManifestTableLayout(),
            new EmailNarrativeLayout(),
            new EdiPrintoutLayout(),
            new PackingListLayout(),
            new PortalPrintoutLayout(),
            new DotMatrixBlocksLayout(),
            new AdviceLetterLayout(),
            new ManifestSummaryLayout());

    private static final List<Layout> TRAINING_ONLY = List.of(new VariedFormLayout());

    private Layouts() {
    }

    public static List<Layout> all() {
        return ALL;
    }

    /** Layouts that only the train split may use, and only when asked to (see the corpus's split plan). */
    public static List<Layout> trainingOnly() {
        return TRAINING_ONLY;
    }

    public static Layout byId(String id) {
        for (List<Layout> layouts : List.of(ALL, TRAINING_ONLY)) {
            for (Layout layout : layouts) {
                if (layout.id().equals(id)) {
                    return layout;
                }
            }
        }
        throw new NoSuchElementException("No layout '" + id + "'; known: "
                + ALL.stream().map(Layout::id).toList() + " and, for training only, "
                + TRAINING_ONLY.stream().map(Layout::id).toList());
    }
}
