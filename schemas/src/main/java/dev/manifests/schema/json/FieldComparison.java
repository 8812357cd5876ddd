package dev.manifests.schema.json;

import dev.manifests.schema.ShippingDocument;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares an extracted {@link ShippingDocument} with its expected one field by field, after normalising both, so
 * that accuracy counts what a reader of the document would call the same value.
 *
 * <p>Fields are the leaves of the schema, named by path: {@code shipper.name}, {@code notifyParty.countryCode},
 * {@code containers[0].hsCodes[1]}, {@code totals.grossWeightKg}. Fields filled by the pipeline are not compared.
 * Normalisation, by the kind of field:
 * <ul>
 *   <li>free text (names, addresses, descriptions, package types): Unicode NFKC, whitespace collapsed to single
 *       spaces, trimmed, case folded, trailing {@code .} or {@code ,} ignored;</li>
 *   <li>codes (container, seal, size/type, UN/LOCODE, SCAC, HS, country, B/L, booking and voyage numbers):
 *       NFKC, upper case, spaces, dots, dashes and slashes removed;</li>
 *   <li>weights and volumes: equal within 0.001; counts: exactly equal;</li>
 *   <li>dates as ISO {@code yyyy-MM-dd}; enums by symbol;</li>
 *   <li>{@code null} equals absent (a null notify party equals one whose fields are all null);</li>
 *   <li>array elements are compared by position; a container present on one side only makes each of its fields
 *       wrong, whatever their values.</li>
 * </ul>
 *
 * <p>Precision and recall per field path: a field is <em>predicted</em> when its extracted value is non-null and
 * <em>relevant</em> when its expected value is non-null. Precision is correct predicted fields over predicted
 * fields; recall is correct relevant fields over relevant fields (see {@link FieldOutcome#truePositive()}). A field
 * that is null on both sides is correct but counts in neither.
 */
public final class FieldComparison {

    /** Fields compared as codes: punctuation and case do not matter. */
    public static final Set<String> CODE_FIELDS = Set.of(
            "containerNumber", "sealNumber", "sizeTypeCode", "unlocode", "scac", "hsCodes", "countryCode",
            "billOfLadingNumber", "bookingNumber", "voyageNumber");

    private static final BigDecimal DECIMAL_TOLERANCE = new BigDecimal("0.001");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,\\s]+$");
    private static final Pattern CODE_NOISE = Pattern.compile("[\\s./\\-]+");

    private FieldComparison() {
    }

    /** How a leaf is normalised and compared. */
    private enum Kind { TEXT, CODE, DECIMAL, COUNT, DATE, SYMBOL }

    /** One leaf of a flattened record; {@code raw} keeps the number for the tolerance comparison. */
    private record Leaf(Kind kind, String value, Object raw) {
    }

    /** A flattened record: its leaves in schema order, and the array elements of records it has. */
    private record Flat(Map<String, Leaf> leaves, Set<String> recordElements) {
    }

    /** The record's fields by path with their normalised values (null when absent), in schema order. */
    public static Map<String, String> flatten(ShippingDocument document) {
        Map<String, String> values = new LinkedHashMap<>();
        flat(document).leaves().forEach((path, leaf) -> values.put(path, leaf.value()));
        return values;
    }

    /**
     * Compares every field of the two records. {@code extracted} may be null (nothing was extracted): each field
     * is then compared with absent.
     */
    public static List<FieldOutcome> compare(ShippingDocument expected, ShippingDocument extracted) {
        Flat want = flat(expected);
        Flat got = extracted == null ? new Flat(new LinkedHashMap<>(), new HashSet<>()) : flat(extracted);
        Map<String, Leaf> paths = new LinkedHashMap<>(want.leaves());
        got.leaves().forEach(paths::putIfAbsent);
        List<FieldOutcome> outcomes = new ArrayList<>(paths.size());
        for (Map.Entry<String, Leaf> entry : paths.entrySet()) {
            String path = entry.getKey();
            Leaf expectedLeaf = want.leaves().get(path);
            Leaf extractedLeaf = got.leaves().get(path);
            boolean correct = onBothSides(path, want.recordElements(), got.recordElements())
                    && agree(entry.getValue().kind(), expectedLeaf, extractedLeaf);
            outcomes.add(new FieldOutcome(path, valueOf(expectedLeaf), valueOf(extractedLeaf), correct));
        }
        return outcomes;
    }

    /** True when every field agrees. */
    public static boolean documentExactMatch(List<FieldOutcome> outcomes) {
        for (FieldOutcome outcome : outcomes) {
            if (!outcome.correct()) {
                return false;
            }
        }
        return true;
    }

    /** Free text normalised: NFKC, whitespace collapsed, trimmed, case folded, trailing '.' or ',' dropped. */
    public static String normaliseText(String text) {
        if (text == null) {
            return null;
        }
        String value = Normalizer.normalize(text, Normalizer.Form.NFKC);
        value = WHITESPACE.matcher(value).replaceAll(" ");
        value = TRAILING_PUNCTUATION.matcher(value).replaceAll("").trim();
        // upper then lower folds both ways, so "Straße" and "STRASSE" agree
        return value.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** A code normalised: NFKC, upper case, without spaces, dots, dashes or slashes. */
    public static String normaliseCode(String code) {
        if (code == null) {
            return null;
        }
        String value = Normalizer.normalize(code, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        return CODE_NOISE.matcher(value).replaceAll("");
    }

    private static String valueOf(Leaf leaf) {
        return leaf == null ? null : leaf.value();
    }

    private static boolean agree(Kind kind, Leaf expected, Leaf extracted) {
        Object a = expected == null ? null : expected.raw();
        Object b = extracted == null ? null : extracted.raw();
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (kind == Kind.DECIMAL) {
            BigDecimal difference = BigDecimal.valueOf(((Number) a).doubleValue())
                    .subtract(BigDecimal.valueOf(((Number) b).doubleValue())).abs();
            return difference.compareTo(DECIMAL_TOLERANCE) <= 0;
        }
        return expected.value().equals(extracted.value());
    }

    /** False when the path lies in an array element of records that only one side has. */
    private static boolean onBothSides(String path, Set<String> expectedElements, Set<String> extractedElements) {
        for (int end = path.indexOf(']'); end >= 0; end = path.indexOf(']', end + 1)) {
            String element = path.substring(0, end + 1);
            if (expectedElements.contains(element) != extractedElements.contains(element)) {
                return false;
            }
        }
        return true;
    }

    private static Flat flat(IndexedRecord record) {
        Flat flat = new Flat(new LinkedHashMap<>(), new HashSet<>());
        flattenRecord(flat, record, record.getSchema(), "");
        return flat;
    }

    private static void flattenRecord(Flat flat, IndexedRecord record, Schema schema, String path) {
        for (Schema.Field field : schema.getFields()) {
            if (CanonicalJson.isPipelineField(field)) {
                continue;
            }
            Object value = record == null ? null : record.get(field.pos());
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            flattenValue(flat, value, field.schema(), fieldPath, field.name());
        }
    }

    private static void flattenValue(Flat flat, Object value, Schema schema, String path, String fieldName) {
        Schema type = nonNull(schema);
        switch (type.getType()) {
            case RECORD -> flattenRecord(flat, (IndexedRecord) value, type, path);
            case ARRAY -> {
                if (value == null) {
                    return;
                }
                boolean ofRecords = nonNull(type.getElementType()).getType() == Schema.Type.RECORD;
                int index = 0;
                for (Object element : (Collection<?>) value) {
                    String elementPath = path + "[" + index++ + "]";
                    if (ofRecords) {
                        flat.recordElements().add(elementPath);
                    }
                    flattenValue(flat, element, type.getElementType(), elementPath, fieldName);
                }
            }
            default -> flat.leaves().put(path, leaf(value, type, fieldName));
        }
    }

    private static Leaf leaf(Object value, Schema type, String fieldName) {
        Kind kind = kindOf(type, fieldName);
        if (value == null) {
            return new Leaf(kind, null, null);
        }
        return switch (kind) {
            case TEXT -> text(kind, normaliseText(value.toString()));
            case CODE -> text(kind, normaliseCode(value.toString()));
            case DECIMAL -> new Leaf(kind, CanonicalJson.decimal(((Number) value).doubleValue()), value);
            case COUNT -> new Leaf(kind, Long.toString(((Number) value).longValue()), value);
            case DATE -> {
                LocalDate date = value instanceof LocalDate local ? local
                        : LocalDate.ofEpochDay(((Number) value).intValue());
                String iso = date.toString();
                yield new Leaf(kind, iso, iso);
            }
            case SYMBOL -> new Leaf(kind, value.toString(), value.toString());
        };
    }

    /** Text that normalises to nothing counts as absent, the way an empty field on a form does. */
    private static Leaf text(Kind kind, String normalised) {
        return normalised.isEmpty() ? new Leaf(kind, null, null) : new Leaf(kind, normalised, normalised);
    }

    private static Kind kindOf(Schema type, String fieldName) {
        return switch (type.getType()) {
            case STRING -> CODE_FIELDS.contains(fieldName) ? Kind.CODE : Kind.TEXT;
            case DOUBLE, FLOAT -> Kind.DECIMAL;
            case INT -> type.getLogicalType() instanceof LogicalTypes.Date ? Kind.DATE : Kind.COUNT;
            case LONG -> Kind.COUNT;
            default -> Kind.SYMBOL;
        };
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return schema;
    }
}
