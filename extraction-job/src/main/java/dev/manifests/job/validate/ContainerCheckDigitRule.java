package dev.manifests.job.validate;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.codes.Iso6346;
import java.util.ArrayList;
import java.util.List;

/** Every container number is a well-formed ISO 6346 number with the right check digit. */
public final class ContainerCheckDigitRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "container-check-digit";

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        List<RuleViolation> violations = new ArrayList<>();
        List<Container> containers = document.getContainers();
        for (int i = 0; i < containers.size(); i++) {
            String number = containers.get(i).getContainerNumber();
            if (!Iso6346.isValid(number)) {
                violations.add(new RuleViolation(NAME, "containers[" + i + "].containerNumber", describe(number)));
            }
        }
        return violations;
    }

    private static String describe(String number) {
        String compact = Iso6346.normalise(number);
        if (!compact.matches("[A-Z]{3}[UJZ][0-9]{7}")) {
            return "'" + number + "' is not an ISO 6346 container number (3 letters, U/J/Z, 6 digits, check digit)";
        }
        return "'" + number + "' has check digit " + compact.charAt(10) + ", ISO 6346 gives "
                + Iso6346.checkDigit(compact.substring(0, 10));
    }
}
