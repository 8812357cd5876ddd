package dev.manifests.serving.schedule;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's running figures, written by the scheduler threads of all its lanes at once and read by any thread
 * (the Flink metric gauges): steps, tokens, batch fill, device time, and output tokens per second over a sliding
 * window. Sums are adders and the window is locked, so concurrent writers lose nothing.
 */
public final class EngineMetrics {

    private static final long WINDOW_NANOS = 10_000_000_000L;

    private final long startedNanos = System.nanoTime();
    private final int maxBatchSequences;
    private final int maxStepTokens;
    private final int lanes;
    private final LongAdder steps = new LongAdder();
    private final LongAdder stepTokens = new LongAdder();
    private final LongAdder stepSequences = new LongAdder();
    private final LongAdder prefillTokens = new LongAdder();
    private final LongAdder outputRows = new LongAdder();
    private final LongAdder prefillSteps = new LongAdder();
    private final LongAdder prefillStepNanos = new LongAdder();
    private final LongAdder stepNanos = new LongAdder();
    private final LongAdder hostNanos = new LongAdder();
    private final LongAdder outputTokens = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final DoubleAdder deviceMillis = new DoubleAdder();
    private final AtomicLong lastBatchSequences = new AtomicLong();
    private final ArrayDeque<long[]> window = new ArrayDeque<>();

    /** Figures of an engine whose {@code lanes} each run steps of up to the given sequences and tokens. */
    EngineMetrics(int maxBatchSequences, int maxStepTokens, int lanes) {
        this.maxBatchSequences = maxBatchSequences;
        this.maxStepTokens = maxStepTokens;
        this.lanes = lanes;
    }

    /**
     * One step: its sequences, tokens (of which prompt tokens) and output rows, the device time the executor reported,
     * the wall time of the executor call, and the scheduler's own time in that iteration outside the call.
     */
    void recordStep(int sequences, int tokens, int prompt, int rows, double stepDeviceMillis, long executorNanos, long schedulerNanos) {
        steps.increment();
        stepSequences.add(sequences);
        stepTokens.add(tokens);
        prefillTokens.add(prompt);
        outputRows.add(rows);
        deviceMillis.add(stepDeviceMillis);
        stepNanos.add(executorNanos);
        hostNanos.add(schedulerNanos);
        if (prompt > 0) {
            prefillSteps.increment();
            prefillStepNanos.add(executorNanos);
        }
        lastBatchSequences.set(sequences);
    }

    void recordCompleted(int answerTokens) {
        completed.increment();
        outputTokens.add(answerTokens);
        long now = System.nanoTime();
        synchronized (window) {
            window.addLast(new long[] {now, answerTokens});
            trim(now);
        }
    }

    void recordFailed() {
        failed.increment();
    }

    void recordRejected() {
        rejected.increment();
    }

    public long steps() {
        return steps.sum();
    }

    /** Tokens run through the model (prefill, forced structure, drafts and decoded ones). */
    public long stepTokens() {
        return stepTokens.sum();
    }

    /** Prompt tokens run through the model. */
    public long prefillTokens() {
        return prefillTokens.sum();
    }

    /** Output rows (predictions) the steps returned. */
    public long outputRows() {
        return outputRows.sum();
    }

    /** Steps that carried at least one prompt token. */
    public long prefillSteps() {
        return prefillSteps.sum();
    }

    /** Wall time inside the executor's step calls, in milliseconds. */
    public double executorMillis() {
        return stepNanos.sum() / 1e6;
    }

    /** Wall time of steps that carried prompt tokens, inside the executor, in milliseconds. */
    public double prefillStepMillis() {
        return prefillStepNanos.sum() / 1e6;
    }

    /** Scheduler time outside the executor (planning, batching, decoding, admitting), in milliseconds. */
    public double schedulerMillis() {
        return hostNanos.sum() / 1e6;
    }

    /** Answer tokens of completed documents. */
    public long outputTokens() {
        return outputTokens.sum();
    }

    public long documentsCompleted() {
        return completed.sum();
    }

    public long documentsFailed() {
        return failed.sum();
    }

    public long documentsRejected() {
        return rejected.sum();
    }

    /** Mean sequences per step (of any lane) as a fraction of one lane's {@code maxBatchSequences}. */
    public double batchFill() {
        long n = steps.sum();
        return n == 0 ? 0.0 : (double) stepSequences.sum() / n / maxBatchSequences;
    }

    /** Mean tokens per step (of any lane) as a fraction of one lane's {@code maxStepTokens}. */
    public double tokenFill() {
        long n = steps.sum();
        return n == 0 ? 0.0 : (double) stepTokens.sum() / n / maxStepTokens;
    }

    /** Sequences in the most recent step of any lane. */
    public long lastBatchSequences() {
        return lastBatchSequences.get();
    }

    public double deviceMillis() {
        return deviceMillis.sum();
    }

    /** Device time as a fraction of the wall time since the engine started, averaged over the lanes. */
    public double deviceBusyFraction() {
        double wallMillis = lanes * (System.nanoTime() - startedNanos) / 1e6;
        return wallMillis <= 0 ? 0.0 : Math.min(1.0, deviceMillis.sum() / wallMillis);
    }

    /** Answer tokens of the documents completed in the last ten seconds, per second. */
    public double outputTokensPerSecond() {
        long now = System.nanoTime();
        synchronized (window) {
            trim(now);
            long sum = 0;
            for (long[] entry : window) {
                sum += entry[1];
            }
            double spanSeconds = Math.min(WINDOW_NANOS, now - startedNanos) / 1e9;
            return spanSeconds <= 0 ? 0.0 : sum / spanSeconds;
        }
    }

    private void trim(long now) {
        while (!window.isEmpty() && now - window.peekFirst()[0] > WINDOW_NANOS) {
            window.removeFirst();
        }
    }
}
