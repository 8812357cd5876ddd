package dev.manifests.serving.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.manifests.serving.pack.ModelPackage;
import dev.manifests.serving.pack.TestPackages;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The step module of the test package run through DJL's libtorch on the CPU, checked against what STEP_CONTRACT.md
 * specifies: greedy and deterministic, causal attention over the slot's own cache (so chunked prefill, batching
 * with other sequences and rewinding give the same tokens), and the arg-max restricted to the mask row.
 */
class DjlStepExecutorTest {

    private static final int SLOTS = 4;
    private static final int MAX_LEN = 128;
    private static final int[] PROMPT = {1, 3, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 4};

    private static DjlStepExecutor executor;
    private static int vocab;

    @BeforeAll
    static void load() {
        System.setProperty("ai.djl.offline", "true");
        ModelPackage modelPackage = TestPackages.load();
        vocab = modelPackage.spec().architecture().vocabSize();
        // one intra-op thread, as the engine runs it
        executor = DjlStepExecutor.load(modelPackage.stepModule(), "cpu", 1);
        assertThat(executor.initCache(SLOTS, MAX_LEN)).isPositive();
        boolean[][] masks = new boolean[3][vocab];
        Arrays.fill(masks[0], true);
        for (int t = 10; t < 20; t++) {
            masks[1][t] = true;
        }
        masks[2][7] = true;
        executor.setMasks(masks);
    }

    @AfterAll
    static void close() {
        if (executor != null) {
            executor.close();
        }
    }

