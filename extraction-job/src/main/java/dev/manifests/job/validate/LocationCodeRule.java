package dev.manifests.job.validate;

import dev.manifests.schema.Location;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.codes.UnLocode;
import java.util.ArrayList;
import java.util.List;

/** Every UN/LOCODE on the route has the code's shape: an existing country and three characters A-Z, 2-9. */
public final class LocationCodeRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "unlocode-shape";

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        List<RuleViolation> violations = new ArrayList<>();
        checkLocation("portOfLoading", document.getPortOfLoading(), violations);
        checkLocation("portOfDischarge", document.getPortOfDischarge(), violations);
        checkLocation("placeOfReceipt", document.getPlaceOfReceipt(), violations);
        checkLocation("placeOfDelivery", document.getPlaceOfDelivery(), violations);
        return violations;
    }

    private static void checkLocation(String field, Location location, List<RuleViolation> violations) {
        if (location == null || location.getUnlocode() == null) {
            return;
        }
        String code = location.getUnlocode();
        if (!UnLocode.isWellFormed(code)) {
            violations.add(new RuleViolation(NAME, field + ".unlocode",
                    "'" + code + "' is not a UN/LOCODE (ISO 3166 country code and 3 characters A-Z, 2-9)"));
        }
    }
}
