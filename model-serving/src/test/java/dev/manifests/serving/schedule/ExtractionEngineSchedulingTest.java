package dev.manifests.serving.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's behaviour with a scripted executor: slots, budgets, back-pressure, cancellation, cost sharing, and
 * lanes that share one queue.
 */
class ExtractionEngineSchedulingTest {

    private static final int MAX_LEN = 4096;

    private final ScriptedExecutor executor = new ScriptedExecutor();
    private final List<ScriptedExecutor> laneExecutors = new ArrayList<>(List.of(executor));
    private final CountingDecoding decoding = new CountingDecoding();
    private ExtractionEngine engine;

    private ExtractionEngine start(int slots, int maxStepTokens, int maxQueue) {
        return start(1, slots, maxStepTokens, maxQueue);
    }

    /** An engine of {@code lanes} lanes, the first on {@link #executor}, each further one on a new scripted executor. */
    private ExtractionEngine start(int lanes, int slots, int maxStepTokens, int maxQueue) {
        EngineOptions options = EngineOptions.defaults(Path.of("unused")).withLanes(lanes)
                .withBatchSize(slots).withMaxStepTokens(maxStepTokens).withMaxQueue(maxQueue).withMaxWaitMillis(0);
        while (laneExecutors.size() < lanes) {
            laneExecutors.add(new ScriptedExecutor());
        }
        engine = new ExtractionEngine(options, MAX_LEN, List.copyOf(laneExecutors.subList(0, lanes)), decoding, null);
        return engine;
    }

    @AfterEach
    void close() {
        laneExecutors.forEach(ScriptedExecutor::releaseAll);
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
        // all six are queued before the first step returns, whatever the threads' timing
        executor.hold();
        List<CompletableFuture<ExtractionResult>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(submit("doc-" + i, 50 + 7 * i, 5));
        }
        executor.releaseAll();
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

    @Test
    void givesEveryDocumentTheSameAnswerWithTwoLanesAsWithOne() throws Exception {
        start(1, 3, 32, 64);
        Map<String, String> oneLane = submitFromFourThreads();
        engine.close();

        start(2, 3, 32, 64);
        Map<String, String> twoLanes = submitFromFourThreads();

        assertThat(twoLanes).hasSize(24).isEqualTo(oneLane);
        // prompt tokens 100..100+P-1, then each answer token is the one before plus one
        assertThat(twoLanes.get("doc-2-5")).isEqualTo("[127, 128, 129, 130]");
        assertThat(engine.metrics().batchFill()).isBetween(0.0, 1.0);
        assertThat(laneExecutors).allSatisfy(lane -> assertThat(lane.batches).allSatisfy(batch -> {
            assertThat(batch.sequenceCount()).isLessThanOrEqualTo(3);
            assertThat(java.util.Arrays.stream(batch.slots()).allMatch(slot -> slot >= 0 && slot < 3)).isTrue();
        }));
    }

    /** Four threads submit six documents each at once; the answers by document id. */
    private Map<String, String> submitFromFourThreads() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ExtractionResult>> futures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int d = 0; d < 6; d++) {
                    futures.add(submit("doc-" + thread + "-" + d, 10 + thread * 6 + d, 2 + (thread + d) % 5));
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        Map<String, String> answers = new TreeMap<>();
        for (CompletableFuture<ExtractionResult> future : futures) {
            answers.put(future.join().documentId(), future.join().json());
        }
        return answers;
    }

    @Test
    void aSecondLaneTakesTheDocumentTheBusyFirstLaneHasNoSlotFor() throws Exception {
        start(2, 1, 64, 4);
        laneExecutors.forEach(ScriptedExecutor::hold);
        CompletableFuture<ExtractionResult> first = submit("first", 5, 2);
        CompletableFuture<ExtractionResult> second = submit("second", 7, 3);
        // each lane has one slot, so each held step holds one document and both executors are stepping at once
        for (ScriptedExecutor lane : laneExecutors) {
            assertThat(lane.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(engine.description()).isEqualTo("2 lanes of: scripted");
        laneExecutors.forEach(ScriptedExecutor::releaseAll);
        assertThat(first.get(10, TimeUnit.SECONDS).json()).isEqualTo("[105, 106]");
        assertThat(second.get(10, TimeUnit.SECONDS).json()).isEqualTo("[107, 108, 109]");
        assertThat(laneExecutors).allSatisfy(lane -> assertThat(lane.batches).isNotEmpty());
        assertThat(laneExecutors.get(0).maskRows).isEqualTo(1);
        assertThat(laneExecutors.get(1).maskRows).isEqualTo(1);
    }

    @Test
    void closingTwoLanesFailsTheirDocumentsAndTheWaitingOnesAndClosesBothExecutors() throws Exception {
        start(2, 1, 64, 4);
        laneExecutors.forEach(ScriptedExecutor::hold);
        CompletableFuture<ExtractionResult> endlessA = submit("endless-a", 5, -1);
        CompletableFuture<ExtractionResult> endlessB = submit("endless-b", 5, -1);
        for (ScriptedExecutor lane : laneExecutors) {
            assertThat(lane.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        }
        CompletableFuture<ExtractionResult> waiting = submit("waiting", 5, 2);
        assertThat(engine.queueDepth()).isEqualTo(1);
        laneExecutors.forEach(ScriptedExecutor::releaseAll);
        engine.close();
        for (CompletableFuture<ExtractionResult> future : List.of(endlessA, endlessB, waiting)) {
            assertThatThrownBy(future::join).hasMessageContaining("closed");
        }
        assertThat(laneExecutors).allSatisfy(lane -> assertThat(lane.closed).isTrue());
        assertThatThrownBy(() -> submit("late", 5, 2).join()).hasMessageContaining("closed");
        engine = null;
    }

    @Test
    void refusesAnExecutorCountOtherThanTheLanes() {
        EngineOptions twoLanes = EngineOptions.defaults(Path.of("unused")).withLanes(2);
        assertThatThrownBy(() -> new ExtractionEngine(twoLanes, MAX_LEN, List.of(executor), decoding, null))
                .hasMessageContaining("2 lanes need as many executors, got 1");
    }

    private static boolean distinct(int[] values) {
        return java.util.Arrays.stream(values).distinct().count() == values.length;
    }
}
