package dev.manifests.job.source;

import java.util.HashMap;
import java.util.Map;

/**
 * One document as it arrived on the raw topic: its id (the Kafka key), its bytes, its headers, and where it was
 * read from (topic, partition, offset, record timestamp) with the SHA-256 of the bytes, for lineage.
 *
 * <p>A mutable-free record of serializable parts; the headers map is always a {@link HashMap} so Flink's generic
 * serializer can copy it.
 */
public record RawDocument(
        String documentId,
        byte[] bytes,
        Map<String, String> headers,
        String topic,
        int partition,
        long offset,
        long timestampMillis,
        String sha256) {

    /** Header with the original file name. */
    public static final String FILENAME = "filename";
    /** Header with the sender's declared media type. */
    public static final String CONTENT_TYPE = "content-type";
    /** Header naming the sending system. */
    public static final String SOURCE = "source";
    /** Header with the canonical JSON the document should extract to; present on audited documents only. */
    public static final String EXPECTED = "expected";

    public RawDocument {
        headers = headers == null ? new HashMap<>() : new HashMap<>(headers);
    }

    public String filename() {
        return headers.get(FILENAME);
    }

    public String contentType() {
        return headers.get(CONTENT_TYPE);
    }

    /** The expected record of an audited document, or null. */
    public String expectedJson() {
        return headers.get(EXPECTED);
    }

    public boolean audited() {
        String expected = expectedJson();
        return expected != null && !expected.isBlank();
    }
}
