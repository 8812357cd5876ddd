package dev.manifests.job;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void runsWithTheLocalDefaultsWhenGivenNothing() {
        CommandLine commandLine = CommandLine.parse(new String[0]);

        Configuration config = commandLine.configuration();
        assertThat(commandLine.local()).isFalse();
        assertThat(config.get(JobOptions.BOOTSTRAP_SERVERS)).isEqualTo("localhost:9092");
        assertThat(config.get(JobOptions.WAREHOUSE)).isEqualTo("./work/warehouse");
        assertThat(config.get(JobOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.get(JobOptions.GPU_PRICE_PER_HOUR)).isEqualTo(2.50);
        assertThat(config.get(JobOptions.HOSTED_OUTPUT_PRICE)).isEqualTo(10.00);
    }

    @Test
    void letsFlagsWinOverTheConfigurationFile(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("job.properties");
        Files.writeString(file, "kafka.bootstrap-servers=kafka-0:9092\nengine.batch-size=64\nparse.timeout=90 s\n");

        CommandLine commandLine = CommandLine.parse(new String[] {
                "--config", file.toString(), "--local", "--engine.batch-size", "16",
                "--execution.checkpointing.dir", "file:///tmp/checkpoints"});

        Configuration config = commandLine.configuration();
        assertThat(commandLine.local()).isTrue();
        assertThat(config.get(JobOptions.BOOTSTRAP_SERVERS)).isEqualTo("kafka-0:9092");
        assertThat(config.get(JobOptions.ENGINE_BATCH)).isEqualTo(16);
        assertThat(config.get(JobOptions.PARSE_TIMEOUT)).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.toMap()).containsEntry("execution.checkpointing.dir", "file:///tmp/checkpoints");
    }

    @Test
    void refusesAnArgumentThatIsNotAnOption() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"bol.pdf"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--help");
    }

    @Test
    void listsEveryOptionWithItsDefaultInTheUsage() {
        String usage = CommandLine.usage();

        for (var option : JobOptions.all()) {
            assertThat(usage).contains("--" + option.key());
        }
        assertThat(JobOptions.all()).hasSizeGreaterThan(25);
        assertThat(usage).contains("(default manifests.raw)");
    }
}
