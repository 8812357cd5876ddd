package dev.manifests.job.validate;

import dev.manifests.schema.ShippingDocument;
import java.util.List;

/** What {@link ManifestValidator} made of the model's JSON: a record fit for the tables, or why it is not. */
public sealed interface ValidationOutcome {

    /** A record that fits the schema and passes every domain rule. */
    record Valid(ShippingDocument record) implements ValidationOutcome {
    }

    /**
     * JSON that does not fit the schema, or a record that breaks domain rules.
     *
     * @param reason one line for the dead letter, naming the first violations
     * @param violations every rule broken; a single {@code schema} violation when the JSON does not fit the schema
     * @param json the JSON as the model wrote it
     */
    record Invalid(String reason, List<RuleViolation> violations, String json) implements ValidationOutcome {

        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}
