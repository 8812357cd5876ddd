package dev.manifests.schema.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.manifests.schema.ShippingDocument;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The one JSON form of a {@link ShippingDocument}: the answer the model is trained to write and the form of
 * {@code *.expected.json} files. Compact, fields in schema order, {@code null} for absent optional values, dates
 * as {@code yyyy-MM-dd}, enums as their symbol, decimals rounded to three places in plain notation, strings with
 * only {@code "}, {@code \} and control characters escaped.
 *
 * <p>Everything is derived from the Avro schema at run time, so a field added to the schema needs no change here.
 * Fields whose schema carries {@code "filledBy":"pipeline"} are set by the job and left out of the model's form.
 */
public final class CanonicalJson {

    /** Schema property naming who fills a field. */
    public static final String FILLED_BY = "filledBy";
    /** Value of {@link #FILLED_BY} for fields the job sets rather than the model. */
    public static final String PIPELINE = "pipeline";
    /** The pipeline field that {@link #fromJson(String, String)} takes from its argument. */
    public static final String DOCUMENT_ID = "documentId";

    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalJson() {
    }

    /** The model's answer: every field except those filled by the pipeline. */
    public static String toModelJson(ShippingDocument document) {
        return write(document, false);
    }

    /** The full record, pipeline fields included, as written to {@code *.expected.json}. */
    public static String toJson(ShippingDocument document) {
        return write(document, true);
    }

    /** Writes any Avro record the canonical way; {@code withPipelineFields} keeps fields marked filledBy=pipeline. */
    public static String write(IndexedRecord record, boolean withPipelineFields) {
        StringBuilder out = new StringBuilder(1024);
        writeRecord(out, record, record.getSchema(), "", withPipelineFields);
        return out.toString();
    }

    /**
     * Parses either form back into a record. The document id comes from {@code documentIdOrNull} when it is given
     * (it then wins over any id in the JSON), otherwise from the JSON's {@code documentId} field.
     *
     * @throws InvalidRecordException naming the field path and the problem: missing, wrong type, bad date,
     *                                unknown enum symbol, unknown field, or text that is not JSON at all
     */
    public static ShippingDocument fromJson(String json, String documentIdOrNull) throws InvalidRecordException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidRecordException("", "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidRecordException("", "not valid JSON: empty text");
        }
        Reader reader = new Reader(new ShippingDocument().getSpecificData(), documentIdOrNull);
        return (ShippingDocument) reader.readRecord(root, ShippingDocument.getClassSchema(), "");
    }

    /**
     * A decimal the canonical way: rounded half-up to three places, trailing zeros stripped, never in exponent
     * notation ({@code 20000}, not {@code 2E+4}).
     */
    public static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** True when the field is set by the job rather than extracted by the model. */
    public static boolean isPipelineField(Schema.Field field) {
        return PIPELINE.equals(field.getProp(FILLED_BY));
    }

    private static void writeRecord(StringBuilder out, IndexedRecord record, Schema schema, String path,
                                    boolean withPipelineFields) {
        out.append('{');
        boolean first = true;
        for (Schema.Field field : schema.getFields()) {
            if (!withPipelineFields && isPipelineField(field)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, field.name());
            out.append(':');
            writeValue(out, field.schema(), record.get(field.pos()), join(path, field.name()), withPipelineFields);
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Schema schema, Object value, String path,
                                   boolean withPipelineFields) {
        if (schema.getType() == Schema.Type.UNION) {
            if (value == null) {
                if (!acceptsNull(schema)) {
                    throw new IllegalArgumentException(path + ": null in a field that is not optional");
                }
                out.append("null");
                return;
            }
            writeValue(out, branchFor(schema, value, path), value, path, withPipelineFields);
            return;
        }
        if (value == null) {
            if (schema.getType() == Schema.Type.NULL) {
                out.append("null");
                return;
            }
            throw new IllegalArgumentException(path + ": null in a field that is not optional");
        }
        LogicalType logicalType = schema.getLogicalType();
        switch (schema.getType()) {
            case RECORD -> writeRecord(out, (IndexedRecord) value, schema, path, withPipelineFields);
            case ENUM, STRING -> writeString(out, value.toString());
            case ARRAY -> {
                out.append('[');
                int index = 0;
                for (Object element : (Collection<?>) value) {
                    if (index > 0) {
                        out.append(',');
                    }
                    writeValue(out, schema.getElementType(), element, path + "[" + index + "]", withPipelineFields);
                    index++;
                }
                out.append(']');
            }
            case INT -> {
                if (logicalType instanceof LogicalTypes.Date) {
                    LocalDate date = value instanceof LocalDate d ? d
                            : LocalDate.ofEpochDay(((Number) value).intValue());
                    out.append('"').append(ISO_DATE.format(date)).append('"');
                } else {
                    out.append(((Number) value).intValue());
                }
            }
            case LONG -> out.append(value instanceof Instant instant ? instant.toEpochMilli()
                    : ((Number) value).longValue());
            case DOUBLE, FLOAT -> {
                double number = ((Number) value).doubleValue();
                if (Double.isNaN(number) || Double.isInfinite(number)) {
                    throw new IllegalArgumentException(path + ": not a finite number: " + number);
                }
                out.append(decimal(number));
            }
            case BOOLEAN -> out.append(((Boolean) value).booleanValue());
            default -> throw new IllegalArgumentException(path + ": schema type " + schema.getType()
                    + " has no canonical JSON form");
        }
    }

    private static Schema branchFor(Schema union, Object value, String path) {
        Schema only = null;
        int nonNull = 0;
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                only = branch;
                nonNull++;
            }
        }
        if (nonNull == 1) {
            return only;
        }
        int index = SpecificData.get().resolveUnion(union, value);
        if (index < 0) {
            throw new IllegalArgumentException(path + ": value fits no branch of " + union);
        }
        return union.getTypes().get(index);
    }

    private static boolean acceptsNull(Schema union) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                return true;
            }
        }
        return false;
    }

    /** Writes a JSON string escaping only what JSON requires; non-ASCII characters stay literal. */
    static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Turns a JSON tree into Avro records of the model's classes, failing on the first field that does not fit. */
    private static final class Reader {
        private final SpecificData model;
        private final String documentId;

        Reader(SpecificData model, String documentId) {
            this.model = model;
            this.documentId = documentId;
        }

        Object readRecord(JsonNode node, Schema schema, String path) throws InvalidRecordException {
            if (!node.isObject()) {
                throw wrongType(path, "object", node);
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (schema.getField(name) == null) {
                    throw new InvalidRecordException(join(path, name), "unknown field");
                }
            }
            IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
            for (Schema.Field field : schema.getFields()) {
                String fieldPath = join(path, field.name());
                JsonNode value = node.get(field.name());
                if (path.isEmpty() && DOCUMENT_ID.equals(field.name()) && documentId != null) {
                    record.put(field.pos(), documentId);
                } else if (value == null) {
                    if (!field.hasDefaultValue()) {
                        throw new InvalidRecordException(fieldPath, "missing");
                    }
                    record.put(field.pos(), model.getDefaultValue(field));
                } else {
                    record.put(field.pos(), readValue(value, field.schema(), fieldPath));
                }
            }
            return record;
        }

        Object readValue(JsonNode node, Schema schema, String path) throws InvalidRecordException {
            switch (schema.getType()) {
                case UNION:
                    return readUnion(node, schema, path);
                case NULL:
                    if (!node.isNull()) {
                        throw wrongType(path, "null", node);
                    }
                    return null;
                case RECORD:
                    return readRecord(node, schema, path);
                case ENUM:
                    return readEnum(node, schema, path);
                case ARRAY:
                    return readArray(node, schema, path);
                case STRING:
                    if (!node.isTextual()) {
                        throw wrongType(path, "string", node);
                    }
                    return node.textValue();
                case INT:
                    if (schema.getLogicalType() instanceof LogicalTypes.Date) {
                        return readDate(node, path);
                    }
                    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                        throw wrongType(path, "integer", node);
                    }
                    return node.intValue();
                case LONG:
                    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                        throw wrongType(path, "integer", node);
                    }
                    long number = node.longValue();
                    return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                            && model.getConversionFor(schema.getLogicalType()) != null
                            ? Instant.ofEpochMilli(number) : number;
                case DOUBLE:
                    if (!node.isNumber()) {
                        throw wrongType(path, "number", node);
                    }
                    return node.doubleValue();
                case FLOAT:
                    if (!node.isNumber()) {
                        throw wrongType(path, "number", node);
                    }
                    return node.floatValue();
                case BOOLEAN:
                    if (!node.isBoolean()) {
                        throw wrongType(path, "boolean", node);
                    }
                    return node.booleanValue();
                default:
                    throw new InvalidRecordException(path, "schema type " + schema.getType() + " has no JSON form");
            }
        }

        private Object readUnion(JsonNode node, Schema union, String path) throws InvalidRecordException {
            List<Schema> branches = new ArrayList<>();
            for (Schema branch : union.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    if (node.isNull()) {
                        return null;
                    }
                } else {
                    branches.add(branch);
                }
            }
            if (branches.size() == 1) {
                return readValue(node, branches.get(0), path);
            }
            InvalidRecordException first = null;
            for (Schema branch : branches) {
                try {
                    return readValue(node, branch, path);
                } catch (InvalidRecordException e) {
                    // the next branch may fit; the first branch's complaint is reported if none does
                    if (first == null) {
                        first = e;
                    }
                }
            }
            throw first != null ? first : wrongType(path, "a value of " + union, node);
        }

        private Object readEnum(JsonNode node, Schema schema, String path) throws InvalidRecordException {
            if (!node.isTextual()) {
                throw wrongType(path, "string (enum symbol)", node);
            }
            String symbol = node.textValue();
            if (!schema.hasEnumSymbol(symbol)) {
                throw new InvalidRecordException(path, "unknown enum symbol '" + symbol + "' (expected one of "
                        + String.join(", ", schema.getEnumSymbols()) + ")");
            }
            return model.createEnum(symbol, schema);
        }

        private Object readArray(JsonNode node, Schema schema, String path) throws InvalidRecordException {
            if (!node.isArray()) {
                throw wrongType(path, "array", node);
            }
            List<Object> elements = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                elements.add(readValue(node.get(i), schema.getElementType(), path + "[" + i + "]"));
            }
            return elements;
        }

        private Object readDate(JsonNode node, String path) throws InvalidRecordException {
            if (!node.isTextual()) {
                throw wrongType(path, "date string yyyy-MM-dd", node);
            }
            LocalDate date;
            try {
                date = LocalDate.parse(node.textValue(), ISO_DATE);
            } catch (DateTimeParseException e) {
                throw new InvalidRecordException(path, "bad date '" + node.textValue() + "' (expected yyyy-MM-dd)", e);
            }
            return model.getConversionFor(LogicalTypes.date()) != null ? date : (Object) (int) date.toEpochDay();
        }

        private static InvalidRecordException wrongType(String path, String expected, JsonNode found) {
            String kind = found.isNull() ? "null" : found.getNodeType().name().toLowerCase(Locale.ROOT);
            return new InvalidRecordException(path, "wrong type: expected " + expected + ", found " + kind);
        }
    }
}
