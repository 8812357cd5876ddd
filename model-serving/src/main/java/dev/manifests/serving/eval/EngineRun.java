package dev.manifests.serving.eval;

import dev.manifests.serving.schedule.ExtractionEngine;
import dev.manifests.serving.schedule.ExtractionRequest;
import dev.manifests.serving.schedule.ExtractionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Runs an engine over a list of documents as fast as it takes them: at most {@code maxQueue} documents are
 * waiting or running at once (a submission waits for a permit instead of being rejected), and the wall time
 * runs from the first submission to the last completion.
 */
public final class EngineRun {

    /** Each document's result, or the failure that took its place, in input order, and the run's wall time. */
    public record Outcome(List<ExtractionResult> results, List<Throwable> failures, double wallSeconds) {
    }

    private EngineRun() {
    }

    public static Outcome run(ExtractionEngine engine, List<LabelledDocument> documents, int inFlight) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<ExtractionResult>> futures = new ArrayList<>(documents.size());
        long started = System.nanoTime();
        for (LabelledDocument document : documents) {
            permits.acquire();
            CompletableFuture<ExtractionResult> future = engine.submit(new ExtractionRequest(document.id(), document.text()));
            future.whenComplete((result, failure) -> permits.release());
            futures.add(future);
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        List<ExtractionResult> results = new ArrayList<>(documents.size());
        List<Throwable> failures = new ArrayList<>(documents.size());
        for (CompletableFuture<ExtractionResult> future : futures) {
            try {
                results.add(future.join());
                failures.add(null);
            } catch (CompletionException e) {
                results.add(null);
                failures.add(e.getCause() == null ? e : e.getCause());
            }
        }
        return new Outcome(results, failures, wallSeconds);
    }
}
