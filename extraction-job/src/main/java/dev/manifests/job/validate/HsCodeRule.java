package dev.manifests.job.validate;

import dev.manifests.schema.ShippingDocument;
import java.util.ArrayList;
import java.util.List;

/** Every Harmonized System code is six digits: the internationally shared part, without dots. */
public final class HsCodeRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "hs-code";

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        List<RuleViolation> violations = new ArrayList<>();
        for (int c = 0; c < document.getContainers().size(); c++) {
            List<String> codes = document.getContainers().get(c).getHsCodes();
            for (int h = 0; h < codes.size(); h++) {
                String code = codes.get(h);
                if (code == null || !code.matches("[0-9]{6}")) {
                    violations.add(new RuleViolation(NAME, "containers[" + c + "].hsCodes[" + h + "]",
                            "'" + code + "' is not a six-digit HS code"));
                }
            }
        }
        return violations;
    }
}
