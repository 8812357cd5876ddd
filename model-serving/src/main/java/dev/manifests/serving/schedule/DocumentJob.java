package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.SequenceDecoder;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One submitted document inside the engine: its decoders (one per part), how many parts are admitted and finished,
 * its timings, and the future its caller waits on. Touched by the submitting thread until queued, then only by the
 * scheduler thread of the one lane that took it, every part included (the future is thread-safe).
 */
final class DocumentJob {

    final ExtractionRequest request;
    final List<SequenceDecoder> parts;
    final CompletableFuture<ExtractionResult> future = new CompletableFuture<>();
    final long submittedNanos;
    long admittedNanos;
    int partsAdmitted;
    int partsFinished;
    double deviceMillis;

    DocumentJob(ExtractionRequest request, List<SequenceDecoder> parts, long submittedNanos) {
        this.request = request;
        this.parts = parts;
        this.submittedNanos = submittedNanos;
    }

    boolean allAdmitted() {
        return partsAdmitted == parts.size();
    }

    boolean allFinished() {
        return partsFinished == parts.size();
    }

    /** Cancelled, timed out or failed: its sequences should give their slots back. */
    boolean abandoned() {
        return future.isDone();
    }
}
