package dev.manifests.serving.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.serving.pack.TestPackages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end on the CPU with the test model package and default decoding: real tokenizer, real decoder,
 * real step module, documents from the test split.
 */
class ExtractionEngineModelTest {

    private static final long TIMEOUT_SECONDS = 60;

    private static ExtractionEngine engine;
    private static String billOfLading;
    private static String emailNarrative;

    @BeforeAll
    static void open() throws IOException {
        System.setProperty("ai.djl.offline", "true");
        engine = EngineFactory.open(options(4));
        billOfLading = resource("test-bill-of-lading.txt");
        emailNarrative = resource("test-email-narrative.txt");
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** The engine under test: the defaults, with {@code batch} slots. */
    static EngineOptions options(int batch) {
        return EngineOptions.defaults(TestPackages.folder()).withBatchSize(batch);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ExtractionEngineModelTest.class.getResourceAsStream("/documents/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ExtractionResult extract(ExtractionEngine on, String id, String text) {
        return on.submit(new ExtractionRequest(id, text)).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Test
    void answersParseAndConformToTheSchema() throws Exception {
        ExtractionResult result = extract(engine, "bol-1", billOfLading);
        ShippingDocument record = CanonicalJson.fromJson(result.json(), "bol-1");
        assertThat(CanonicalJson.toModelJson(record)).isEqualTo(result.json());
        assertThat(result.tokensIn()).isGreaterThan(100);
        assertThat(result.tokensOut()).isGreaterThan(0).isGreaterThanOrEqualTo(result.tokensDecoded());
        assertThat(result.parts()).isEqualTo(1);
        assertThat(result.deviceMillis()).isPositive();
        assertThat(result.fieldConfidence()).allSatisfy((field, p) -> assertThat(p).isBetween(0.0, 1.0));
    }

    @Test
    void givesTheSameAnswerAloneAndInAFullBatch() {
        String alone = extract(engine, "alone", billOfLading).json();
        List<CompletableFuture<ExtractionResult>> batch = new ArrayList<>();
        batch.add(engine.submit(new ExtractionRequest("batched", billOfLading)));
        for (int i = 0; i < 3; i++) {
            batch.add(engine.submit(new ExtractionRequest("other-" + i, i % 2 == 0 ? emailNarrative : billOfLading.replace("ANNU", "ANLU"))));
        }
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        assertThat(batch.get(0).join().json()).isEqualTo(alone);
    }

    @Test
    void completesEveryDocumentWhenEightThreadsSubmitAtOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ExtractionResult>> futures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String id = "thread-" + t;
            String text = t % 2 == 0 ? billOfLading : emailNarrative;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                futures.add(engine.submit(new ExtractionRequest(id, text)));
            });
            threads.add(thread);
            thread.start();
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        }
        assertThat(futures).hasSize(8);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        assertThat(futures).allSatisfy(f -> assertThat(CanonicalJson.fromJson(f.join().json(), f.join().documentId())).isNotNull());
        assertThat(engine.metrics().batchFill()).isGreaterThan(0.25);
    }

    @Test
    void aCancelledDocumentFreesItsSlotForTheNext() {
        try (ExtractionEngine single = EngineFactory.open(options(1))) {
            CompletableFuture<ExtractionResult> cancelled = single.submit(new ExtractionRequest("cancelled", billOfLading));
            CompletableFuture<ExtractionResult> timedOut = single.submit(new ExtractionRequest("timed-out", emailNarrative))
                    .orTimeout(1, TimeUnit.MILLISECONDS);
            cancelled.cancel(true);
            ExtractionResult later = extract(single, "later", emailNarrative);
            assertThat(later.json()).startsWith("{");
            assertThat(cancelled).isCancelled();
            assertThatThrownBy(timedOut::join).isInstanceOf(CompletionException.class);
        }
    }

    @Test
    void rejectsWithACapacityErrorBeyondTheQueueBound() {
        try (ExtractionEngine small = EngineFactory.open(options(1).withMaxQueue(1))) {
            List<CompletableFuture<ExtractionResult>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(small.submit(new ExtractionRequest("doc-" + i, billOfLading)));
            }
            // one slot and one queue place: of three documents submitted at once, at least one is turned away
            assertThat(futures).anySatisfy(f -> assertThatThrownBy(f::join)
                    .hasCauseInstanceOf(EngineCapacityException.class)
                    .hasMessageContaining("maxQueue = 1"));
            futures.stream().filter(f -> !f.isCompletedExceptionally())
                    .forEach(f -> assertThat(f.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join().json()).startsWith("{"));
        }
    }

    @Test
    void givesTheSameAnswersOnTwoLanesAsOnOne() {
        List<String> texts = List.of(billOfLading, emailNarrative, billOfLading.replace("ANNU", "ANLU"), emailNarrative);
        List<String> oneLane = extractAll(engine, texts);
        try (ExtractionEngine twoLanes = EngineFactory.open(options(2).withLanes(2))) {
            assertThat(twoLanes.description()).startsWith("2 lanes of: cpu");
            assertThat(extractAll(twoLanes, texts)).isEqualTo(oneLane);
        }
    }

    /** Submits every text at once and gives the answers in the same order. */
    private static List<String> extractAll(ExtractionEngine on, List<String> texts) {
        List<CompletableFuture<ExtractionResult>> futures = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            futures.add(on.submit(new ExtractionRequest("lanes-" + i, texts.get(i))));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        return futures.stream().map(f -> f.join().json()).toList();
    }

    @Test
    void splitsADocumentLongerThanTheContextAndMergesTheParts() throws Exception {
        // the test document with its container lines printed again and again, as a manifest of many containers is
        String[] lines = billOfLading.split("\n", -1);
        int first = indexOf(lines, "1   SEGU6636112");
        int total = indexOf(lines, "TOTAL:");
        List<String> block = List.of(lines).subList(first, total - 1);
        List<String> longer = new ArrayList<>(List.of(lines).subList(0, total - 1));
        while (String.join("\n", longer).length() < 12_000) {
            longer.addAll(block);
        }
        longer.addAll(List.of(lines).subList(total - 1, lines.length));
        ExtractionResult result = extract(engine, "long", String.join("\n", longer));

        assertThat(result.parts()).isGreaterThan(1);
        assertThat(result.split()).isTrue();
        ShippingDocument record = CanonicalJson.fromJson(result.json(), "long");
        assertThat(result.tokensIn()).isGreaterThan(engine.options().answerBudgetTokens());
        // the same two containers printed again and again are merged, not listed once per printing (a row the model
        // misreads as the other number may stay apart: one part giving a number to two unlike rows keeps both)
        long printings = longer.stream().filter(line -> line.startsWith("1   SEGU6636112")).count();
        assertThat(printings).isGreaterThan(3);
        assertThat(record.getContainers()).extracting(c -> c.getContainerNumber().toString())
                .contains("SEGU6636112", "ANNU9001515").hasSizeLessThan((int) printings);
        assertThat(result.fieldConfidence()).allSatisfy((field, p) -> assertThat(p).isBetween(0.0, 1.0));
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("the test document has no line starting with " + prefix);
    }
}
