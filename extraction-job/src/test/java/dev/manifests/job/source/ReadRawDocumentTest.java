package dev.manifests.job.source;

import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReadRawDocumentTest {

    private static RawDocument read(byte[] key, byte[] value, RecordHeaders headers) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("manifests.raw", 2, 41L, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, 0, 0, key, value, headers, Optional.empty());
        List<RawDocument> out = new ArrayList<>();
        new ReadRawDocument().deserialize(record, new Collector<>() {
            @Override
            public void collect(RawDocument document) {
                out.add(document);
            }

            @Override
            public void close() {
            }
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void keepsKeyHeadersCoordinatesAndHashForLineage() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("filename", "bol-17.pdf".getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/pdf".getBytes(StandardCharsets.UTF_8));
        headers.add("expected", "{}".getBytes(StandardCharsets.UTF_8));

        RawDocument document = read("bol-17".getBytes(StandardCharsets.UTF_8), "abc".getBytes(StandardCharsets.UTF_8), headers);

        assertThat(document.documentId()).isEqualTo("bol-17");
        assertThat(document.filename()).isEqualTo("bol-17.pdf");
        assertThat(document.contentType()).isEqualTo("application/pdf");
        assertThat(document.audited()).isTrue();
        assertThat(document.topic()).isEqualTo("manifests.raw");
        assertThat(document.partition()).isEqualTo(2);
        assertThat(document.offset()).isEqualTo(41L);
        assertThat(document.timestampMillis()).isEqualTo(1_700_000_000_000L);
        // SHA-256 of "abc", the FIPS 180-2 test vector
        assertThat(document.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void takesTheIdFromTheFileNameWhenTheRecordHasNoKey() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("filename", "scans/manifest-3.tiff".getBytes(StandardCharsets.UTF_8));

        assertThat(read(null, new byte[] {1}, headers).documentId()).isEqualTo("manifest-3");
    }

    @Test
    void turnsAMissingValueIntoAZeroByteDocument() {
        RawDocument document = read("empty".getBytes(StandardCharsets.UTF_8), null, new RecordHeaders());

        assertThat(document.bytes()).isEmpty();
        assertThat(document.audited()).isFalse();
        assertThat(document.documentId()).isEqualTo("empty");
    }
}
