package dev.manifests.job.extract;

import dev.manifests.serving.schedule.ExtractionRequest;
import dev.manifests.serving.schedule.ExtractionResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An extractor whose answers the test gives: every submission waits until the test completes or fails it, so a
 * test can hold documents in flight across a checkpoint. Instances are found by name, because the operator
 * receives a serialized factory.
 */
final class ScriptedExtractor implements Extractor {

    private static final Map<String, ScriptedExtractor> BY_NAME = new ConcurrentHashMap<>();

    private final List<ExtractionRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<ExtractionResult>> answers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A new extractor and the factory that hands it to the operator. */
    static ScriptedExtractor named(String name) {
        ScriptedExtractor extractor = new ScriptedExtractor();
        BY_NAME.put(name, extractor);
        return extractor;
    }

    static ExtractorFactory factory(String name) {
        return () -> BY_NAME.get(name);
    }

    @Override
    public CompletableFuture<ExtractionResult> submit(ExtractionRequest request) {
        requests.add(request);
        CompletableFuture<ExtractionResult> answer = new CompletableFuture<>();
        answers.put(request.documentId(), answer);
        return answer;
    }

    void answer(String documentId, String json, Map<String, Double> confidence) {
        answers.get(documentId).complete(new ExtractionResult(documentId, json, confidence, 120, 40, 12, 1, 3, 250, 180.0));
    }

    void fail(String documentId, Throwable error) {
        answers.get(documentId).completeExceptionally(error);
    }

    boolean cancelled(String documentId) {
        return answers.get(documentId).isCancelled();
    }

    List<String> submittedIds() {
        return requests.stream().map(ExtractionRequest::documentId).toList();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public int queueDepth() {
        return (int) answers.values().stream().filter(answer -> !answer.isDone()).count();
    }

    @Override
    public double batchFill() {
        return 0.5;
    }

    @Override
    public double tokensPerSecond() {
        return 0;
    }

    @Override
    public double deviceBusy() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
