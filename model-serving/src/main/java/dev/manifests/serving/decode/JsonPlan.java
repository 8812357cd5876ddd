package dev.manifests.serving.decode;

import dev.manifests.schema.json.CanonicalJson;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the model's answer, derived from an Avro record schema: records with their fields in schema order
 * (fields filled by the pipeline left out), nullable values, arrays, strings, integers, decimals, dates and enums,
 * each with the bounds the decoder enforces. It mirrors {@link CanonicalJson#toModelJson}.
 */
public final class JsonPlan {

    /** Field property overriding {@link DecodeOptions#maxStringTokens()} for one string field. */
    public static final String MAX_TOKENS = "maxTokens";
    /** Field property overriding {@link DecodeOptions#maxArrayItems()} for one array field. */
    public static final String MAX_ITEMS = "maxItems";
    /**
     * Field property {@code true} on a string field (or an array of strings) whose value is printed in the document:
     * the decoder keeps the value a copy of the document text, up to case, spacing and punctuation.
     */
    public static final String VERBATIM = "verbatim";
    /**
     * Field property {@code true} on a string field (or array of strings) whose value is a code: letters and digits,
     * with {@code -} or {@code /} between them, never a space or other punctuation. A code is printed as a word (or
     * words) of its own, so a nullable code the document does not print that way is answered null. A code need not
     * be {@link #VERBATIM verbatim} too: a carrier code is only ever printed whole or not at all, so holding it to
     * the text while it is written would only stretch a code the model took from a longer reference to that
     * reference's length.
     */
    public static final String CODE = "code";

    /** Digits of an int: nine always fit in 32 bits. */
    static final int INT_DIGITS = 9;
    /** Digits of a long: eighteen always fit in 64 bits. */
    static final int LONG_DIGITS = 18;
    /** Integer digits of a decimal: more than any weight or volume on a shipping document. */
    static final int DECIMAL_INTEGER_DIGITS = 12;
    /** Fraction digits of a decimal: {@link CanonicalJson#decimal} rounds to three places. */
    static final int DECIMAL_FRACTION_DIGITS = 3;

    /** One value of the answer. */
    public sealed interface Node permits RecordNode, NullableNode, ArrayNode, StringNode, IntegerNode, DecimalNode,
            DateNode, EnumNode {
    }

    public record Field(String name, Node value) {
    }

    public record RecordNode(String name, List<Field> fields) implements Node {
    }

    /** A value that may be {@code null} instead. */
    public record NullableNode(Node value) implements Node {
    }

    public record ArrayNode(Node items, int maxItems) implements Node {
    }

    /**
     * A string of at most {@code maxTokens} tokens; {@code verbatim} when it is copied from the document text,
     * {@code code} when it is a {@link #CODE code}.
     */
    public record StringNode(int maxTokens, boolean verbatim, boolean code) implements Node {

        /** A string the model may write freely. */
        public StringNode(int maxTokens) {
            this(maxTokens, false, false);
        }
    }

    /** A non-negative integer without leading zeros, of at most {@code maxDigits} digits. */
    public record IntegerNode(int maxDigits) implements Node {
    }

    /** A non-negative decimal in canonical form: no leading zeros, no trailing fraction zeros, no exponent. */
    public record DecimalNode(int maxIntegerDigits, int maxFractionDigits) implements Node {
    }

    /** A calendar date written {@code "yyyy-MM-dd"}. */
    public record DateNode() implements Node {
    }

    public record EnumNode(List<String> symbols) implements Node {
    }

    private final RecordNode root;

    private JsonPlan(RecordNode root) {
        this.root = root;
    }

    public static JsonPlan of(Schema recordSchema, DecodeOptions options) {
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("an answer plan starts from a record schema, not " + recordSchema.getType());
        }
        return new JsonPlan((RecordNode) node(recordSchema, null, options));
    }

    public RecordNode root() {
        return root;
    }

    private static Node node(Schema schema, Schema.Field field, DecodeOptions options) {
        switch (schema.getType()) {
            case RECORD: {
                List<Field> fields = new ArrayList<>();
                for (Schema.Field child : schema.getFields()) {
                    if (!CanonicalJson.isPipelineField(child)) {
                        fields.add(new Field(child.name(), node(child.schema(), child, options)));
                    }
                }
                return new RecordNode(schema.getFullName(), List.copyOf(fields));
            }
            case UNION: {
                Schema value = null;
                boolean nullable = false;
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() == Schema.Type.NULL) {
                        nullable = true;
                    } else if (value == null) {
                        value = branch;
                    } else {
                        throw new IllegalArgumentException(where(field) + "unions of several non-null types have no plan: " + schema);
                    }
                }
                if (value == null) {
                    throw new IllegalArgumentException(where(field) + "a union of null alone has no plan");
                }
                Node inner = node(value, field, options);
                return nullable ? new NullableNode(inner) : inner;
            }
            case ARRAY: {
                Node items = node(schema.getElementType(), null, options);
                if (items instanceof StringNode string) {
                    items = new StringNode(string.maxTokens(), flag(field, VERBATIM), flag(field, CODE));
                }
                return new ArrayNode(items, intProp(field, MAX_ITEMS, options.maxArrayItems()));
            }
            case STRING:
                return new StringNode(intProp(field, MAX_TOKENS, options.maxStringTokens()), flag(field, VERBATIM),
                        flag(field, CODE));
            case ENUM:
                return new EnumNode(List.copyOf(schema.getEnumSymbols()));
            case INT:
                return schema.getLogicalType() instanceof LogicalTypes.Date ? new DateNode() : new IntegerNode(INT_DIGITS);
            case LONG:
                return new IntegerNode(LONG_DIGITS);
            case DOUBLE:
            case FLOAT:
                return new DecimalNode(DECIMAL_INTEGER_DIGITS, DECIMAL_FRACTION_DIGITS);
            default:
                throw new IllegalArgumentException(where(field) + "schema type " + schema.getType() + " has no plan");
        }
    }

    private static int intProp(Schema.Field field, String name, int fallback) {
        if (field == null) {
            return fallback;
        }
        Object value = field.getObjectProp(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && number.intValue() > 0) {
            return number.intValue();
        }
        throw new IllegalArgumentException(where(field) + "property " + name + " must be a positive integer, was " + value);
    }

    private static boolean flag(Schema.Field field, String name) {
        if (field == null) {
            return false;
        }
        Object value = field.getObjectProp(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw new IllegalArgumentException(where(field) + "property " + name + " must be true or false, was " + value);
    }

    private static String where(Schema.Field field) {
        return field == null ? "" : "field " + field.name() + ": ";
    }
}
