package dev.manifests.serving.schedule;

import dev.manifests.serving.exec.StepBatch;
import dev.manifests.serving.exec.StepExecutor;
import dev.manifests.serving.exec.StepResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * A step executor for scheduler tests: the next token after token t is t + 1, the device time of a step is its
 * token count in milliseconds, and steps can be held back with {@link #hold()} to pin the scheduler mid-flight.
 */
final class ScriptedExecutor implements StepExecutor {

    final List<StepBatch> batches = new CopyOnWriteArrayList<>();
    final Semaphore entered = new Semaphore(0);
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE / 2);
    volatile boolean closed;
    volatile int maskRows;

    void hold() {
        gate.drainPermits();
    }

    void releaseAll() {
        gate.release(Integer.MAX_VALUE / 2);
    }

    @Override
    public long initCache(int numSlots, int maxLen) {
        return (long) numSlots * maxLen;
    }

    @Override
    public void setMasks(boolean[][] masks) {
        maskRows = masks.length;
    }

    @Override
    public StepResult step(StepBatch batch) {
        entered.release();
        gate.acquireUninterruptibly();
        gate.release();
        batches.add(batch);
        int[] next = new int[batch.outRows().length];
        float[] logProbs = new float[next.length];
        for (int r = 0; r < next.length; r++) {
            next[r] = batch.tokens()[batch.outRows()[r]] + 1;
            logProbs[r] = -0.1f;
        }
        return new StepResult(next, logProbs, batch.tokenCount());
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public void close() {
        closed = true;
    }
}
