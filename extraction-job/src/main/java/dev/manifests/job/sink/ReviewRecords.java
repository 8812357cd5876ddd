package dev.manifests.job.sink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Writes a record sent for review: key = document id, value = the record's canonical JSON, header
 * {@value #REASON} naming the fields below the confidence threshold, and the original file name.
 */
public final class ReviewRecords implements KafkaRecordSerializationSchema<DocumentOutcome> {

    private static final long serialVersionUID = 1L;

    public static final String REASON = "review.reason";

    private final String topic;

    public ReviewRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DocumentOutcome outcome, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(outcome.reason()));
        if (outcome.raw().filename() != null) {
            headers.add("filename", utf8(outcome.raw().filename()));
        }
        return new ProducerRecord<>(topic, null, timestamp, utf8(outcome.documentId()), utf8(outcome.recordJson()),
                headers);
    }

    private static byte[] utf8(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
