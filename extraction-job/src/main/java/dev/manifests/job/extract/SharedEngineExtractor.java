package dev.manifests.job.extract;

import dev.manifests.serving.schedule.EngineOptions;
import dev.manifests.serving.schedule.ExtractionEngine;
import dev.manifests.serving.schedule.ExtractionRequest;
import dev.manifests.serving.schedule.ExtractionResult;
import dev.manifests.serving.schedule.SharedEngines;

import java.util.concurrent.CompletableFuture;

/**
 * One subtask's hold on the engine shared by every subtask of the TaskManager JVM for the same package and
 * device: acquired when the subtask opens, released when it closes (the last release closes the engine).
 */
public final class SharedEngineExtractor implements Extractor {

    private final ExtractionEngine engine;
    private boolean released;

    public SharedEngineExtractor(EngineOptions options) {
        this.engine = SharedEngines.acquire(options);
    }

    @Override
    public CompletableFuture<ExtractionResult> submit(ExtractionRequest request) {
        return engine.submit(request);
    }

    @Override
    public int queueDepth() {
        return engine.queueDepth();
    }

    @Override
    public double batchFill() {
        return engine.batchFill();
    }

    @Override
    public double tokensPerSecond() {
        return engine.outputTokensPerSecond();
    }

    @Override
    public double deviceBusy() {
        return engine.deviceBusyFraction();
    }

    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            SharedEngines.release(engine);
        }
    }
}
