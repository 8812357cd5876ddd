package dev.manifests.job.extract;

import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import dev.manifests.serving.schedule.EngineCapacityException;
import dev.manifests.serving.schedule.ExtractionFailedException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractRecordTest {

    private static final long TIMEOUT_MILLIS = 5_000;

    private static ParsedDocument parsed(String id) {
        byte[] bytes = ("SEA WAYBILL " + id).getBytes(StandardCharsets.UTF_8);
        RawDocument raw = new RawDocument(id, bytes, Map.of("filename", id + ".txt"), "manifests.raw", 0, 1L,
                1_700_000_000_000L, ReadRawDocument.sha256(bytes));
        return new ParsedDocument(raw, "SEA WAYBILL " + id, "text/plain", 4);
    }

    private static OneInputStreamOperatorTestHarness<ParsedDocument, ExtractedDocument> harness(String extractorName)
            throws Exception {
        AsyncWaitOperatorFactory<ParsedDocument, ExtractedDocument> factory = new AsyncWaitOperatorFactory<>(
                new ExtractRecord(ScriptedExtractor.factory(extractorName), TIMEOUT_MILLIS), TIMEOUT_MILLIS, 4,
                AsyncDataStream.OutputMode.UNORDERED);
        OneInputStreamOperatorTestHarness<ParsedDocument, ExtractedDocument> harness =
                new OneInputStreamOperatorTestHarness<>(factory,
                        TypeInformation.of(ParsedDocument.class).createSerializer(new SerializerConfigImpl()));
        return harness;
    }

    /** Runs the results the async operator has queued for the task thread. */
    private static void runMail(OneInputStreamOperatorTestHarness<?, ?> harness) throws Exception {
        TaskMailbox mailbox = harness.getTaskMailbox();
        for (Optional<Mail> mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY); mail.isPresent();
             mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY)) {
            mail.get().run();
        }
    }

    @Test
    void emitsTheEngineAnswerWithItsFigures() throws Exception {
        String name = UUID.randomUUID().toString();
        ScriptedExtractor engine = ScriptedExtractor.named(name);
        try (var harness = harness(name)) {
            harness.open();
            harness.processElement(parsed("bol-1"), 0L);
            assertThat(engine.submittedIds()).containsExactly("bol-1");

            engine.answer("bol-1", "{\"documentType\":\"SEA_WAYBILL\"}", Map.of("billOfLadingNumber", 0.93));
            runMail(harness);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(extracted -> {
                assertThat(extracted.succeeded()).isTrue();
                assertThat(extracted.json()).contains("SEA_WAYBILL");
                assertThat(extracted.figures().tokensOut()).isEqualTo(40);
                assertThat(extracted.figures().minConfidence()).isEqualTo(0.93);
            });
        }
        assertThat(engine.closed()).as("the engine is given back when the operator closes").isTrue();
    }

    @Test
    void turnsARefusalOrAnEngineFailureIntoAFailedDocument() throws Exception {
        String name = UUID.randomUUID().toString();
        ScriptedExtractor engine = ScriptedExtractor.named(name);
        try (var harness = harness(name)) {
            harness.open();
            harness.processElement(parsed("full"), 0L);
            harness.processElement(parsed("broken"), 0L);

            engine.fail("full", new EngineCapacityException(64));
            engine.fail("broken", new ExtractionFailedException("broken", "the document gave no part to decode"));
            runMail(harness);

            assertThat(harness.extractOutputValues())
                    .allSatisfy(extracted -> assertThat(extracted.succeeded()).isFalse())
                    .extracting(extracted -> extracted.parsed().raw().documentId() + ": " + extracted.failureReason())
                    .containsExactlyInAnyOrder(
                            "full: engine refused the document: extraction queue is full: 64 documents are already "
                                    + "waiting (EngineOptions.maxQueue = 64)",
                            "broken: extraction failed: broken: the document gave no part to decode");
        }
    }

    @Test
    void failsADocumentWithoutAnAnswerInTimeAndFreesItsEnginePlace() throws Exception {
        String name = UUID.randomUUID().toString();
        ScriptedExtractor engine = ScriptedExtractor.named(name);
        try (var harness = harness(name)) {
            harness.open();
            harness.setProcessingTime(0L);
            harness.processElement(parsed("slow"), 0L);

            harness.setProcessingTime(TIMEOUT_MILLIS + 1);
            runMail(harness);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(extracted -> {
                assertThat(extracted.succeeded()).isFalse();
                assertThat(extracted.failureReason()).contains("no answer").contains("5000 ms");
                assertThat(extracted.figures().extractMillis()).isEqualTo(TIMEOUT_MILLIS);
            });
            assertThat(engine.cancelled("slow")).isTrue();
        }
    }

    @Test
    void submitsDocumentsInFlightAgainAfterARestore() throws Exception {
        String before = UUID.randomUUID().toString();
        ScriptedExtractor engineBefore = ScriptedExtractor.named(before);
        OperatorSubtaskState checkpoint;
        try (var harness = harness(before)) {
            harness.open();
            harness.processElement(parsed("in-flight"), 0L);
            checkpoint = harness.snapshot(1L, 1L);
            // the old task goes away; its answer never reaches the output that restored from the checkpoint
            engineBefore.fail("in-flight", new IllegalStateException("the extraction engine is closed"));
            runMail(harness);
        }

        String after = UUID.randomUUID().toString();
        ScriptedExtractor engineAfter = ScriptedExtractor.named(after);
        try (var harness = harness(after)) {
            harness.setup();
            harness.initializeState(checkpoint);
            harness.open();

            assertThat(engineAfter.submittedIds()).containsExactly("in-flight");
            engineAfter.answer("in-flight", "{}", Map.of());
            runMail(harness);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(extracted -> assertThat(extracted.succeeded()).isTrue());
        }
    }
}
