package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.SequenceDecoder;
import dev.manifests.serving.decode.StepRequest;
import dev.manifests.serving.exec.StepBatch;
import dev.manifests.serving.exec.StepExecutor;
import dev.manifests.serving.exec.StepResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts documents with continuous batching: submitted documents wait in a bounded queue, one scheduler thread
 * admits them into free KV slots and runs steps that mix the prefill chunks of new documents with the decode
 * tokens of running ones under a per-step token budget; a finished document completes at once and its slot goes
 * to the next waiting one. Thread-safe; a full queue fails the submission at once with
 * {@link EngineCapacityException}. Cancelling a returned future (or letting it time out) frees its slots.
 */
public final class ExtractionEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExtractionEngine.class);

    private final EngineOptions options;
    private final int maxLen;
    private final StepExecutor executor;
    private final DocumentDecoding decoding;
    private final AutoCloseable resources;
    private final String description;
    private final ArrayBlockingQueue<DocumentJob> waiting;
    private final EngineMetrics metrics;
    private final Thread scheduler;
    private volatile boolean closing;

    // scheduler-thread state
    private final ArrayDeque<DocumentJob> admitting = new ArrayDeque<>();
    private volatile int admittingCount;
    private final List<PartSequence> running = new ArrayList<>();
    private final KvSlots slots;
    private long rotation;

    /**
     * Starts an engine over an open executor. The cache is allocated for {@code numSlots} sequences of
     * {@code maxLen} positions and the decoding's mask table uploaded before the scheduler thread starts;
     * {@code resources} (the tokenizer, say) are closed with the engine, after the executor.
     */
    public ExtractionEngine(EngineOptions options, int maxLen, StepExecutor executor, DocumentDecoding decoding, AutoCloseable resources) {
        this.options = options;
        this.maxLen = maxLen;
        this.executor = executor;
        this.decoding = decoding;
        this.resources = resources;
        this.waiting = new ArrayBlockingQueue<>(options.maxQueue());
        this.metrics = new EngineMetrics(options.maxBatchSequences(), options.maxStepTokens());
        this.slots = new KvSlots(options.numSlots());
        long cacheBytes = executor.initCache(options.numSlots(), maxLen);
        executor.setMasks(decoding.masks());
        this.description = executor.describe();
        LOG.info("extraction engine on {}: {} slots of {} positions ({} MiB of KV cache), steps of up to {} sequences and {} tokens",
                description, options.numSlots(), maxLen, cacheBytes >> 20, options.maxBatchSequences(), options.maxStepTokens());
        this.scheduler = new Thread(this::schedule, "extraction-scheduler");
        this.scheduler.setDaemon(true);
        this.scheduler.start();
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
        return waiting.size() + admittingCount;
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

    /** Stops the scheduler, fails every unfinished document, and closes the executor and the decoding resources. */
    @Override
    public void close() {
        closing = true;
        scheduler.interrupt();
        try {
            scheduler.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (scheduler.isAlive()) {
            // a step still running would use a closed module; leaking the executor is the lesser harm
            throw new IllegalStateException("the extraction scheduler did not stop within 30 s; the step executor is left open");
        }
        IllegalStateException closed = new IllegalStateException("the extraction engine was closed before the document finished");
        for (DocumentJob job = waiting.poll(); job != null; job = waiting.poll()) {
            job.future.completeExceptionally(closed);
        }
        try {
            executor.close();
        } finally {
            if (resources != null) {
                try {
                    resources.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the engine's resources failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private void schedule() {
        try {
            while (!closing) {
                long began = System.nanoTime();
                releaseFinished();
                admit();
                admittingCount = admitting.size();
                if (running.isEmpty()) {
                    awaitDocuments();
                    continue;
                }
                step(began);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the extraction scheduler stopped", e);
            closing = true;
            failAll(new IllegalStateException("the extraction scheduler stopped: " + e.getMessage(), e));
            throw e;
        }
        failAll(new IllegalStateException("the extraction engine was closed before the document finished"));
    }

    /** Idle: waits for a first document, then up to maxWaitMillis for more, so the first step is fuller. */
    private void awaitDocuments() throws InterruptedException {
        DocumentJob first = waiting.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return;
        }
        admitting.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.maxWaitMillis());
        int wanted = slots.count();
        int queued = first.parts.size();
        while (queued < wanted) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            DocumentJob next = waiting.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            admitting.add(next);
            queued += next.parts.size();
        }
    }

    private void admit() {
        while (slots.available()) {
            DocumentJob job = admitting.peek();
            if (job == null) {
                job = waiting.poll();
                if (job == null) {
                    return;
                }
                admitting.add(job);
            }
            if (job.abandoned()) {
                admitting.remove();
                continue;
            }
            if (job.partsAdmitted == 0) {
                job.admittedNanos = System.nanoTime();
            }
            running.add(new PartSequence(job, job.parts.get(job.partsAdmitted), slots.take()));
            job.partsAdmitted++;
            if (job.allAdmitted()) {
                admitting.remove();
            }
        }
    }

    /** One scheduler iteration's step; {@code began} is when the iteration began, for the host-time figure. */
    private void step(long began) {
        StepPlan plan = plan();
        if (plan.isEmpty()) {
            return;
        }
        StepBatch batch = plan.toBatch();
        StepResult result;
        long stepStarted = System.nanoTime();
        long stepEnded;
        try {
            result = executor.step(batch);
            stepEnded = System.nanoTime();
        } catch (RuntimeException e) {
            LOG.error("a step of {} sequences and {} tokens failed on {}", plan.sequenceCount(), plan.tokenCount(), description, e);
            for (PartSequence sequence : plan.sequences()) {
                fail(sequence.job, "the step failed on " + description + ": " + e.getMessage(), e);
            }
            return;
        }
        plan.distribute(result, metrics);
        long stepNanos = stepEnded - stepStarted;
        metrics.recordStep(plan.sequenceCount(), plan.tokenCount(), plan.prefillTokenCount(), plan.rowCount(),
                result.deviceMillis(), stepNanos, System.nanoTime() - began - stepNanos);
    }

    /** One step's worth of requests: older sequences first (mostly decoding), prefill chunks fill the rest. */
    private StepPlan plan() {
        StepPlan plan = new StepPlan();
        int count = running.size();
        int start = count > options.maxBatchSequences() ? (int) (rotation++ % count) : 0;
        for (int i = 0; i < count; i++) {
            if (plan.sequenceCount() >= options.maxBatchSequences()) {
                break;
            }
            int budget = options.maxStepTokens() - plan.tokenCount();
            if (budget <= 0) {
                break;
            }
            PartSequence sequence = running.get((start + i) % count);
            if (sequence.job.abandoned() || sequence.decoder.done()) {
                continue;
            }
            StepRequest request;
            try {
                request = sequence.decoder.next(budget);
            } catch (RuntimeException e) {
                fail(sequence.job, "decoding failed: " + e.getMessage(), e);
                continue;
            }
            if (request == null) {
                continue;
            }
            int end = request.startPosition() + request.tokens().length;
            if (request.tokens().length > budget) {
                fail(sequence.job, "the decoder asked for " + request.tokens().length + " tokens with a budget of " + budget, null);
            } else if (end > maxLen) {
                fail(sequence.job, "the sequence reached position " + end + ", beyond the context of " + maxLen, null);
            } else {
                plan.add(sequence, request);
            }
        }
        return plan;
    }

    /** Frees the slots of abandoned and finished sequences and completes documents whose parts are all done. */
    private void releaseFinished() {
        Iterator<PartSequence> it = running.iterator();
        while (it.hasNext()) {
            PartSequence sequence = it.next();
            DocumentJob job = sequence.job;
            if (job.abandoned()) {
                it.remove();
                slots.release(sequence.slot);
                continue;
            }
            if (!sequence.decoder.done()) {
                continue;
            }
            it.remove();
            slots.release(sequence.slot);
            job.partsFinished++;
            if (job.allFinished()) {
                complete(job);
            }
        }
    }

    private void complete(DocumentJob job) {
        DocumentAnswer answer;
        try {
            answer = decoding.finish(job.request.documentId(), job.parts);
        } catch (RuntimeException e) {
            fail(job, "the answer could not be assembled: " + e.getMessage(), e);
            return;
        }
        long now = System.nanoTime();
        ExtractionResult result = new ExtractionResult(
                job.request.documentId(),
                answer.json(),
                answer.fieldConfidence(),
                answer.tokensIn(),
                answer.tokensOut(),
                answer.tokensDecoded(),
                job.parts.size(),
                TimeUnit.NANOSECONDS.toMillis(job.admittedNanos - job.submittedNanos),
                TimeUnit.NANOSECONDS.toMillis(now - job.admittedNanos),
                job.deviceMillis);
        if (job.future.complete(result)) {
            metrics.recordCompleted(answer.tokensOut());
        }
    }

    private void fail(DocumentJob job, String reason, Throwable cause) {
        if (job.future.completeExceptionally(new ExtractionFailedException(job.request.documentId(), reason, cause))) {
            metrics.recordFailed();
        }
    }

    private void failAll(RuntimeException reason) {
        for (PartSequence sequence : running) {
            sequence.job.future.completeExceptionally(reason);
        }
        running.clear();
        for (DocumentJob job : admitting) {
            job.future.completeExceptionally(reason);
        }
        admitting.clear();
        for (DocumentJob job = waiting.poll(); job != null; job = waiting.poll()) {
            job.future.completeExceptionally(reason);
        }
    }
}
