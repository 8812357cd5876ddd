package dev.manifests.job.validate;

import dev.manifests.schema.ShippingDocument;
import java.util.List;

/** A stated Standard Carrier Alpha Code is two to four capital letters. */
public final class ScacRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "scac";

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        String scac = document.getCarrier().getScac();
        if (scac == null || scac.matches("[A-Z]{2,4}")) {
            return List.of();
        }
        return List.of(new RuleViolation(NAME, "carrier.scac", "'" + scac + "' is not 2 to 4 capital letters"));
    }
}
