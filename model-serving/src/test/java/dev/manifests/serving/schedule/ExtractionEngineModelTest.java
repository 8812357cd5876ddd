package dev.manifests.serving.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.serving.decode.DecodeOptions;
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

/** The engine end to end on the CPU with the test model package: real tokenizer, real decoder, real step module. */
class ExtractionEngineModelTest {

    private static final long TIMEOUT_SECONDS = 60;

    private static ExtractionEngine engine;
    private static String billOfLading;
    private static String cargoManifest;

    @BeforeAll
    static void open() throws IOException {
        System.setProperty("ai.djl.offline", "true");
        engine = EngineFactory.open(options(4));
        billOfLading = resource("bill-of-lading.txt");
        cargoManifest = resource("cargo-manifest.txt");
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * The engine under test, with answers bounded (two array items, sixteen tokens a string) so that every answer
     * fits the context beside its prompt whatever the model predicts: these tests are about the engine, not about
     * the model's accuracy, which the evaluation command measures.
     */
    static EngineOptions options(int batch) {
        return EngineOptions.defaults(TestPackages.folder())
                .withBatchSize(batch)
                .withAnswerBudgetTokens(1100)
                .withDecodeOptions(DecodeOptions.defaults().withMaxStringTokens(16).withMaxArrayItems(2));
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
            batch.add(engine.submit(new ExtractionRequest("other-" + i, i % 2 == 0 ? cargoManifest : billOfLading.replace("MAEU", "HLCU"))));
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
            String text = t % 2 == 0 ? billOfLading : cargoManifest;
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
            CompletableFuture<ExtractionResult> timedOut = single.submit(new ExtractionRequest("timed-out", cargoManifest))
                    .orTimeout(1, TimeUnit.MILLISECONDS);
            cancelled.cancel(true);
            ExtractionResult later = extract(single, "later", cargoManifest);
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
    void splitsADocumentLongerThanTheContextAndMergesTheParts() throws Exception {
        // a bill of lading with its printed terms and conditions: pages of clauses after the cargo details
        StringBuilder text = new StringBuilder(billOfLading);
        for (int clause = 1; text.length() < 16_000; clause++) {
            text.append("\f").append(clause).append(". CLAUSE ").append(clause)
                    .append(": The Carrier shall not be liable for loss of or damage to the Goods arising from causes beyond its\n")
                    .append("control, including but not limited to acts of God, perils of the sea, strikes or lockouts, quarantine\n")
                    .append("restrictions, or any latent defect of the Vessel not discoverable by due diligence (see clause ")
                    .append(clause + 7).append(").\n");
        }
        ExtractionResult result = extract(engine, "long", text.toString());
        assertThat(result.parts()).isGreaterThan(1);
        assertThat(result.split()).isTrue();
        assertThat(CanonicalJson.fromJson(result.json(), "long")).isNotNull();
    }
}
