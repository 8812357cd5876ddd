package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.StepRequest;
import dev.manifests.serving.exec.StepBatch;
import dev.manifests.serving.exec.StepExecutor;
import dev.manifests.serving.exec.StepResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step loop of an {@link ExtractionEngine}: a scheduler thread with its own step executor and KV slots that takes
 * documents from the engine's shared queue whenever it has a free slot, and decodes every part of a document it took
 * until the document completes. Its running, admitting and slot state is touched only by its own thread.
 */
final class EngineLane {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLane.class);

    private final EngineOptions options;
    private final int maxLen;
    private final StepExecutor executor;
    private final DocumentDecoding decoding;
    private final BlockingQueue<DocumentJob> waiting;
    private final EngineMetrics metrics;
    private final Runnable stoppedByFailure;
    private final String description;
    private final Thread thread;
    private volatile boolean stopping;

    // lane-thread state
    private final ArrayDeque<DocumentJob> admitting = new ArrayDeque<>();
    private volatile int admittingCount;
    private final List<PartSequence> running = new ArrayList<>();
    private final KvSlots slots;
    private long rotation;

    /**
     * A lane over an executor whose cache and masks are already set up; {@link #start()} starts its thread.
     * {@code stoppedByFailure} hears of a loop that stopped on an unexpected error, after the lane failed its documents.
     */
    EngineLane(String name, EngineOptions options, int maxLen, StepExecutor executor, DocumentDecoding decoding,
            BlockingQueue<DocumentJob> waiting, EngineMetrics metrics, Runnable stoppedByFailure) {
        this.options = options;
        this.maxLen = maxLen;
        this.executor = executor;
        this.decoding = decoding;
        this.waiting = waiting;
        this.metrics = metrics;
        this.stoppedByFailure = stoppedByFailure;
        this.description = executor.describe();
        this.slots = new KvSlots(options.numSlots());
        this.thread = new Thread(this::schedule, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the loop to stop: it leaves a wait at once and a running step when the step returns. */
    void stop() {
        stopping = true;
        thread.interrupt();
    }

    /** Waits up to {@code millis} for the loop to end; true when it has. */
    boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    StepExecutor executor() {
        return executor;
    }

    /** Documents taken from the queue whose parts do not all have a slot yet. */
    int admittingCount() {
        return admittingCount;
    }

    private void schedule() {
        try {
            while (!stopping) {
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
            LOG.error("the extraction scheduler {} stopped", thread.getName(), e);
            stopping = true;
            IllegalStateException reason = new IllegalStateException("the extraction scheduler stopped: " + e.getMessage(), e);
            failAll(reason);
            stoppedByFailure.run();
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

    /** Fails this lane's documents and the ones still waiting in the shared queue. */
    private void failAll(RuntimeException reason) {
        for (PartSequence sequence : running) {
            sequence.job.future.completeExceptionally(reason);
        }
        running.clear();
        for (DocumentJob job : admitting) {
            job.future.completeExceptionally(reason);
        }
        admitting.clear();
        admittingCount = 0;
        for (DocumentJob job = waiting.poll(); job != null; job = waiting.poll()) {
            job.future.completeExceptionally(reason);
        }
    }
}
