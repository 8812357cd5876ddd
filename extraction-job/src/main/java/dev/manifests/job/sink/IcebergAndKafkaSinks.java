package dev.manifests.job.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * The production ends: Iceberg tables written with the Iceberg Flink sink, which commits the files of a
 * checkpoint when that checkpoint completes (exactly once), and Kafka topics for dead letters and reviews.
 *
 * @param catalog            where the tables live
 * @param bootstrapServers   Kafka bootstrap servers
 * @param deadLetterTopic    topic of dead letters
 * @param reviewTopic        topic of records for review
 * @param deliveryGuarantee  at-least-once or exactly-once for the two topics
 */
public record IcebergAndKafkaSinks(IcebergCatalog catalog, String bootstrapServers, String deadLetterTopic,
                                   String reviewTopic, DeliveryGuarantee deliveryGuarantee) implements ManifestSinks {

    /** Records on the two topics may carry whole documents: allow what the local broker accepts. */
    private static final String MAX_REQUEST_BYTES = String.valueOf(16 * 1024 * 1024 + 64 * 1024);
    /** Below the broker's default transaction.max.timeout.ms of 15 minutes, as exactly-once requires. */
    private static final String TRANSACTION_TIMEOUT_MS = String.valueOf(10 * 60 * 1000);

    @Override
    public void writeTable(ManifestTable table, DataStream<RowData> rows) {
        FlinkSink.forRowData(rows)
                .tableLoader(catalog.tableLoader(table))
                .uidPrefix("iceberg-" + table.tableName())
                .append()
                .name("Iceberg " + table.tableName())
                .uid("iceberg-" + table.tableName() + "-sink");
    }

    @Override
    public Sink<DocumentOutcome> deadLetters() {
        return kafka(new DeadLetterRecords(deadLetterTopic), "manifests-dlq");
    }

    @Override
    public Sink<DocumentOutcome> reviews() {
        return kafka(new ReviewRecords(reviewTopic), "manifests-review");
    }

    private KafkaSink<DocumentOutcome> kafka(KafkaRecordSerializationSchema<DocumentOutcome> records, String idPrefix) {
        return KafkaSink.<DocumentOutcome>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(records)
                .setDeliveryGuarantee(deliveryGuarantee)
                .setTransactionalIdPrefix(idPrefix)
                .setProperty("max.request.size", MAX_REQUEST_BYTES)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .build();
    }
}
