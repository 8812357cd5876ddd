package dev.manifests.job.validate;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import java.util.List;
import java.util.Locale;

/**
 * When the total volume and every container's volume are stated, the volumes add up to the total within a
 * tolerance.
 */
public final class VolumeRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "volume";

    private final double toleranceRelative;
    private final double toleranceMinM3;

    public VolumeRule(double toleranceRelative, double toleranceMinM3) {
        this.toleranceRelative = toleranceRelative;
        this.toleranceMinM3 = toleranceMinM3;
    }

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        Double stated = document.getTotals().getVolumeM3();
        if (stated == null || document.getContainers().isEmpty()) {
            return List.of();
        }
        double sum = 0;
        for (Container container : document.getContainers()) {
            if (container.getVolumeM3() == null) {
                // a partial list of volumes cannot be compared with a total
                return List.of();
            }
            sum += container.getVolumeM3();
        }
        double allowed = Math.max(toleranceMinM3, toleranceRelative * Math.abs(stated));
        if (Math.abs(sum - stated) <= allowed) {
            return List.of();
        }
        return List.of(new RuleViolation(NAME, "totals.volumeM3", String.format(Locale.ROOT,
                "states %.3f m3, the containers measure %.3f m3 (allowed difference %.3f m3)", stated, sum, allowed)));
    }
}
