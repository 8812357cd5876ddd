package dev.manifests.job.validate;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the model's JSON into a {@link ShippingDocument} and checks it against the domain rules (container check
 * digits, UN/LOCODEs, totals against containers, plausible dates, HS codes, SCAC). Thread-safe, stateless and
 * serializable.
 */
public final class ManifestValidator implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Rule name of a violation that the JSON does not fit the Avro schema. */
    public static final String SCHEMA_RULE = "schema";

    private static final int VIOLATIONS_IN_REASON = 3;

    private final List<ManifestRule> rules;
    private final SourceTextRule sourceTextRule = new SourceTextRule();

    public ManifestValidator(ValidationOptions options) {
        this.rules = List.of(
                new ContainerCheckDigitRule(),
                new LocationCodeRule(),
                new ContainerCountRule(),
                new PackageCountRule(),
                new GrossWeightRule(options.weightToleranceRelative(), options.weightToleranceMinKg()),
                new VolumeRule(options.volumeToleranceRelative(), options.volumeToleranceMinM3()),
                new DateRule(options),
                new HsCodeRule(),
                new ScacRule());
    }

    /**
     * Validates the model's answer for one document.
     *
     * @param modelJson the JSON the model wrote
     * @param documentId the id the record is filed under (the pipeline's field, not the model's)
     * @param sourceText the document's text the model read, where its identifiers must be printed
     */
    public ValidationOutcome validate(String modelJson, String documentId, String sourceText) {
        ShippingDocument record;
        try {
            record = CanonicalJson.fromJson(modelJson, documentId);
        } catch (InvalidRecordException e) {
            RuleViolation violation = new RuleViolation(SCHEMA_RULE, e.fieldPath(), e.getMessage());
            return new ValidationOutcome.Invalid("does not fit the schema: " + e.getMessage(), List.of(violation),
                    modelJson);
        }
        List<RuleViolation> violations = new ArrayList<>(sourceTextRule.check(record, sourceText));
        violations.addAll(check(record));
        if (violations.isEmpty()) {
            return new ValidationOutcome.Valid(record);
        }
        return new ValidationOutcome.Invalid(reason(violations), violations, modelJson);
    }

    /** Every domain rule the record breaks, in rule order; empty when it passes. */
    public List<RuleViolation> check(ShippingDocument record) {
        List<RuleViolation> violations = new ArrayList<>();
        for (ManifestRule rule : rules) {
            violations.addAll(rule.check(record));
        }
        return violations;
    }

    private static String reason(List<RuleViolation> violations) {
        String first = violations.stream().limit(VIOLATIONS_IN_REASON).map(RuleViolation::toString)
                .collect(Collectors.joining("; "));
        int more = violations.size() - VIOLATIONS_IN_REASON;
        if (violations.size() == 1) {
            return "1 rule violation: " + first;
        }
        // every broken rule by name, so the reason names each problem even when its violation is not among the first
        String rules = violations.stream().map(RuleViolation::rule).distinct().collect(Collectors.joining(", "));
        return violations.size() + " rule violations (" + rules + "): " + first + (more > 0 ? "; and " + more + " more" : "");
    }
}
