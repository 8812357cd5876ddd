package dev.manifests.job.validate;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import java.util.List;
import java.util.Locale;

/**
 * The containers' gross weights add up to the stated total within a tolerance, since documents round each
 * container's weight.
 */
public final class GrossWeightRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "gross-weight";

    private final double toleranceRelative;
    private final double toleranceMinKg;

    public GrossWeightRule(double toleranceRelative, double toleranceMinKg) {
        this.toleranceRelative = toleranceRelative;
        this.toleranceMinKg = toleranceMinKg;
    }

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        double sum = 0;
        for (Container container : document.getContainers()) {
            sum += container.getGrossWeightKg();
        }
        double stated = document.getTotals().getGrossWeightKg();
        double allowed = Math.max(toleranceMinKg, toleranceRelative * Math.abs(stated));
        if (Math.abs(sum - stated) <= allowed) {
            return List.of();
        }
        return List.of(new RuleViolation(NAME, "totals.grossWeightKg", String.format(Locale.ROOT,
                "states %.3f kg, the containers weigh %.3f kg (allowed difference %.3f kg)", stated, sum, allowed)));
    }
}
