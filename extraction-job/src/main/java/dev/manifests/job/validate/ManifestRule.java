package dev.manifests.job.validate;

import dev.manifests.schema.ShippingDocument;
import java.io.Serializable;
import java.util.List;

/**
 * One domain rule over a whole record; a record passes when no rule returns a violation. Rules are serializable so
 * a validator can travel inside a Flink function.
 */
public interface ManifestRule extends Serializable {

    /** The violations of this rule in {@code document}, empty when it holds. */
    List<RuleViolation> check(ShippingDocument document);
}
