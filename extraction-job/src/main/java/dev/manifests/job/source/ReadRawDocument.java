package dev.manifests.job.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Turns a Kafka record of the raw topic into a {@link RawDocument}: key as the document id, value as the bytes,
 * headers as UTF-8 strings, and the record's coordinates and the SHA-256 of the bytes for lineage. A record
 * without a key takes its id from the file name, or from the hash when there is no file name either; a record
 * without a value becomes a zero-byte document, which the parse step turns into a dead letter.
 */
public final class ReadRawDocument implements KafkaRecordDeserializationSchema<RawDocument> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawDocument> out) {
        byte[] bytes = record.value() == null ? new byte[0] : record.value();
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        String sha256 = sha256(bytes);
        out.collect(new RawDocument(documentId(record.key(), headers.get(RawDocument.FILENAME), sha256), bytes,
                headers, record.topic(), record.partition(), record.offset(), record.timestamp(), sha256));
    }

    @Override
    public TypeInformation<RawDocument> getProducedType() {
        return TypeInformation.of(RawDocument.class);
    }

    static String documentId(byte[] key, String filename, String sha256) {
        if (key != null && key.length > 0) {
            return new String(key, StandardCharsets.UTF_8);
        }
        if (filename != null && !filename.isBlank()) {
            return stem(filename);
        }
        return "sha256-" + sha256.substring(0, 16);
    }

    /** The file name without folders and without its last extension: the id {@code bin/drop} sends as the key. */
    public static String stem(String filename) {
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }
}
