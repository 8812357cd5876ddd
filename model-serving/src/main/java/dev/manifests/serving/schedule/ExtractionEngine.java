package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.SequenceDecoder;
import dev.manifests.serving.exec.StepExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts documents with continuous batching: submitted documents wait in a bounded queue, and each of
 * {@link EngineOptions#lanes()} scheduler threads (an {@link EngineLane}, with its own step executor and KV slots)
 * admits them into its free slots and runs steps that mix the prefill chunks of new documents with the decode
 * tokens of running ones under a per-step token budget; a finished document completes at once and its slot goes
 * to the next waiting one. Thread-safe; a full queue fails the submission at once with
 * {@link EngineCapacityException}. Cancelling a returned future (or letting it time out) frees its slots.
 */
public final class ExtractionEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionEngine.class);
    private static final long STOP_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final EngineOptions options;
    private final DocumentDecoding decoding;
    private final AutoCloseable resources;
    private final String description;
    private final ArrayBlockingQueue<DocumentJob> waiting;
    private final EngineMetrics metrics;
    private final List<EngineLane> lanes = new ArrayList<>();
    private volatile boolean closing;

    /**
     * Starts an engine over open executors, one per lane ({@code options.lanes()} of them). Each executor's cache is
     * allocated for {@code numSlots} sequences of {@code maxLen} positions and the decoding's mask table uploaded
     * before any scheduler thread starts; {@code resources} (the tokenizer, say) are closed with the engine, after the
     * executors. Should this constructor throw, the executors are left open for the caller to close.
     */
    public ExtractionEngine(EngineOptions options, int maxLen, List<? extends StepExecutor> executors, DocumentDecoding decoding,
            AutoCloseable resources) {
        if (executors.size() != options.lanes()) {
            throw new IllegalArgumentException(options.lanes() + " lanes need as many executors, got " + executors.size());
        }
        this.options = options;
        this.decoding = decoding;
        this.resources = resources;
        this.waiting = new ArrayBlockingQueue<>(options.maxQueue());
        this.metrics = new EngineMetrics(options.maxBatchSequences(), options.maxStepTokens(), options.lanes());
        long cacheBytes = 0;
        boolean[][] masks = decoding.masks();
        for (StepExecutor executor : executors) {
            cacheBytes += executor.initCache(options.numSlots(), maxLen);
            executor.setMasks(masks);
        }
        String executorDescription = executors.get(0).describe();
        this.description = options.lanes() == 1 ? executorDescription : options.lanes() + " lanes of: " + executorDescription;
        for (int i = 0; i < executors.size(); i++) {
            String name = options.lanes() == 1 ? "extraction-scheduler" : "extraction-scheduler-" + i;
            lanes.add(new EngineLane(name, options, maxLen, executors.get(i), decoding, waiting, metrics, this::laneStopped));
        }
        LOG.info("extraction engine on {}: {} slots per lane of {} positions ({} MiB of KV cache in all), steps of up to {} sequences and {} tokens",
                description, options.numSlots(), maxLen, cacheBytes >> 20, options.maxBatchSequences(), options.maxStepTokens());
        lanes.forEach(EngineLane::start);
    }

    /**
     * Queues one document. The returned future completes with the result, or exceptionally with
     * {@link EngineCapacityException} when the queue is full, {@link ExtractionFailedException} when the document
     * cannot be extracted, or {@link IllegalStateException} once the engine is closed.
     */
    public CompletableFuture<ExtractionResult> submit(ExtractionRequest request) {
        long submitted = System.nanoTime();
        if (closing) {
            return CompletableFuture.failedFuture(new IllegalStateException("the extraction engine is closed"));
        }
        if (waiting.remainingCapacity() == 0) {
            return reject();
        }
        List<SequenceDecoder> parts;
        try {
            parts = decoding.start(request.documentId(), request.text());
        } catch (RuntimeException e) {
            metrics.recordFailed();
            return CompletableFuture.failedFuture(new ExtractionFailedException(request.documentId(), e.getMessage(), e));
        }
        if (parts.isEmpty()) {
            metrics.recordFailed();
            return CompletableFuture.failedFuture(new ExtractionFailedException(request.documentId(), "the document gave no part to decode"));
        }
        DocumentJob job = new DocumentJob(request, parts, submitted);
        if (!waiting.offer(job)) {
            return reject();
        }
        // a caller that gives up while the document still waits should not keep a queue place
        job.future.whenComplete((result, failure) -> {
            if (failure != null) {
                waiting.remove(job);
            }
        });
        // a close that drained the queue between the check above and the offer would leave this one behind
        if (closing && waiting.remove(job)) {
            job.future.completeExceptionally(new IllegalStateException("the extraction engine is closed"));
        }
        return job.future;
    }

    private CompletableFuture<ExtractionResult> reject() {
        metrics.recordRejected();
        return CompletableFuture.failedFuture(new EngineCapacityException(options.maxQueue()));
    }

    public EngineOptions options() {
        return options;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    /** The device and runtime the steps run on. */
    public String description() {
        return description;
    }

    /** Documents accepted and waiting for a slot. */
    public int queueDepth() {
        int depth = waiting.size();
        for (EngineLane lane : lanes) {
            depth += lane.admittingCount();
        }
        return depth;
    }

    public long steps() {
        return metrics.steps();
    }

    public double batchFill() {
        return metrics.batchFill();
    }

    public double outputTokensPerSecond() {
        return metrics.outputTokensPerSecond();
    }

    public double deviceBusyFraction() {
        return metrics.deviceBusyFraction();
    }

    /**
     * Stops every lane, fails every unfinished document, and closes every executor and then the decoding resources.
     *
     * @throws IllegalStateException when a lane does not stop within 30 s; the executors are then left open
     */
    @Override
    public void close() {
        closing = true;
        lanes.forEach(EngineLane::stop);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        boolean stopped = true;
        try {
            for (EngineLane lane : lanes) {
                stopped &= lane.await(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            // a step still running would use a closed module; leaking the executors is the lesser harm
            throw new IllegalStateException("the extraction scheduler did not stop within 30 s; the step executors are left open");
        }
        IllegalStateException closed = new IllegalStateException("the extraction engine was closed before the document finished");
        for (DocumentJob job = waiting.poll(); job != null; job = waiting.poll()) {
            job.future.completeExceptionally(closed);
        }
        RuntimeException failure = null;
        for (EngineLane lane : lanes) {
            try {
                lane.executor().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                IllegalStateException resourceFailure = new IllegalStateException("closing the engine's resources failed: " + e.getMessage(), e);
                if (failure == null) {
                    failure = resourceFailure;
                } else {
                    failure.addSuppressed(resourceFailure);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A lane whose loop broke stops the engine: the others stop too and new documents are refused. */
    private void laneStopped() {
        closing = true;
        lanes.forEach(EngineLane::stop);
    }
}
