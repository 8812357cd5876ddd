package dev.manifests.samples.layout;

import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.samples.render.FormatWriters;
import dev.manifests.samples.render.ProjectText;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.schema.Container;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.ShippingDocument;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LayoutsTest {

    /** The corpus's layouts and the training-only ones: every one must print every value. */
    static Stream<Layout> layouts() {
        return Stream.concat(Layouts.all().stream(), Layouts.trainingOnly().stream());
    }

    @Test
    void hasAtLeastSixteenLayoutsWithUniqueStableIds() {
        Set<String> ids = new HashSet<>();
        for (Layout layout : Layouts.all()) {
            assertThat(ids.add(layout.id())).as(layout.id()).isTrue();
            assertThat(Layouts.byId(layout.id())).isSameAs(layout);
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(16);
        for (Layout layout : Layouts.trainingOnly()) {
            assertThat(ids.add(layout.id())).as(layout.id()).isTrue();
            assertThat(Layouts.byId(layout.id())).isSameAs(layout);
        }
    }

    @Test
    void theVariedFormChangesItsCaptionsAndColumnOrderFromDocumentToDocument() {
        Layout varied = Layouts.byId("varied-form");
        ShippingDocument record = SampleShipments.full(DocumentType.BILL_OF_LADING, 3);
        Set<String> texts = new HashSet<>();
        Set<Boolean> descriptionBeforeContainer = new HashSet<>();
        String description = record.getContainers().get(0).getDescription().split(" ")[0];
        String container = record.getContainers().get(0).getContainerNumber().substring(4, 10);
        for (int seed = 0; seed < 40; seed++) {
            String text = collapse(ProjectText.project(varied.render(record, new Random(seed))));
            texts.add(text);
            descriptionBeforeContainer.add(text.indexOf(description) < text.indexOf(container));
        }
        assertThat(texts).hasSizeGreaterThan(35);
        assertThat(descriptionBeforeContainer).containsExactlyInAnyOrder(true, false);
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void printsEveryValueOfAFullRecord(Layout layout) throws IOException {
        for (DocumentType type : DocumentType.values()) {
            ShippingDocument record = SampleShipments.full(type, 3);
            for (int seed = 0; seed < 4; seed++) {
                RenderedDocument rendered = layout.render(record, new Random(seed));
                String text = ProjectText.project(rendered);
                String pdfText = pdfText(FormatWriters.write(rendered, DocumentFormat.PDF, new Random(seed)));
                RecoverableValues.assertRecoverable(text, record, layout.id() + " " + type + " seed " + seed + " TXT");
                RecoverableValues.assertRecoverable(pdfText, record, layout.id() + " " + type + " seed " + seed
                        + " PDF");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void printsNoValueASparseRecordLacks(Layout layout) {
        ShippingDocument record = SampleShipments.sparse(DocumentType.BILL_OF_LADING);
        String text = ProjectText.project(layout.render(record, new Random(3)));
        RecoverableValues.assertRecoverable(text, record, layout.id());
        ShippingDocument full = SampleShipments.full(DocumentType.BILL_OF_LADING, 1);
        assertThat(text).doesNotContain(full.getBookingNumber()).doesNotContain("SCAC")
                .doesNotContain(full.getVesselName()).doesNotContain(full.getVoyageNumber());
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void continuesTheContainerTableOnTheNextPage(Layout layout) {
        ShippingDocument record = SampleShipments.full(DocumentType.CARGO_MANIFEST, 40);
        RenderedDocument rendered = layout.render(record, new Random(7));
        assertThat(rendered.pages()).as(layout.id()).hasSizeGreaterThan(1);
        String lastPage = ProjectText.project(new RenderedDocument(rendered.layoutId(), rendered.title(),
                rendered.reference(), rendered.issuer(), List.of(rendered.pages().get(rendered.pages().size() - 1))));
        assertThat(RecoverableValues.containerNumbers(lastPage)).as(layout.id())
                .contains(record.getContainers().get(39).getContainerNumber());
        String all = ProjectText.project(rendered);
        assertThat(RecoverableValues.containerNumbers(all)).as(layout.id())
                .containsAll(record.getContainers().stream().map(Container::getContainerNumber).toList());
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void sameSeedGivesTheSameDocument(Layout layout) {
        ShippingDocument record = SampleShipments.full(DocumentType.SEA_WAYBILL, 2);
        assertThat(layout.render(record, new Random(11))).isEqualTo(layout.render(record, new Random(11)));
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static String collapse(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
