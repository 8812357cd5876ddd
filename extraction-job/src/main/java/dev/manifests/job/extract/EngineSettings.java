package dev.manifests.job.extract;

import dev.manifests.serving.schedule.EngineOptions;

import java.nio.file.Path;

/**
 * The engine settings the job ships to its subtasks (a {@link java.nio.file.Path} does not serialize, so the
 * package folder travels as a string), and the factory that opens the shared engine with them.
 *
 * @param packageFolder model package folder, as seen from the TaskManager
 * @param device        cpu, cuda, cuda:N or executor:HOST:PORT
 * @param batchSize     KV slots and sequences per step, of each lane
 * @param maxStepTokens token budget of one step
 * @param maxQueue      documents that may wait for a slot
 * @param lanes         step loops of the engine, each with its own copy of the model and KV cache
 */
public record EngineSettings(String packageFolder, String device, int batchSize, int maxStepTokens, int maxQueue, int lanes)
        implements ExtractorFactory {

    public EngineOptions engineOptions() {
        return EngineOptions.defaults(Path.of(packageFolder))
                .withDevice(device)
                .withBatchSize(batchSize)
                .withMaxStepTokens(maxStepTokens)
                .withMaxQueue(maxQueue)
                .withLanes(lanes);
    }

    @Override
    public Extractor open() {
        return new SharedEngineExtractor(engineOptions());
    }
}
