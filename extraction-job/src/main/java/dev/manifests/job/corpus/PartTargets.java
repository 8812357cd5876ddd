package dev.manifests.job.corpus;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.FieldComparison;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Cuts a document's truth into the truths of its parts, so the model learns to answer a part with what that part
 * shows: the containers whose numbers it prints, the header values it prints (null, or blank where the schema
 * requires a value, elsewhere), and the totals where it prints the total packages and gross weight (zeros, which
 * the merger reads as not stated, elsewhere). A value no part shows goes to the first part (a container: with the
 * container before it; totals: to the last part), so merging the part truths with the engine's merger
 * ({@link dev.manifests.serving.decode.PartMerger}) gives back the document's truth.
 */
public final class PartTargets {

    private static final String CONTAINERS = "containers";
    private static final String TOTALS = "totals";
    private static final String DOCUMENT_TYPE = "documentType";
    /** A number as documents print it: digits, perhaps grouped by thousands, perhaps with decimals. */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:[.,']\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?");
    /** The same with thousands grouped by spaces; read apart, since columns of numbers are also spaced. */
    private static final Pattern SPACED_NUMBER = Pattern.compile("\\d{1,3}(?: \\d{3})+(?:[.,]\\d+)?");
    private static final BigDecimal WEIGHT_TOLERANCE = new BigDecimal("0.001");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("d.M.yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("dd-MM-yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT),
            DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("dd-MMM-yy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMM dd, yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("dd MMMM yyyy", Locale.ENGLISH));

    private PartTargets() {
    }

    /** The canonical model JSON of each part's truth, in part order. */
    public static List<String> of(ShippingDocument truth, List<String> partTexts) {
        int n = partTexts.size();
        List<String> textOf = new ArrayList<>(n);
        List<String> codeOf = new ArrayList<>(n);
        for (String text : partTexts) {
            textOf.add(FieldComparison.normaliseText(text));
            codeOf.add(FieldComparison.normaliseCode(text));
        }
        List<ShippingDocument> parts = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            parts.add(ShippingDocument.newBuilder(truth).build());
        }
        for (Schema.Field field : ShippingDocument.getClassSchema().getFields()) {
            String name = field.name();
            if (CanonicalJson.isPipelineField(field) || CONTAINERS.equals(name) || TOTALS.equals(name)
                    || DOCUMENT_TYPE.equals(name)) {
                continue;
            }
            Object value = truth.get(field.pos());
            if (value == null) {
                continue;
            }
            boolean[] shows = new boolean[n];
            boolean anywhere = false;
            for (int p = 0; p < n; p++) {
                shows[p] = shows(value, name, textOf.get(p), codeOf.get(p));
                anywhere |= shows[p];
            }
            if (!anywhere) {
                shows[0] = true;
            }
            for (int p = 0; p < n; p++) {
                if (!shows[p]) {
                    parts.get(p).put(field.pos(), notStated(field.schema()));
                }
            }
        }
        assignContainers(truth, codeOf, parts);
        assignTotals(truth, partTexts, parts);
        List<String> out = new ArrayList<>(n);
        for (ShippingDocument part : parts) {
            out.add(CanonicalJson.toModelJson(part));
        }
        return out;
    }

    /**
     * Each container goes to every part printing its number from the part of the container before it on; one no
     * such part prints goes with the container before it. Parts earlier than that are passed over (a number printed
     * ahead of its row, as in a list of containers on the first page) so the merged containers keep the document's
     * order.
     */
    private static void assignContainers(ShippingDocument truth, List<String> codeOf, List<ShippingDocument> parts) {
        List<List<Container>> byPart = new ArrayList<>();
        parts.forEach(part -> byPart.add(new ArrayList<>()));
        int previousPart = 0;
        for (Container container : truth.getContainers()) {
            String number = FieldComparison.normaliseCode(container.getContainerNumber());
            boolean placed = false;
            for (int p = previousPart; p < parts.size(); p++) {
                if (!number.isEmpty() && codeOf.get(p).contains(number)) {
                    byPart.get(p).add(container);
                    if (!placed) {
                        previousPart = p;
                    }
                    placed = true;
                }
            }
            if (!placed) {
                byPart.get(previousPart).add(container);
            }
        }
        for (int p = 0; p < parts.size(); p++) {
            parts.get(p).setContainers(byPart.get(p));
        }
    }

    /** Totals in each part printing the total packages and gross weight, else in the last part; zeros elsewhere. */
    private static void assignTotals(ShippingDocument truth, List<String> partTexts, List<ShippingDocument> parts) {
        Totals totals = truth.getTotals();
        boolean[] shows = new boolean[parts.size()];
        boolean anywhere = false;
        for (int p = 0; p < parts.size(); p++) {
            Set<BigDecimal> numbers = numbersIn(partTexts.get(p));
            shows[p] = containsNumber(numbers, BigDecimal.valueOf(totals.getPackageCount()))
                    && containsNumber(numbers, BigDecimal.valueOf(totals.getGrossWeightKg()));
            anywhere |= shows[p];
        }
        if (!anywhere) {
            shows[parts.size() - 1] = true;
        }
        for (int p = 0; p < parts.size(); p++) {
            parts.get(p).setTotals(shows[p] ? Totals.newBuilder(totals).build() : new Totals(0, 0, 0.0, null));
        }
    }

    /** Whether the part's text shows a header value: records by their name (or first value), text and codes normalised. */
    static boolean shows(Object value, String fieldName, String normalisedText, String normalisedCode) {
        if (value instanceof IndexedRecord record) {
            for (Schema.Field field : record.getSchema().getFields()) {
                Object inner = record.get(field.pos());
                if (inner != null && !inner.toString().isBlank()) {
                    return shows(inner, field.name(), normalisedText, normalisedCode);
                }
            }
            return false;
        }
        if (value instanceof LocalDate date) {
            for (DateTimeFormatter format : DATE_FORMATS) {
                if (normalisedText.contains(FieldComparison.normaliseText(format.format(date)))) {
                    return true;
                }
            }
            return false;
        }
        String text = value.toString();
        if (FieldComparison.CODE_FIELDS.contains(fieldName)) {
            return normalisedCode.contains(FieldComparison.normaliseCode(text));
        }
        String wanted = FieldComparison.normaliseText(text);
        if (normalisedText.contains(wanted)) {
            return true;
        }
        // an address printed over several lines, or with its pieces in another order: every piece is there
        String[] pieces = wanted.split(",");
        if (pieces.length < 2) {
            return false;
        }
        for (String piece : pieces) {
            String trimmed = FieldComparison.normaliseText(piece);
            if (!trimmed.isEmpty() && !normalisedText.contains(trimmed)) {
                return false;
            }
        }
        return true;
    }

    /** What a part that does not show a field holds: null where the schema allows it, else a blank value. */
    private static Object notStated(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> null;
            case STRING -> "";
            case RECORD -> {
                IndexedRecord blank = (IndexedRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    blank.put(field.pos(), notStated(field.schema()));
                }
                yield blank;
            }
            default -> throw new IllegalArgumentException("no 'not stated' value for a required " + schema.getType());
        };
    }

    /** Every number the text prints, read with either decimal mark (thousands grouped by the other, or by spaces). */
    private static Set<BigDecimal> numbersIn(String text) {
        Set<BigDecimal> numbers = new HashSet<>();
        for (Pattern pattern : List.of(NUMBER, SPACED_NUMBER)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String printed = matcher.group();
                addNumber(numbers, printed.replaceAll("[,' ]", ""));
                addNumber(numbers, printed.replaceAll("[.' ]", "").replace(',', '.'));
            }
        }
        return numbers;
    }

    private static void addNumber(Set<BigDecimal> numbers, String plain) {
        int firstDot = plain.indexOf('.');
        if (firstDot >= 0 && firstDot != plain.lastIndexOf('.')) {
            return;
        }
        numbers.add(new BigDecimal(plain));
    }

    private static boolean containsNumber(Set<BigDecimal> numbers, BigDecimal wanted) {
        for (BigDecimal number : numbers) {
            if (number.subtract(wanted).abs().compareTo(WEIGHT_TOLERANCE) <= 0) {
                return true;
            }
        }
        return false;
    }
}
