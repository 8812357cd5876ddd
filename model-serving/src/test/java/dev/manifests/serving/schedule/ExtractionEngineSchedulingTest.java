package dev.manifests.serving.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler's behaviour with a scripted executor: slots, budgets, back-pressure, cancellation, cost sharing. */
class ExtractionEngineSchedulingTest {

    private static final int MAX_LEN = 4096;

    private final ScriptedExecutor executor = new ScriptedExecutor();
    private final CountingDecoding decoding = new CountingDecoding();
    private ExtractionEngine engine;

    private ExtractionEngine start(int slots, int maxStepTokens, int maxQueue) {
        EngineOptions options = EngineOptions.defaults(Path.of("unused"))
                .withBatchSize(slots).withMaxStepTokens(maxStepTokens).withMaxQueue(maxQueue).withMaxWaitMillis(0);
        engine = new ExtractionEngine(options, MAX_LEN, executor, decoding, null);
        return engine;
    }

    @AfterEach
    void close() {
        executor.releaseAll();
        if (engine != null) {
            engine.close();
        }
    }

    private CompletableFuture<ExtractionResult> submit(String id, int prompt, int answer) {
        return engine.submit(new ExtractionRequest(id, "prompt=" + prompt + " answer=" + answer));
    }

    @Test
    void decodesEachDocumentWithItsOwnPredictions() throws Exception {
        start(4, 64, 16);
        ExtractionResult result = submit("a", 10, 3).get(10, TimeUnit.SECONDS);
        // prompt tokens 100..109; the executor answers t + 1, and each decoded token is fed back
        assertThat(result.json()).isEqualTo("[110, 111, 112]");
        assertThat(result.tokensIn()).isEqualTo(10);
        assertThat(result.tokensOut()).isEqualTo(3);
        assertThat(result.parts()).isEqualTo(1);
        assertThat(executor.maskRows).isEqualTo(1);
    }

    @Test
    void completesEveryDocumentWhenEightThreadsSubmitAtOnce() throws Exception {
        start(4, 64, 64);
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<ExtractionResult>> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 8; t++) {
            int index = t;
            Thread thread = new Thread(() -> results.add(submit("doc-" + index, 20 + index, 2 + index)));
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(results).hasSize(8);
        for (CompletableFuture<ExtractionResult> future : results) {
            ExtractionResult result = future.get(10, TimeUnit.SECONDS);
            int index = Integer.parseInt(result.documentId().substring(4));
            assertThat(result.tokensOut()).isEqualTo(2 + index);
            assertThat(result.json()).startsWith("[" + (100 + 20 + index) + ",");
        }
    }

    @Test
    void keepsEveryStepWithinTheTokenAndSequenceBudgets() throws Exception {
        start(3, 32, 16);
        List<CompletableFuture<ExtractionResult>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(submit("doc-" + i, 50 + 7 * i, 5));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(executor.batches).allSatisfy(batch -> {
            assertThat(batch.tokenCount()).isLessThanOrEqualTo(32);
            assertThat(batch.sequenceCount()).isLessThanOrEqualTo(3);
            assertThat(distinct(batch.slots())).isTrue();
        });
        // a new document's prefill chunk rides in the same step as another's decode token
        assertThat(executor.batches).anySatisfy(batch -> {
            assertThat(batch.seqLens()).contains(1);
            assertThat(java.util.Arrays.stream(batch.seqLens()).anyMatch(length -> length > 1)).isTrue();
        });
    }

    @Test
    void dividesDeviceTimeInProportionToTokens() throws Exception {
        start(2, 64, 16);
        ExtractionResult a = submit("a", 30, 4).get(10, TimeUnit.SECONDS);
        ExtractionResult b = submit("b", 12, 6).get(10, TimeUnit.SECONDS);
        // the scripted device takes one millisecond per token, so each document pays for exactly its own tokens
        assertThat(a.deviceMillis()).isCloseTo(30 + 4 - 1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.deviceMillis()).isCloseTo(12 + 6 - 1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(engine.metrics().deviceMillis()).isCloseTo(33 + 17, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rejectsWithACapacityErrorWhenTheQueueIsFull() throws Exception {
        start(1, 64, 2);
        executor.hold();
        CompletableFuture<ExtractionResult> running = submit("running", 5, 2);
        assertThat(executor.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ExtractionResult> first = submit("waiting-1", 5, 2);
        CompletableFuture<ExtractionResult> second = submit("waiting-2", 5, 2);
        CompletableFuture<ExtractionResult> rejected = submit("rejected", 5, 2);
        assertThat(rejected).isCompletedExceptionally();
        assertThatThrownBy(rejected::join).hasCauseInstanceOf(EngineCapacityException.class)
                .hasMessageContaining("2 documents are already waiting");
        assertThat(engine.queueDepth()).isEqualTo(2);
        executor.releaseAll();
        CompletableFuture.allOf(running, first, second).get(10, TimeUnit.SECONDS);
        assertThat(engine.metrics().documentsRejected()).isEqualTo(1);
    }

    @Test
    void cancellingARunningDocumentFreesItsSlot() throws Exception {
        start(1, 64, 4);
        CompletableFuture<ExtractionResult> endless = submit("endless", 5, -1);
        assertThat(executor.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ExtractionResult> next = submit("next", 5, 2);
        endless.cancel(true);
        assertThat(next.get(10, TimeUnit.SECONDS).tokensOut()).isEqualTo(2);
        assertThatThrownBy(endless::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void aTimedOutDocumentFreesItsSlot() throws Exception {
        start(1, 64, 4);
        executor.hold();
        CompletableFuture<ExtractionResult> endless = submit("endless", 5, -1).orTimeout(200, TimeUnit.MILLISECONDS);
        CompletableFuture<ExtractionResult> next = submit("next", 5, 2);
        assertThatThrownBy(() -> endless.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        executor.releaseAll();
        assertThat(next.get(10, TimeUnit.SECONDS).tokensOut()).isEqualTo(2);
    }

    @Test
    void failsTheWaitingDocumentsAndClosesTheExecutorOnClose() {
        start(1, 64, 4);
        executor.hold();
        CompletableFuture<ExtractionResult> endless = submit("endless", 5, -1);
        CompletableFuture<ExtractionResult> waiting = submit("waiting", 5, 2);
        executor.releaseAll();
        engine.close();
        assertThatThrownBy(endless::join).hasMessageContaining("closed");
        assertThatThrownBy(waiting::join).hasMessageContaining("closed");
        assertThat(executor.closed).isTrue();
        assertThatThrownBy(() -> submit("late", 5, 2).join()).hasMessageContaining("closed");
        engine = null;
    }

    private static boolean distinct(int[] values) {
        return java.util.Arrays.stream(values).distinct().count() == values.length;
    }
}
