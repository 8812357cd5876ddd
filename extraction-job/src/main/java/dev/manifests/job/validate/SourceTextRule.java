package dev.manifests.job.validate;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The identifiers the model wrote (the B/L number and every container number) and the totals it says the document
 * states (package count and gross weight) are printed in the document's own text. A model forced to answer in the
 * schema's shape always writes a record, even for a text that is no shipping document; this rule catches
 * identifiers it made up, and totals it computed from the containers instead of reading them, which would hide a
 * document whose stated totals disagree with its containers.
 */
public final class SourceTextRule implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "source-text";

    /** The violations in {@code document} against the text it was extracted from, empty when every identifier is there. */
    public List<RuleViolation> check(ShippingDocument document, String sourceText) {
        // letters and digits only: documents print identifiers with spaces, dashes or line breaks inside them
        String printed = compact(sourceText);
        List<RuleViolation> violations = new ArrayList<>();
        check("billOfLadingNumber", document.getBillOfLadingNumber(), printed, violations);
        List<Container> containers = document.getContainers();
        for (int i = 0; i < containers.size(); i++) {
            check("containers[" + i + "].containerNumber", containers.get(i).getContainerNumber(), printed, violations);
        }
        check("totals.packageCount", Integer.toString(document.getTotals().getPackageCount()), printed, violations);
        check("totals.grossWeightKg", digitsOf(document.getTotals().getGrossWeightKg()), printed, violations);
        return violations;
    }

    private static void check(String fieldPath, String value, String printed, List<RuleViolation> violations) {
        String identifier = compact(value);
        if (identifier.isEmpty() || !printed.contains(identifier)) {
            violations.add(new RuleViolation(NAME, fieldPath, "'" + value + "' is not printed in the document"));
        }
    }

    /**
     * The digits of a weight as any print of it contains them: 12345.6 is printed 12,345.600 or 12.345,6 or
     * 12345.60 KGS, all of which hold 123456 once separators are dropped.
     */
    private static String digitsOf(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString().replace(".", "");
    }

    private static String compact(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder compact = new StringBuilder(text.length());
        text.toUpperCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(compact::appendCodePoint);
        return compact.toString();
    }
}
