package dev.manifests.serving.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

    private final EngineOptions defaults = EngineOptions.defaults(Path.of("models", "manifest-mini"));

    @Test
    void defaultsSuitASmallCpu() {
        assertThat(defaults.device()).isEqualTo("cpu");
        assertThat(defaults.numSlots()).isEqualTo(defaults.maxBatchSequences());
        assertThat(defaults.packageFolder()).isAbsolute();
        assertThat(defaults.decodeOptions().jumpForward()).isTrue();
        assertThat(defaults.decodeOptions().speculation()).isTrue();
        assertThat(defaults.intraOpThreads()).isEqualTo(1);
        assertThat(defaults.lanes()).isEqualTo(1);
    }

    @Test
    void keepsTheLanesWhenAnotherOptionChanges() {
        EngineOptions lanes = defaults.withLanes(3)
                .withDevice("cpu").withBatchSize(4).withMaxStepTokens(128).withMaxQueue(9).withMaxWaitMillis(2)
                .withAnswerBudgetTokens(512).withDecodeOptions(defaults.decodeOptions()).withIntraOpThreads(2);
        assertThat(lanes.lanes()).isEqualTo(3);
        assertThat(lanes.numSlots()).isEqualTo(4);
        assertThat(lanes.withLanes(1)).isEqualTo(defaults.withBatchSize(4).withMaxStepTokens(128).withMaxQueue(9)
                .withMaxWaitMillis(2).withAnswerBudgetTokens(512).withIntraOpThreads(2));
    }

    @Test
    void queuesTwiceTheSlotsOfAllLanesWhenAskedAndNeverLess() {
        assertThat(defaults.withBatchSize(16).withLanes(2).withMaxQueue(10).withQueueForAllSlots().maxQueue())
                .isEqualTo(64);
        assertThat(defaults.withBatchSize(2).withLanes(1).withMaxQueue(50).withQueueForAllSlots().maxQueue())
                .isEqualTo(50);
    }

    @Test
    void namesTheOptionThatIsOutOfRange() {
        assertThatThrownBy(() -> defaults.withBatchSize(0)).hasMessageContaining("numSlots must be at least 1, was 0");
        assertThatThrownBy(() -> defaults.withMaxQueue(0)).hasMessageContaining("maxQueue");
        assertThatThrownBy(() -> defaults.withMaxStepTokens(8)).hasMessageContaining("maxStepTokens");
        assertThatThrownBy(() -> defaults.withDevice(" ")).hasMessageContaining("executor:HOST:PORT");
        assertThatThrownBy(() -> defaults.withIntraOpThreads(-1)).hasMessageContaining("intraOpThreads must not be negative");
        assertThatThrownBy(() -> defaults.withLanes(0)).hasMessageContaining("lanes must be at least 1, was 0");
    }

    @Test
    void handsOutTheLowestFreeSlotFirst() {
        KvSlots slots = new KvSlots(4);
        assertThat(new int[] {slots.take(), slots.take(), slots.take()}).containsExactly(0, 1, 2);
        slots.release(1);
        slots.release(0);
        assertThat(slots.take()).isZero();
        assertThat(slots.inUse()).isEqualTo(2);
    }
}
