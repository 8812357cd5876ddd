package dev.manifests.serving.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SharedEnginesTest {

    private final List<ScriptedExecutor> opened = new CopyOnWriteArrayList<>();

    private final Function<EngineOptions, ExtractionEngine> opener = options -> {
        ScriptedExecutor executor = new ScriptedExecutor();
        opened.add(executor);
        return new ExtractionEngine(options, 1024, List.of(executor), new CountingDecoding(), null);
    };

    @Test
    void sharesOneEnginePerPackageAndDeviceUntilTheLastRelease() {
        EngineOptions options = EngineOptions.defaults(Path.of("shared-test-package"));
        ExtractionEngine first = SharedEngines.acquire(options, opener);
        ExtractionEngine second = SharedEngines.acquire(options, opener);
        assertThat(second).isSameAs(first);
        assertThat(opened).hasSize(1);
        assertThat(SharedEngines.references(options)).isEqualTo(2);

        SharedEngines.release(first);
        assertThat(opened.get(0).closed).isFalse();
        SharedEngines.release(second);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(SharedEngines.references(options)).isZero();

        ExtractionEngine reopened = SharedEngines.acquire(options, opener);
        assertThat(reopened).isNotSameAs(first);
        assertThat(opened).hasSize(2);
        SharedEngines.release(reopened);
    }

    @Test
    void keepsSeparateEnginesForSeparateDevices() {
        EngineOptions cpu = EngineOptions.defaults(Path.of("shared-test-devices"));
        EngineOptions executorProcess = cpu.withDevice("executor:127.0.0.1:7070");
        ExtractionEngine a = SharedEngines.acquire(cpu, opener);
        ExtractionEngine b = SharedEngines.acquire(executorProcess, opener);
        assertThat(a).isNotSameAs(b);
        SharedEngines.release(a);
        SharedEngines.release(b);
        assertThat(opened).allSatisfy(executor -> assertThat(executor.closed).isTrue());
    }

    @Test
    void refusesAReleaseTooMany() {
        EngineOptions options = EngineOptions.defaults(Path.of("shared-test-release"));
        ExtractionEngine engine = SharedEngines.acquire(options, opener);
        SharedEngines.release(engine);
        assertThatThrownBy(() -> SharedEngines.release(engine)).hasMessageContaining("released too often");
    }
}
