package dev.manifests.job.validate;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import java.util.List;

/** The containers' package counts add up to the stated total number of packages. */
public final class PackageCountRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "package-count";

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        long sum = 0;
        for (Container container : document.getContainers()) {
            sum += container.getPackageCount();
        }
        int stated = document.getTotals().getPackageCount();
        if (sum == stated) {
            return List.of();
        }
        return List.of(new RuleViolation(NAME, "totals.packageCount",
                "states " + stated + " packages, the containers hold " + sum));
    }
}
