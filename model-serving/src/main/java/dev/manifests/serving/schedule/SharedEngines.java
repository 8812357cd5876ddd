package dev.manifests.serving.schedule;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extraction engine per JVM for each (model package, device), shared by every Flink subtask in the
 * TaskManager so their documents join one continuous batch. Reference-counted: {@link #acquire} in a function's
 * {@code open()}, {@link #release} in its {@code close()}; the last release closes the engine, so nothing outlives
 * the job that used it.
 */
public final class SharedEngines {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEngines.class);

    private record Key(Path packageFolder, String device) {
    }

    private static final class Shared {
        final Key key;
        final ExtractionEngine engine;
        int references;

        Shared(Key key, ExtractionEngine engine) {
            this.key = key;
            this.engine = engine;
        }
    }

    private static final Map<Key, Shared> BY_KEY = new HashMap<>();
    private static final Map<ExtractionEngine, Shared> BY_ENGINE = new IdentityHashMap<>();

    private SharedEngines() {
    }

    /** The engine for the options' package and device, opened on the first acquire. */
    public static ExtractionEngine acquire(EngineOptions options) {
        return acquire(options, EngineFactory::open);
    }

    /** As {@link #acquire(EngineOptions)}, opening a missing engine with {@code opener}. */
    public static synchronized ExtractionEngine acquire(EngineOptions options, Function<EngineOptions, ExtractionEngine> opener) {
        Key key = new Key(options.packageFolder(), options.device());
        Shared shared = BY_KEY.get(key);
        if (shared == null) {
            shared = new Shared(key, opener.apply(options));
            BY_KEY.put(key, shared);
            BY_ENGINE.put(shared.engine, shared);
        } else if (!shared.engine.options().equals(options)) {
            LOG.warn("sharing the engine for {} on {} opened with {}; the options {} of a later user are not applied",
                    key.packageFolder(), key.device(), shared.engine.options(), options);
        }
        shared.references++;
        return shared.engine;
    }

    /** Gives one reference back; the last one closes the engine. */
    public static void release(ExtractionEngine engine) {
        Shared last;
        synchronized (SharedEngines.class) {
            Shared shared = BY_ENGINE.get(engine);
            if (shared == null) {
                throw new IllegalStateException("this extraction engine was not acquired from SharedEngines, or was released too often");
            }
            shared.references--;
            if (shared.references > 0) {
                return;
            }
            BY_ENGINE.remove(engine);
            BY_KEY.remove(shared.key);
            last = shared;
        }
        // closing waits for the scheduler thread; done outside the lock so other packages are not held up
        last.engine.close();
    }

    /** How many users hold the engine for these options' package and device (0 when none is open). */
    public static synchronized int references(EngineOptions options) {
        Shared shared = BY_KEY.get(new Key(options.packageFolder(), options.device()));
        return shared == null ? 0 : shared.references;
    }
}