    private static StepResult prefill(int slot, int[] tokens, int startPosition, int... maskIds) {
        int[] positions = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            positions[i] = startPosition + i;
        }
        int[] rows = new int[maskIds.length];
        Arrays.fill(rows, tokens.length - 1);
        return executor.step(new StepBatch(tokens, positions, new int[] {tokens.length}, new int[] {slot}, rows, maskIds));
    }

    @Test
    void describesLibtorchFromTheNativeJar() {
        assertThat(executor.describe()).contains("cpu").contains("intra-op threads: 1").contains("libtorch 2.7.1");
    }

    @Test
    void rejectsANegativeThreadCountBeforeLoading() {
        assertThatThrownBy(() -> DjlStepExecutor.load(TestPackages.load().stepModule(), "cpu", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intraOpThreads");
    }

    @Test
    void givesTheSameTokensForTheSameInputs() {
        StepResult first = prefill(0, PROMPT, 0, 0, 1, 2);
        StepResult second = prefill(0, PROMPT, 0, 0, 1, 2);
        assertThat(second.nextTokens()).containsExactly(first.nextTokens());
        assertThat(second.logProbs()).containsExactly(first.logProbs());
        assertThat(first.deviceMillis()).isPositive();
    }

    @Test
    void choosesOnlyTokensTheMaskRowAllows() {
        StepResult result = prefill(1, PROMPT, 0, 0, 1, 2);
        int free = result.nextTokens()[0];
        assertThat(free).isBetween(0, vocab - 1);
        assertThat(result.nextTokens()[1]).isBetween(10, 19);
        assertThat(result.nextTokens()[2]).isEqualTo(7);
        // log-probabilities are of the unmasked distribution: the free arg-max is the likeliest of all
        assertThat(result.logProbs()[0]).isLessThanOrEqualTo(0f);
        assertThat(result.logProbs()[0]).isGreaterThanOrEqualTo(result.logProbs()[1]).isGreaterThanOrEqualTo(result.logProbs()[2]);
    }

    @Test
    void stepTopOffersTheAllowedTokensBestFirstStartingWithTheArgMax() {
        StepResult best = prefill(0, PROMPT, 0, 0, 1, 2);
        int[] positions = new int[PROMPT.length];
        Arrays.setAll(positions, i -> i);
        int[] rows = new int[3];
        Arrays.fill(rows, PROMPT.length - 1);
        StepResult top = executor.step(new StepBatch(PROMPT, positions, new int[] {PROMPT.length}, new int[] {0}, rows,
                new int[] {0, 1, 2}, 4));

        assertThat(top.candidates()).isEqualTo(4);
        for (int r = 0; r < 3; r++) {
            assertThat(top.nextTokens()[r * 4]).as("row %d's first candidate", r).isEqualTo(best.nextTokens()[r]);
            assertThat(top.logProbs()[r * 4]).isCloseTo(best.logProbs()[r], within(1e-5f));
            for (int c = 1; c < 4; c++) {
                assertThat(top.logProbs()[r * 4 + c]).isLessThanOrEqualTo(top.logProbs()[r * 4 + c - 1]);
            }
        }
        for (int c = 0; c < 4; c++) {
            assertThat(top.nextTokens()[4 + c]).as("mask 1 allows 10..19 only").isBetween(10, 19);
        }
        // mask 2 allows one token: the other places are empty
        assertThat(top.nextTokens()[8]).isEqualTo(7);
        assertThat(top.logProbs()[9]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(top.logProbs()[11]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void keepsTheMaskTableWhenTheJvmReusesFreedMemory() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            // fill freshly allocated native memory with zeros: a table aliasing freed memory would now allow nothing
            java.util.List<java.nio.ByteBuffer> pressure = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                pressure.add(java.nio.ByteBuffer.allocateDirect(3 * vocab));
            }
            StepResult result = prefill(0, PROMPT, 0, 1, 2);
            assertThat(result.nextTokens()[0]).isBetween(10, 19);
            assertThat(result.nextTokens()[1]).isEqualTo(7);
            assertThat(pressure).hasSize(16);
        }
    }

    @Test
    void chunkedPrefillGivesTheSameTokenAsOneStep() {
        StepResult whole = prefill(2, PROMPT, 0, 0);
        prefill(3, Arrays.copyOfRange(PROMPT, 0, 5), 0);
        prefill(3, Arrays.copyOfRange(PROMPT, 5, 9), 5);
        StepResult chunked = prefill(3, Arrays.copyOfRange(PROMPT, 9, PROMPT.length), 9, 0);
        assertThat(chunked.nextTokens()).containsExactly(whole.nextTokens());
        assertThat(chunked.logProbs()[0]).isCloseTo(whole.logProbs()[0], within(1e-3f));
    }

    @Test
    void batchingWithAnotherSequenceDoesNotChangeTheToken() {
        StepResult alone = prefill(0, PROMPT, 0, 0);
        int[] other = {1, 3, 90, 91, 92, 4};
        int[] tokens = new int[other.length + PROMPT.length];
        int[] positions = new int[tokens.length];
        System.arraycopy(other, 0, tokens, 0, other.length);
        System.arraycopy(PROMPT, 0, tokens, other.length, PROMPT.length);
        for (int i = 0; i < other.length; i++) {
            positions[i] = i;
        }
        for (int i = 0; i < PROMPT.length; i++) {
            positions[other.length + i] = i;
        }
        StepResult batched = executor.step(new StepBatch(tokens, positions, new int[] {other.length, PROMPT.length},
                new int[] {1, 0}, new int[] {tokens.length - 1, other.length - 1}, new int[] {0, 0}));
        assertThat(batched.nextTokens()[0]).isEqualTo(alone.nextTokens()[0]);
        assertThat(batched.logProbs()[0]).isCloseTo(alone.logProbs()[0], within(1e-3f));
    }

    @Test
    void rewritingPositionsAfterARejectedDraftForgetsTheDraft() {
        StepResult fresh = prefill(2, PROMPT, 0, 0);
        prefill(2, new int[] {5, 6, 7}, PROMPT.length);
        StepResult rewound = prefill(2, new int[] {PROMPT[PROMPT.length - 1]}, PROMPT.length - 1, 0);
        assertThat(rewound.nextTokens()).containsExactly(fresh.nextTokens());
        assertThat(rewound.logProbs()[0]).isCloseTo(fresh.logProbs()[0], within(1e-3f));
    }
}
