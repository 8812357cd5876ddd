package dev.manifests.samples.layout;

import dev.manifests.samples.render.Block;
import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.render.StandardFonts;
import dev.manifests.schema.Container;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.manifests.samples.layout.ContainerColumns.Kind;
import static dev.manifests.samples.layout.ContainerColumns.spec;

/**
 * A form drawn anew for every document, for training only: each caption comes from any form family, the header
 * facts and the parties come in any order and arrangement, and the containers are a table whose columns are in any
 * order, blocks of captioned lines in any order, or one line each. A model that has seen only fixed forms learns
 * where each of them puts a value; one that has also seen these must read captions and column headers instead.
 */
final class VariedFormLayout implements Layout {

    /** Captions no fixed form prints, so that the model also meets words it has not seen in a caption. */
    private static final Labels PLAIN = new Labels("Sender", "Recipient", "Notify", "Origin port",
            "Destination port", "Origin", "Destination", "Ship", "Trip", "Booking", "Issue date",
            "Loaded on board", "Payment", "Operator");

    private static final List<Labels> LABELS = List.of(Labels.CLASSIC, Labels.EXPORTER, Labels.CONSIGNOR,
            Labels.SHORT, PLAIN);

    private static final List<String> SEPARATORS = List.of(": ", " : ", " - ", " .... ", ":  ", " ");

    /** Headers a column of each kind may have; "{W}" and "{V}" become the units. */
    private static final Map<Kind, List<String>> HEADERS = Map.ofEntries(
            Map.entry(Kind.CONTAINER, List.of("Container", "Container No.", "Equipment", "Cntr", "Unit no.")),
            Map.entry(Kind.CONTAINER_AND_SEAL, List.of("Container / Seal / Type", "Equipment and seal",
                    "Cntr / Seal")),
            Map.entry(Kind.SEAL, List.of("Seal", "Seal No.", "Seal number")),
            Map.entry(Kind.SIZE_TYPE, List.of("Type", "Size/Type", "ISO", "Eqp type")),
            Map.entry(Kind.PACKAGES, List.of("Packages", "No. and kind of packages", "Pieces")),
            Map.entry(Kind.PACKAGE_COUNT, List.of("Qty", "Pkgs", "No. of pkgs", "Count")),
            Map.entry(Kind.PACKAGE_TYPE, List.of("Unit", "Kind", "Packing", "Pkg type")),
            Map.entry(Kind.DESCRIPTION, List.of("Description", "Goods", "Commodity", "Description of goods")),
            Map.entry(Kind.DESCRIPTION_AND_HS, List.of("Description / HS", "Cargo description",
                    "Goods and HS code")),
            Map.entry(Kind.HS, List.of("HS", "HS code", "Tariff no.", "HTS")),
            Map.entry(Kind.WEIGHT, List.of("Weight {W}", "Gross ({W})", "G.W. {W}", "Gross weight")),
            Map.entry(Kind.VOLUME, List.of("Vol. {V}", "Measurement ({V})", "Cube {V}", "Volume")),
            Map.entry(Kind.MARKS, List.of("Marks", "Marks & Nos.")),
            Map.entry(Kind.ITEM, List.of("#", "Item", "Line")));

    /** Share of the table width each kind of column starts from. */
    private static final Map<Kind, Float> SHARES = Map.ofEntries(Map.entry(Kind.CONTAINER, 1.2f),
            Map.entry(Kind.CONTAINER_AND_SEAL, 1.4f), Map.entry(Kind.SEAL, 0.9f), Map.entry(Kind.SIZE_TYPE, 0.5f),
            Map.entry(Kind.PACKAGES, 1.1f), Map.entry(Kind.PACKAGE_COUNT, 0.5f), Map.entry(Kind.PACKAGE_TYPE, 0.8f),
            Map.entry(Kind.DESCRIPTION, 2.4f), Map.entry(Kind.DESCRIPTION_AND_HS, 2.6f), Map.entry(Kind.HS, 0.8f),
            Map.entry(Kind.WEIGHT, 0.9f), Map.entry(Kind.VOLUME, 0.8f), Map.entry(Kind.MARKS, 0.5f),
            Map.entry(Kind.ITEM, 0.35f));

