package dev.manifests.job.sink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a dead letter the way operators replay it: key = document id, value = the original bytes, the original
 * headers, plus {@value #STEP}, {@value #REASON}, {@value #DOCUMENT_ID} and, when the model answered,
 * {@value #EXTRACTED_JSON}.
 */
public final class DeadLetterRecords implements KafkaRecordSerializationSchema<DocumentOutcome> {

    private static final long serialVersionUID = 1L;

    public static final String STEP = "dlq.step";
    public static final String REASON = "dlq.reason";
    public static final String DOCUMENT_ID = "dlq.document-id";
    public static final String EXTRACTED_JSON = "dlq.extracted-json";

    private final String topic;

    public DeadLetterRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DocumentOutcome outcome, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> header : outcome.raw().headers().entrySet()) {
            if (!header.getKey().startsWith("dlq.")) {
                headers.add(header.getKey(), utf8(header.getValue()));
            }
        }
        headers.add(STEP, utf8(outcome.failedStep().name()));
        headers.add(REASON, utf8(outcome.reason()));
        headers.add(DOCUMENT_ID, utf8(outcome.documentId()));
        if (outcome.extractedJson() != null) {
            headers.add(EXTRACTED_JSON, utf8(outcome.extractedJson()));
        }
        return new ProducerRecord<>(topic, null, timestamp, utf8(outcome.documentId()), outcome.raw().bytes(), headers);
    }

    private static byte[] utf8(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
