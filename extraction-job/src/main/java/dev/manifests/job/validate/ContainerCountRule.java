package dev.manifests.job.validate;

import dev.manifests.schema.ShippingDocument;
import java.util.List;

/** The stated number of containers equals the number of containers listed. */
public final class ContainerCountRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "container-count";

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        int stated = document.getTotals().getContainerCount();
        int listed = document.getContainers().size();
        if (stated == listed) {
            return List.of();
        }
        return List.of(new RuleViolation(NAME, "totals.containerCount",
                "states " + stated + " containers, lists " + listed));
    }
}
