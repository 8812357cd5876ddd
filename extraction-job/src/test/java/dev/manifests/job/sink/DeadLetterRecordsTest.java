package dev.manifests.job.sink;

import dev.manifests.job.extract.ExtractionFigures;
import dev.manifests.schema.ExtractionStatus;
import dev.manifests.schema.FailedStep;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRecordsTest {

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return record.headers().lastHeader(key) == null ? null
                : new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheOriginalBytesAndHeadersAndAddsStepAndReason() {
        DocumentOutcome parsedOk = SampleOutcomes.extracted(ExtractionStatus.EXTRACTED, Map.of());
        DocumentOutcome invalid = new DocumentOutcome(parsedOk.raw(), ExtractionStatus.INVALID, FailedStep.VALIDATE,
                "container-check-digit at containers[0].containerNumber: check digit 4, expected 5", "application/pdf",
                1500, 30, ExtractionFigures.none(), "{\"model\":\"json\"}", null);

        ProducerRecord<byte[], byte[]> record = new DeadLetterRecords("manifests.dlq").serialize(invalid, null, 5L);

        assertThat(record.topic()).isEqualTo("manifests.dlq");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("bol-7");
        assertThat(record.value()).isEqualTo(parsedOk.raw().bytes());
        assertThat(header(record, "filename")).isEqualTo("bol-7.pdf");
        assertThat(header(record, DeadLetterRecords.STEP)).isEqualTo("VALIDATE");
        assertThat(header(record, DeadLetterRecords.REASON)).contains("check digit");
        assertThat(header(record, DeadLetterRecords.DOCUMENT_ID)).isEqualTo("bol-7");
        assertThat(header(record, DeadLetterRecords.EXTRACTED_JSON)).isEqualTo("{\"model\":\"json\"}");
    }

    @Test
    void leavesOutTheExtractedJsonWhenTheModelNeverAnswered() {
        DocumentOutcome failed = DocumentOutcome.failedToParse(
                SampleOutcomes.extracted(ExtractionStatus.EXTRACTED, Map.of()).raw(), "encrypted PDF", null, 3);

        ProducerRecord<byte[], byte[]> record = new DeadLetterRecords("manifests.dlq").serialize(failed, null, 5L);

        assertThat(header(record, DeadLetterRecords.STEP)).isEqualTo("PARSE");
        assertThat(record.headers().lastHeader(DeadLetterRecords.EXTRACTED_JSON)).isNull();
    }
}
