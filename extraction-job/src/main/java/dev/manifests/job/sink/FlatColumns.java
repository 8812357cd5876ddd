package dev.manifests.job.sink;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The columns of an Avro record flattened for a table: nested records become prefixed columns
 * ({@code shipper.name} becomes {@code shipper_name}), a record named {@code lineage} is flattened without a prefix,
 * arrays of records are left out (they get tables of their own), names become snake case. Derived from the schema,
 * so a field added to the schema becomes a column without code changes.
 */
final class FlatColumns {

    /** Nested records whose fields become columns under their own names. */
    private static final String UNPREFIXED = "lineage";

    private record Column(String name, int[] path, Schema schema, boolean optional) {
    }

    private final List<Column> columns = new ArrayList<>();

    private FlatColumns() {
    }

    /** The columns of {@code schema}, each name starting with {@code prefix}. */
    static FlatColumns of(Schema schema, String prefix) {
        FlatColumns flat = new FlatColumns();
        flat.collect(schema, prefix, new int[0], false);
        return flat;
    }

    int size() {
        return columns.size();
    }

    /** The Iceberg fields of these columns, with ids drawn from {@code ids}. */
    List<Types.NestedField> fields(AtomicInteger ids) {
        List<Types.NestedField> fields = new ArrayList<>();
        for (Column column : columns) {
            int id = ids.incrementAndGet();
            Type type = icebergType(column.schema(), ids);
            fields.add(column.optional()
                    ? Types.NestedField.optional(id, column.name(), type)
                    : Types.NestedField.required(id, column.name(), type));
        }
        return fields;
    }

    /** Writes the record's column values, in Flink's internal data types, into {@code row} from {@code offset}. */
    void write(IndexedRecord record, Object[] row, int offset) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = record;
            for (int position : column.path()) {
                value = value == null ? null : ((IndexedRecord) value).get(position);
            }
            row[offset + i] = internal(column.schema(), value);
        }
    }

    private void collect(Schema schema, String prefix, int[] path, boolean optional) {
        for (Schema.Field field : schema.getFields()) {
            Schema fieldSchema = field.schema();
            boolean nullable = optional;
            if (fieldSchema.getType() == Schema.Type.UNION) {
                nullable = nullable || fieldSchema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
                fieldSchema = nonNull(fieldSchema);
            }
            int[] fieldPath = append(path, field.pos());
            if (fieldSchema.getType() == Schema.Type.RECORD) {
                String nested = field.name().equals(UNPREFIXED) ? prefix : prefix + snakeCase(field.name()) + "_";
                collect(fieldSchema, nested, fieldPath, nullable);
            } else if (fieldSchema.getType() == Schema.Type.ARRAY
                    && nonNull(fieldSchema.getElementType()).getType() == Schema.Type.RECORD) {
                continue;
            } else {
                columns.add(new Column(prefix + snakeCase(field.name()), fieldPath, fieldSchema, nullable));
            }
        }
    }

    private static Type icebergType(Schema schema, AtomicInteger ids) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case STRING:
            case ENUM:
                return Types.StringType.get();
            case INT:
                return logical instanceof LogicalTypes.Date ? Types.DateType.get() : Types.IntegerType.get();
            case LONG:
                return logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
                        ? Types.TimestampType.withZone() : Types.LongType.get();
            case DOUBLE:
                return Types.DoubleType.get();
            case FLOAT:
                return Types.FloatType.get();
            case BOOLEAN:
                return Types.BooleanType.get();
            case BYTES:
                return Types.BinaryType.get();
            case MAP: {
                int keyId = ids.incrementAndGet();
                int valueId = ids.incrementAndGet();
                return Types.MapType.ofOptional(keyId, valueId, Types.StringType.get(),
                        icebergType(nonNull(schema.getValueType()), ids));
            }
            case ARRAY: {
                int elementId = ids.incrementAndGet();
                return Types.ListType.ofOptional(elementId, icebergType(nonNull(schema.getElementType()), ids));
            }
            default:
                throw new IllegalArgumentException("no column type for Avro type " + schema);
        }
    }

    private static Object internal(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        switch (schema.getType()) {
            case STRING:
            case ENUM:
                return StringData.fromString(value.toString());
            case INT:
                return value instanceof LocalDate date ? (int) date.toEpochDay() : ((Number) value).intValue();
            case LONG:
                if (value instanceof Instant instant) {
                    return TimestampData.fromInstant(instant);
                }
                return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                        ? TimestampData.fromEpochMillis(((Number) value).longValue()) : ((Number) value).longValue();
            case DOUBLE:
                return ((Number) value).doubleValue();
            case FLOAT:
                return ((Number) value).floatValue();
            case BOOLEAN:
                return value;
            case BYTES:
                if (value instanceof ByteBuffer buffer) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.duplicate().get(bytes);
                    return bytes;
                }
                return value;
            case MAP: {
                Map<Object, Object> converted = new LinkedHashMap<>();
                Schema valueSchema = nonNull(schema.getValueType());
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    converted.put(StringData.fromString(entry.getKey().toString()), internal(valueSchema, entry.getValue()));
                }
                return new GenericMapData(converted);
            }
            case ARRAY: {
                Schema elementSchema = nonNull(schema.getElementType());
                return new GenericArrayData(((Collection<?>) value).stream()
                        .map(element -> internal(elementSchema, element)).toArray());
            }
            default:
                throw new IllegalArgumentException("no column value for Avro type " + schema);
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a union of null only: " + schema));
    }

    private static int[] append(int[] path, int position) {
        int[] longer = java.util.Arrays.copyOf(path, path.length + 1);
        longer[path.length] = position;
        return longer;
    }

    /** {@code billOfLadingNumber} becomes {@code bill_of_lading_number}, {@code volumeM3} becomes {@code volume_m3}. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
