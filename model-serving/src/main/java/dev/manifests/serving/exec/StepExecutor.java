package dev.manifests.serving.exec;

/**
 * Runs whole decoding steps of one model package on one device: the step contract of STEP_CONTRACT.md.
 * The scheduler talks only to this interface, so in-process DJL and the executor process are interchangeable.
 * Not thread-safe: one scheduler thread owns an executor.
 */
public interface StepExecutor extends AutoCloseable {

    /** Allocates the KV cache for {@code numSlots} sequences of up to {@code maxLen} positions; returns bytes allocated. */
    long initCache(int numSlots, int maxLen);

    /** Uploads the vocabulary mask table: {@code masks[m][t]} allows token {@code t} under mask {@code m}. */
    void setMasks(boolean[][] masks);

    /** Runs one step over every sequence in the batch. */
    StepResult step(StepBatch batch);

    /** Describes the device and runtime, for logs and reports (e.g. "cpu, libtorch 2.7.1"). */
    String describe();

    @Override
    void close();
}
