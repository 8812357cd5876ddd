package dev.manifests.job;

import dev.manifests.job.extract.EngineSettings;
import dev.manifests.serving.schedule.EngineOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobSettingsTest {

    private static Configuration withTheCommittedPackage() {
        Configuration config = new Configuration();
        config.set(JobOptions.MODEL_PACKAGE, RepositoryFolders.root().resolve("model-serving").resolve("models")
                .resolve("manifest-mini").toString());
        return config;
    }

    private static EngineOptions engineOptions(Configuration config) {
        return ((EngineSettings) JobSettings.from(config).extractor()).engineOptions();
    }

    @Test
    void carriesTheEngineOptionsThroughToTheEngine() {
        Configuration config = withTheCommittedPackage();
        config.set(JobOptions.ENGINE_LANES, 2);
        config.set(JobOptions.ENGINE_BATCH, 4);
        config.set(JobOptions.ENGINE_QUEUE, 32);

        EngineOptions options = engineOptions(config);

        assertThat(options.lanes()).isEqualTo(2);
        assertThat(options.numSlots()).isEqualTo(4);
        assertThat(options.maxBatchSequences()).isEqualTo(4);
        assertThat(options.maxQueue()).isEqualTo(32);
    }

    @Test
    void runsOneLaneUnlessAskedForMore() {
        assertThat(engineOptions(withTheCommittedPackage()).lanes()).isEqualTo(1);
    }
}
