package dev.manifests.job.sink;

import dev.manifests.schema.AccuracyRow;
import dev.manifests.schema.Container;
import dev.manifests.schema.ExtractionMetrics;
import dev.manifests.schema.Lineage;
import dev.manifests.schema.ShippingDocument;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The four Iceberg tables the job writes, each laid out from Avro schemas of the {@code schemas} module: its
 * columns are the flattened fields of the listed records, in order. Every table is partitioned by the day of
 * {@code ingested_at} (the Kafka record timestamp).
 */
public enum ManifestTable {

    /** One row per valid document: the record's header fields, its status, and lineage. */
    MANIFESTS("manifests", ShippingDocument.getClassSchema(), Extras.MANIFEST_STATUS, Lineage.getClassSchema()),
    /** One row per container of a valid document, with the document id and the container's index. */
    MANIFEST_CONTAINERS("manifest_containers", Extras.CONTAINER_KEY, Container.getClassSchema(), Lineage.getClassSchema()),
    /** One row per document at every outcome: tokens, timings, cost, confidence, status. */
    EXTRACTION_METRICS("extraction_metrics", ExtractionMetrics.getClassSchema()),
    /** One row per field of each audited document, compared with the expected value. */
    EXTRACTION_ACCURACY("extraction_accuracy", AccuracyRow.getClassSchema());

    /** Column every table is partitioned on (by day). */
    public static final String PARTITION_COLUMN = "ingested_at";

    private final String tableName;
    private final List<FlatColumns> parts = new ArrayList<>();
    private final org.apache.iceberg.Schema schema;

    ManifestTable(String tableName, Schema... records) {
        this.tableName = tableName;
        List<Types.NestedField> fields = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        for (Schema record : records) {
            FlatColumns part = FlatColumns.of(record, "");
            parts.add(part);
            fields.addAll(part.fields(ids));
        }
        this.schema = new org.apache.iceberg.Schema(fields);
    }

    public String tableName() {
        return tableName;
    }

    public org.apache.iceberg.Schema schema() {
        return schema;
    }

    public PartitionSpec partitionSpec() {
        return PartitionSpec.builderFor(schema).day(PARTITION_COLUMN).build();
    }

    public RowType rowType() {
        return FlinkSchemaUtil.convert(schema);
    }

    public InternalTypeInfo<RowData> typeInfo() {
        return InternalTypeInfo.of(rowType());
    }

    /** One row from one record per part of the layout, in the order the table was declared with. */
    public RowData row(IndexedRecord... records) {
        if (records.length != parts.size()) {
            throw new IllegalArgumentException(tableName + " rows are made of " + parts.size() + " records, got "
                    + records.length);
        }
        Object[] values = new Object[schema.columns().size()];
        int offset = 0;
        for (int i = 0; i < records.length; i++) {
            parts.get(i).write(records[i], values, offset);
            offset += parts.get(i).size();
        }
        return GenericRowData.of(values);
    }

    /** The small records that complete a table's layout: columns the job adds beside the schema's records. */
    static final class Extras {

        static final Schema MANIFEST_STATUS = SchemaBuilder.record("ManifestStatus").namespace("dev.manifests.job.sink")
                .fields()
                .requiredString("status")
                .optionalString("reviewReason")
                .optionalDouble("minConfidence")
                .endRecord();

        static final Schema CONTAINER_KEY = SchemaBuilder.record("ContainerKey").namespace("dev.manifests.job.sink")
                .fields()
                .requiredString("documentId")
                .requiredInt("containerIndex")
                .endRecord();

        private Extras() {
        }
    }
}
