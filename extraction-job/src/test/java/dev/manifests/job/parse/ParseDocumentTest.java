package dev.manifests.job.parse;

import dev.manifests.job.extract.ParsedDocument;
import dev.manifests.job.sink.DocumentOutcome;
import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import dev.manifests.schema.ExtractionStatus;
import dev.manifests.schema.FailedStep;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

class ParseDocumentTest {

    private static final ParseOptions LIMITS = ParseOptions.defaults().withMaxBytes(1024).withOcrEnabled(false);

    static RawDocument document(String id, String filename, byte[] bytes) {
        return new RawDocument(id, bytes, Map.of("filename", filename, "content-type", "text/plain"),
                "manifests.raw", 0, 7L, 1_700_000_000_000L, ReadRawDocument.sha256(bytes));
    }

    private static OneInputStreamOperatorTestHarness<RawDocument, ParsedDocument> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new ParseDocument(LIMITS));
    }

    @Test
    void passesTheTextOfAReadableDocumentOn() throws Exception {
        byte[] text = "BILL OF LADING\nB/L No: MAEU123456789\nShipper: Nordic Timber AB".getBytes(StandardCharsets.UTF_8);
        try (var harness = harness()) {
            harness.processElement(document("bol-1", "bol-1.txt", text), 0L);

            List<ParsedDocument> parsed = harness.extractOutputValues();
            assertThat(parsed).singleElement().satisfies(document -> {
                assertThat(document.raw().documentId()).isEqualTo("bol-1");
                assertThat(document.text()).contains("MAEU123456789").contains("Nordic Timber AB");
                assertThat(document.contentType()).startsWith("text/plain");
            });
            assertThat(harness.getSideOutput(ParseDocument.FAILED)).isNullOrEmpty();
        }
    }

    @Test
    void sendsZeroByteAndOversizedDocumentsToTheDeadLettersWithTheirReason() throws Exception {
        try (var harness = harness()) {
            harness.processElement(document("empty", "empty.pdf", new byte[0]), 0L);
            harness.processElement(document("huge", "huge.txt", new byte[2048]), 0L);

            assertThat(harness.extractOutputValues()).isEmpty();
            ConcurrentLinkedQueue<StreamRecord<DocumentOutcome>> failed = harness.getSideOutput(ParseDocument.FAILED);
            assertThat(failed).extracting(StreamRecord::getValue).satisfiesExactly(
                    empty -> {
                        assertThat(empty.documentId()).isEqualTo("empty");
                        assertThat(empty.status()).isEqualTo(ExtractionStatus.FAILED);
                        assertThat(empty.failedStep()).isEqualTo(FailedStep.PARSE);
                        assertThat(empty.reason()).contains("zero-byte");
                    },
                    huge -> {
                        assertThat(huge.documentId()).isEqualTo("huge");
                        assertThat(huge.failedStep()).isEqualTo(FailedStep.PARSE);
                        assertThat(huge.reason()).contains("limit");
                        assertThat(huge.raw().bytes()).hasSize(2048);
                    });
        }
    }
}
