package dev.manifests.job.extract;

import dev.manifests.serving.schedule.ExtractionRequest;
import dev.manifests.serving.schedule.ExtractionResult;

import java.util.concurrent.CompletableFuture;

/**
 * What the extract stage needs of an extraction engine: submit a document, read the engine's gauges, give the
 * engine back. The job uses {@link SharedEngineExtractor}; operator tests drive the stage with futures they
 * complete themselves.
 */
public interface Extractor extends AutoCloseable {

    /** Queues one document; the future fails with the engine's capacity or extraction error. */
    CompletableFuture<ExtractionResult> submit(ExtractionRequest request);

    /** Documents waiting for a batch slot. */
    int queueDepth();

    /** Mean share of the batch's sequence slots filled per step. */
    double batchFill();

    /** Answer tokens per second over the engine's recent window. */
    double tokensPerSecond();

    /** Share of wall time the device was busy running steps. */
    double deviceBusy();

    /** Gives the engine back. */
    @Override
    void close();
}
