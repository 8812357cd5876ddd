package dev.manifests.job.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

    private final ManifestValidator validator = new ManifestValidator(ValidationOptions.defaults()
            .withClock(Clock.fixed(Manifests.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC)));

    @Test
    void acceptsValidRecordAndFilesItUnderDocumentId() {
        String json = CanonicalJson.toModelJson(Manifests.valid());

        ValidationOutcome outcome = validator.validate(json, "kafka-key-42", Manifests.PRINTED);

        assertThat(outcome).isInstanceOf(ValidationOutcome.Valid.class);
        ShippingDocument record = ((ValidationOutcome.Valid) outcome).record();
        assertThat(record.getDocumentId()).isEqualTo("kafka-key-42");
        assertThat(record.getContainers()).hasSize(2);
    }

    @Test
    void rejectsJsonThatDoesNotFitSchema() {
        String json = CanonicalJson.toModelJson(Manifests.valid())
                .replace("\"containerCount\":2", "\"containerCount\":\"two\"");

        ValidationOutcome.Invalid invalid = invalid(validator.validate(json, "doc-1", Manifests.PRINTED));

        assertThat(invalid.reason()).startsWith("does not fit the schema: ");
        assertThat(invalid.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(ManifestValidator.SCHEMA_RULE);
            assertThat(v.fieldPath()).isEqualTo("totals.containerCount");
        });
        assertThat(invalid.json()).isEqualTo(json);
    }

    @Test
    void rejectsTextThatIsNotJson() {
        ValidationOutcome.Invalid invalid = invalid(validator.validate("{\"documentType\": ", "doc-1", Manifests.PRINTED));

        assertThat(invalid.violations()).extracting(RuleViolation::rule).containsExactly("schema");
    }

    @Test
    void rejectsIdentifiersThatAreNotPrintedInTheDocument() {
        String json = CanonicalJson.toModelJson(Manifests.valid());

        ValidationOutcome.Invalid invalid = invalid(validator.validate(json, "doc-3",
                "Preheat the oven to 180 C. Mix 200 g flour with two eggs."));

        assertThat(invalid.violations()).extracting(RuleViolation::rule, RuleViolation::fieldPath).startsWith(
                tuple(SourceTextRule.NAME, "billOfLadingNumber"), tuple(SourceTextRule.NAME, "containers[0].containerNumber"));
        assertThat(invalid.reason()).contains("source-text at billOfLadingNumber: '" + Manifests.valid().getBillOfLadingNumber()
                + "' is not printed in the document");
    }

    @Test
    void rejectsStatedTotalsThatAreNotPrintedInTheDocument() {
        ShippingDocument document = Manifests.valid();
        document.getTotals().setGrossWeightKg(31350.5);

        ValidationOutcome.Invalid invalid = invalid(validator.validate(CanonicalJson.toModelJson(document), "doc-5",
                Manifests.PRINTED));

        assertThat(invalid.violations()).extracting(RuleViolation::rule, RuleViolation::fieldPath)
                .contains(tuple(SourceTextRule.NAME, "totals.grossWeightKg"));
    }

    @Test
    void findsIdentifiersPrintedWithSpacesAndDashes() {
        ShippingDocument document = Manifests.valid();
        String spaced = Manifests.PRINTED.replace(document.getContainers().get(0).getContainerNumber(),
                spaced(document.getContainers().get(0).getContainerNumber()));

        assertThat(validator.validate(CanonicalJson.toModelJson(document), "doc-4", spaced))
                .isInstanceOf(ValidationOutcome.Valid.class);
    }

    private static String spaced(String containerNumber) {
        return containerNumber.substring(0, 4).toLowerCase(java.util.Locale.ROOT) + " " + containerNumber.substring(4, 10)
                + "-" + containerNumber.substring(10);
    }

    @Test
    void namesEachViolatedRule() {
        ShippingDocument document = Manifests.valid();
        document.getContainers().get(0).setContainerNumber("CSQU3054384");
        document.getTotals().setContainerCount(5);
        document.getTotals().setPackageCount(7);
        document.getTotals().setGrossWeightKg(1.0);
        document.getCarrier().setScac("M4EU");
        String json = CanonicalJson.toModelJson(document);

        // the changed container number as printed, so only the domain rules speak
        ValidationOutcome.Invalid invalid = invalid(validator.validate(json, "doc-2",
                Manifests.PRINTED.replace("CSQU3054383", "CSQU3054384")));

        assertThat(invalid.violations()).extracting(RuleViolation::rule).containsExactly(
                "container-check-digit", "container-count", "package-count", "gross-weight", "scac");
        assertThat(invalid.reason()).startsWith("5 rule violations (container-check-digit, container-count, package-count, gross-weight, scac): "
                        + "container-check-digit at containers[0]")
                .endsWith("; and 2 more");
        assertThat(invalid.json()).isEqualTo(json);
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsFunctions() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(validator);
        }
        ManifestValidator copy;
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ManifestValidator) in.readObject();
        }

        ShippingDocument document = Manifests.valid();
        document.getTotals().setPackageCount(1);
        assertThat(copy.check(document)).extracting(RuleViolation::rule).containsExactly("package-count");
    }

    private static ValidationOutcome.Invalid invalid(ValidationOutcome outcome) {
        assertThat(outcome).isInstanceOf(ValidationOutcome.Invalid.class);
        return (ValidationOutcome.Invalid) outcome;
    }
}