    @Override
    public String id() {
        return "varied-form";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random);
        int variant = random.nextInt(12);
        Labels labels = mixed(random);
        Font.Family family = PrintStyle.pick(Font.Family.values(), random);
        Font plain = new Font(family, false, 8 + random.nextInt(3));
        boolean landscape = random.nextInt(4) == 0;
        boolean letter = random.nextBoolean();
        float width = letter ? Page.LETTER_WIDTH : Page.A4_WIDTH;
        float height = letter ? Page.LETTER_HEIGHT : Page.A4_HEIGHT;
        Sheet sheet = landscape ? new Sheet(height, width, 30) : new Sheet(width, height, 36 + random.nextInt(12));
        String issuer = Words.issuer(document, random);
        String title = Words.title(document.getDocumentType(), variant);
        String number = document.getBillOfLadingNumber();
        sheet.runningHeader(s -> {
            s.line(s.left(), title + " " + number + " (continued)", plain.asBold());
            s.advance(4);
        });
        if (random.nextBoolean()) {
            sheet.add(new Block.Logo(sheet.left(), sheet.y() + 14, issuer, new Font(family, true, 14),
                    random.nextInt(3) == 0));
            sheet.advance(22);
        } else {
            sheet.line(sheet.left(), issuer, plain);
        }
        if (random.nextBoolean()) {
            sheet.centred(title, new Font(family, true, 13 + random.nextInt(4)));
        } else {
            sheet.line(sheet.left(), title, new Font(family, true, 13 + random.nextInt(4)));
        }
        sheet.advance(6);
        List<DocumentFacts.Fact> facts = new ArrayList<>(DocumentFacts.references(document, labels, style, variant));
        List<DocumentFacts.Fact> routing = DocumentFacts.routing(document, labels, style);
        facts.addAll(random.nextBoolean() ? facts.size() : random.nextInt(facts.size() + 1), routing);
        if (random.nextInt(3) == 0) {
            Collections.shuffle(facts, random);
        }
        boolean partiesFirst = random.nextInt(3) == 0;
        if (partiesFirst) {
            parties(sheet, document, labels, plain, random);
        }
        facts(sheet, facts, plain, random);
        if (!partiesFirst) {
            parties(sheet, document, labels, plain, random);
        }
        sheet.advance(8);
        switch (random.nextInt(5)) {
            case 0, 1 -> table(sheet, document, style, plain, random);
            case 2, 3 -> blocks(sheet, document, style, plain, random);
            default -> lines(sheet, document, style, plain, random);
        }
        sheet.advance(8);
        sheet.line(sheet.left(), Words.totals(document.getTotals(), style, variant), plain.asBold());
        if (random.nextBoolean()) {
            sheet.line(sheet.left(), Words.sayTotal(document.getContainers().size()), plain);
        }
        if (random.nextBoolean()) {
            sheet.advance(8);
            sheet.paragraph(sheet.left(), sheet.contentWidth(), PrintStyle.pick(Words.CLAUSES, random),
                    new Font(family, false, 6.5f));
        }
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()), number, issuer,
                sheet.finish(random.nextBoolean(), Font.sans(7)));
    }

    /** Each caption from any of the families. */
    private static Labels mixed(Random random) {
        return new Labels(pick(random).shipper(), pick(random).consignee(), pick(random).notifyParty(),
                pick(random).portOfLoading(), pick(random).portOfDischarge(), pick(random).placeOfReceipt(),
                pick(random).placeOfDelivery(), pick(random).vessel(), pick(random).voyage(), pick(random).booking(),
                pick(random).dateOfIssue(), pick(random).shippedOnBoard(), pick(random).freight(),
                pick(random).carrier());
    }

    private static Labels pick(Random random) {
        return PrintStyle.pick(LABELS, random);
    }

    private static void facts(Sheet sheet, List<DocumentFacts.Fact> facts, Font font, Random random) {
        String separator = PrintStyle.pick(SEPARATORS, random);
        switch (random.nextInt(4)) {
            case 0 -> {
                for (DocumentFacts.Fact fact : facts) {
                    sheet.paragraph(sheet.left(), sheet.contentWidth(), fact.label() + separator + fact.value(), font);
                }
            }
            case 1 -> {
                float half = sheet.contentWidth() / 2;
                List<String> lines = new ArrayList<>();
                for (DocumentFacts.Fact fact : facts) {
                    lines.add(fact.label() + separator + fact.value());
                }
                pairs(sheet, lines, sheet.left(), half, font);
            }
            case 2 -> {
                int across = 2 + random.nextInt(2);
                float cell = sheet.contentWidth() / across;
                float[] widths = new float[across];
                Arrays.fill(widths, cell);
                for (int i = 0; i < facts.size(); i += across) {
                    List<String> captions = new ArrayList<>();
                    List<List<String>> values = new ArrayList<>();
                    for (int j = 0; j < across; j++) {
                        boolean present = i + j < facts.size();
                        captions.add(present ? facts.get(i + j).label() : "");
                        values.add(present ? List.of(facts.get(i + j).value()) : List.of());
                    }
                    sheet.boxRow(sheet.left(), widths, captions, values, new Font(font.family(), false, 6),
                            font, 16);
                }
            }
            default -> {
                for (DocumentFacts.Fact fact : facts) {
                    sheet.line(sheet.left(), fact.label(), font.asBold());
                    sheet.paragraph(sheet.left() + 14, sheet.contentWidth() - 14, fact.value(), font);
                }
            }
        }
        sheet.advance(6);
    }

    private static void parties(Sheet sheet, ShippingDocument document, Labels labels, Font font, Random random) {
        List<String> captions = new ArrayList<>(List.of(labels.shipper(), labels.consignee(), labels.notifyParty()));
        List<List<String>> lines = new ArrayList<>();
        lines.add(PrintStyle.party(document.getShipper()));
        lines.add(PrintStyle.party(document.getConsignee()));
        Party notify = document.getNotifyParty();
        lines.add(notify == null ? List.of(PrintStyle.pick(List.of("SAME AS CONSIGNEE", "Same as consignee",
                "AS ABOVE"), random)) : PrintStyle.party(notify));
        if (random.nextInt(4) == 0) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
            Collections.shuffle(order, random);
            captions = List.of(captions.get(order.get(0)), captions.get(order.get(1)), captions.get(order.get(2)));
            lines = List.of(lines.get(order.get(0)), lines.get(order.get(1)), lines.get(order.get(2)));
        }
        if (random.nextBoolean()) {
            float third = sheet.contentWidth() / 3;
            sheet.boxRow(sheet.left(), new float[] {third, third, third}, captions, lines,
                    new Font(font.family(), false, 6.5f), font, 40);
        } else {
            String colon = random.nextBoolean() ? ":" : "";
            for (int i = 0; i < 3; i++) {
                sheet.line(sheet.left(), captions.get(i) + colon, font.asBold());
                for (String line : lines.get(i)) {
                    sheet.paragraph(sheet.left() + 12, sheet.contentWidth() - 12, line, font);
                }
                sheet.advance(3);
            }
        }
        sheet.advance(6);
    }

    /** A table of the container columns in any order, with one of several ways to split them into columns. */
    private static void table(Sheet sheet, ShippingDocument document, PrintStyle style, Font font, Random random) {
        List<Kind> kinds = new ArrayList<>();
        if (random.nextBoolean()) {
            kinds.add(Kind.CONTAINER_AND_SEAL);
        } else {
            kinds.addAll(List.of(Kind.CONTAINER, Kind.SEAL, Kind.SIZE_TYPE));
        }
        if (random.nextBoolean()) {
            kinds.add(Kind.PACKAGES);
        } else {
            kinds.addAll(List.of(Kind.PACKAGE_COUNT, Kind.PACKAGE_TYPE));
        }
        if (random.nextBoolean()) {
            kinds.add(Kind.DESCRIPTION_AND_HS);
        } else {
            kinds.addAll(List.of(Kind.DESCRIPTION, Kind.HS));
        }
        kinds.addAll(List.of(Kind.WEIGHT, Kind.VOLUME));
        if (random.nextInt(4) == 0) {
            kinds.add(Kind.MARKS);
        }
        Collections.shuffle(kinds, random);
        if (random.nextBoolean()) {
            kinds.add(0, Kind.ITEM);
        }
        List<ContainerColumns.Spec> specs = new ArrayList<>();
        for (Kind kind : kinds) {
            specs.add(spec(kind, PrintStyle.pick(HEADERS.get(kind), random), SHARES.get(kind)));
        }
        Font header = new Font(font.family(), true, font.sizePt() - 1);
        Font body = new Font(font.family(), false, font.sizePt() - 1);
        ContainerColumns.Laid laid = ContainerColumns.lay(document.getContainers(), specs, sheet.contentWidth(),
                header, body, style);
        sheet.table(sheet.left(), laid.columns(), laid.rows(), header, body, random.nextBoolean(),
                random.nextBoolean() ? "Containers (continued)" : null);
    }

    /** One block of captioned lines per container, the lines in any order, in one or two columns. */
    private static void blocks(Sheet sheet, ShippingDocument document, PrintStyle style, Font font, Random random) {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.CONTAINER, Kind.SIZE_TYPE, Kind.SEAL, Kind.PACKAGES,
                Kind.WEIGHT, Kind.VOLUME, Kind.HS, Kind.DESCRIPTION));
        if (random.nextBoolean()) {
            Collections.shuffle(kinds, random);
        } else {
            Collections.shuffle(kinds.subList(1, kinds.size()), random);
        }
        List<String> captions = new ArrayList<>();
        for (Kind kind : kinds) {
            captions.add(PrintStyle.pick(HEADERS.get(kind), random)
                    .replace(" {W}", "").replace(" ({W})", "").replace(" {V}", "").replace(" ({V})", ""));
        }
        String separator = PrintStyle.pick(SEPARATORS, random);
        boolean twoColumns = random.nextBoolean();
        boolean numbered = random.nextBoolean();
        float half = sheet.contentWidth() / 2;
        int index = 1;
        for (Container container : document.getContainers()) {
            sheet.ensure(font.leadingPt() * 6);
            if (numbered) {
                sheet.line(sheet.left(), "Container " + index + " of " + document.getContainers().size(),
                        font.asBold());
            }
            List<String> shortLines = new ArrayList<>();
            for (int k = 0; k < kinds.size(); k++) {
                String value = blockValue(kinds.get(k), container, style);
                if (value.isEmpty()) {
                    continue;
                }
                String line = captions.get(k) + separator + value;
                if (kinds.get(k) == Kind.DESCRIPTION || !twoColumns) {
                    pairs(sheet, shortLines, sheet.left() + 10, half, font);
                    sheet.paragraph(sheet.left() + 10, sheet.contentWidth() - 10, line, font);
                } else {
                    shortLines.add(line);
                }
            }
            pairs(sheet, shortLines, sheet.left() + 10, half, font);
            sheet.advance(6);
            index++;
        }
    }

    /** The lines two to a row where both fit their half of the width, one to a row where either would not. */
    private static void pairs(Sheet sheet, List<String> lines, float x, float half, Font font) {
        for (int i = 0; i < lines.size(); i += 2) {
            String a = lines.get(i);
            String b = i + 1 < lines.size() ? lines.get(i + 1) : "";
            if (StandardFonts.width(a, font) < half - 12 && StandardFonts.width(b, font) < half - 12) {
                sheet.lineAt(font, x, a, x + half, b);
            } else {
                sheet.paragraph(x, sheet.right() - x, a, font);
                if (!b.isEmpty()) {
                    sheet.paragraph(x, sheet.right() - x, b, font);
                }
            }
        }
        lines.clear();
    }

    private static String blockValue(Kind kind, Container container, PrintStyle style) {
        return switch (kind) {
            case WEIGHT -> style.weight(container.getGrossWeightKg());
            case VOLUME -> container.getVolumeM3() == null ? "" : style.volume(container.getVolumeM3());
            case HS -> String.join(", ", container.getHsCodes());
            default -> String.join(" ", ContainerColumns.cell(kind, container, style, 0));
        };
    }

    /** One line (wrapped as needed) per container, its parts in an order drawn once for the document. */
    private static void lines(Sheet sheet, ShippingDocument document, PrintStyle style, Font font, Random random) {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.SIZE_TYPE, Kind.SEAL, Kind.PACKAGES, Kind.WEIGHT,
                Kind.VOLUME, Kind.HS, Kind.DESCRIPTION));
        Collections.shuffle(kinds, random);
        kinds.add(random.nextBoolean() ? 0 : random.nextInt(kinds.size() + 1), Kind.CONTAINER);
        String joint = PrintStyle.pick(List.of(", ", " | ", " / ", "; "), random);
        boolean captioned = random.nextBoolean();
        int index = 1;
        for (Container container : document.getContainers()) {
            List<String> parts = new ArrayList<>();
            for (Kind kind : kinds) {
                String value = blockValue(kind, container, style);
                if (value.isEmpty()) {
                    continue;
                }
                parts.add(captioned && kind != Kind.DESCRIPTION
                        ? HEADERS.get(kind).get(0).replace(" {W}", "").replace(" {V}", "") + " " + value
                        : value);
            }
            sheet.paragraph(sheet.left(), sheet.contentWidth(), index + ". " + String.join(joint, parts), font);
            sheet.advance(2);
            index++;
        }
    }
}
