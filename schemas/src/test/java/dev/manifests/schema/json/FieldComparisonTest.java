package dev.manifests.schema.json;

import dev.manifests.schema.Container;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FieldComparisonTest {

    private final ShippingDocument expected = SampleRecords.billOfLading();

    private static FieldOutcome outcome(List<FieldOutcome> outcomes, String path) {
        return outcomes.stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
    }

    private static ShippingDocument copy(ShippingDocument document) {
        return ShippingDocument.newBuilder(document).build();
    }

    @Test
    void identicalDocumentsMatchExactly() {
        List<FieldOutcome> outcomes = FieldComparison.compare(expected, copy(expected));

        assertThat(FieldComparison.documentExactMatch(outcomes)).isTrue();
        assertThat(outcomes).extracting(FieldOutcome::path).contains("shipper.name", "notifyParty.countryCode",
                "containers[1].hsCodes[1]", "totals.grossWeightKg").doesNotContain("documentId");
    }

    @Test
    void flattensInSchemaOrderWithNormalisedValues() {
        Map<String, String> flat = FieldComparison.flatten(expected);

        assertThat(flat.keySet()).startsWith("documentType", "billOfLadingNumber", "bookingNumber", "shipper.name");
        assertThat(flat).containsEntry("consignee.name", "müller & söhne gmbh")
                .containsEntry("containers[0].grossWeightKg", "20000")
                .containsEntry("dateOfIssue", "2025-03-07")
                .containsEntry("notifyParty.name", null);
    }

    @Test
    void freeTextIgnoresCaseWhitespaceWidthAndTrailingPunctuation() {
        ShippingDocument extracted = copy(expected);
        extracted.setShipper(Party.newBuilder(expected.getShipper())
                .setName("  SOCIÉTÉ  GÉNÉRALE d'Exportation\nS.À R.L,").build());
        extracted.setConsignee(Party.newBuilder(expected.getConsignee()).setName("ＭＵＬＬＥＲ & Söhne GmbH").build());

        List<FieldOutcome> outcomes = FieldComparison.compare(expected, extracted);

        assertThat(outcome(outcomes, "shipper.name").correct()).isTrue();
        assertThat(outcome(outcomes, "consignee.name").correct()).isFalse();
    }

    @Test
    void sharpSAgreesWithItsUpperCaseSpelling() {
        assertThat(FieldComparison.normaliseText("Großstraße 5")).isEqualTo(FieldComparison.normaliseText("GROSSSTRASSE 5"));
    }

    @Test
    void codesIgnoreSpacesDotsDashesSlashesAndCase() {
        assertThat(FieldComparison.normaliseCode("mscu 123456-6")).isEqualTo("MSCU1234566");
        assertThat(FieldComparison.normaliseCode("6911.10")).isEqualTo("691110");
        assertThat(FieldComparison.normaliseCode("NL RTM")).isEqualTo("NLRTM");
        assertThat(FieldComparison.normaliseCode("245/W")).isEqualTo("245W");
    }

    @Test
    void weightsAgreeWithinOneGramAndCountsMustBeExact() {
        ShippingDocument extracted = copy(expected);
        List<Container> containers = new ArrayList<>();
        containers.add(Container.newBuilder(expected.getContainers().get(0)).setGrossWeightKg(20000.001).setPackageCount(1201).build());
        containers.add(Container.newBuilder(expected.getContainers().get(1)).setGrossWeightKg(1234.565).build());
        extracted.setContainers(containers);

        List<FieldOutcome> outcomes = FieldComparison.compare(expected, extracted);

        assertThat(outcome(outcomes, "containers[0].grossWeightKg").correct()).isTrue();
        assertThat(outcome(outcomes, "containers[0].packageCount").correct()).isFalse();
        assertThat(outcome(outcomes, "containers[1].grossWeightKg").correct()).isFalse();
    }

    @Test
    void nullNotifyPartyEqualsOneWithOnlyNullFields() {
        ShippingDocument extracted = copy(expected);
        extracted.setNotifyParty(Party.newBuilder().setName("").setAddress(null).setCountryCode(null).build());

        assertThat(FieldComparison.documentExactMatch(FieldComparison.compare(expected, extracted))).isTrue();
    }

    @Test
    void extractedValueWhereNoneIsExpectedIsWrong() {
        ShippingDocument extracted = copy(expected);
        extracted.setBookingNumber("BK123");

        FieldOutcome booking = outcome(FieldComparison.compare(expected, extracted), "bookingNumber");

        assertThat(booking.correct()).isFalse();
        assertThat(booking.predicted()).isTrue();
        assertThat(booking.relevant()).isFalse();
    }

    @Test
    void missingContainerMakesEachOfItsFieldsWrongEvenNullOnes() {
        ShippingDocument extracted = copy(expected);
        extracted.setContainers(new ArrayList<>(List.of(expected.getContainers().get(0))));

        List<FieldOutcome> outcomes = FieldComparison.compare(expected, extracted);

        assertThat(outcome(outcomes, "containers[0].containerNumber").correct()).isTrue();
        assertThat(outcome(outcomes, "containers[1].sealNumber").correct()).isFalse();
        assertThat(outcome(outcomes, "containers[1].containerNumber").extracted()).isNull();
        assertThat(FieldComparison.documentExactMatch(outcomes)).isFalse();
    }

    @Test
    void extraContainerMakesEachOfItsFieldsWrong() {
        ShippingDocument extracted = copy(expected);
        List<Container> containers = new ArrayList<>(expected.getContainers());
        containers.add(expected.getContainers().get(1));
        extracted.setContainers(containers);

        List<FieldOutcome> outcomes = FieldComparison.compare(expected, extracted);

        assertThat(outcome(outcomes, "containers[2].volumeM3").correct()).isFalse();
        assertThat(outcome(outcomes, "containers[2].containerNumber").expected()).isNull();
    }

    @Test
    void nothingExtractedLeavesOnlyBothNullFieldsCorrect() {
        List<FieldOutcome> outcomes = FieldComparison.compare(expected, null);

        assertThat(outcome(outcomes, "billOfLadingNumber").correct()).isFalse();
        assertThat(outcome(outcomes, "bookingNumber").correct()).isTrue();
        assertThat(outcome(outcomes, "containers[1].sealNumber").correct()).isFalse();
    }
}
