package dev.manifests.serving.pack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model package the engine tests run: the trained {@code models/manifest-mini} when it is there, otherwise the
 * randomly initialised development package {@code models/dev/manifest-mini-dev}. Neither being there is a failure
 * that names the folders, never a skip.
 */
public final class TestPackages {

    public static final Path TRAINED = Path.of("models", "manifest-mini");
    public static final Path DEVELOPMENT = Path.of("models", "dev", "manifest-mini-dev");

    private TestPackages() {
    }

    public static Path folder() {
        if (Files.isRegularFile(TRAINED.resolve(ModelPackage.STEP_MODULE))) {
            return TRAINED.toAbsolutePath();
        }
        if (Files.isRegularFile(DEVELOPMENT.resolve(ModelPackage.STEP_MODULE))) {
            return DEVELOPMENT.toAbsolutePath();
        }
        throw new AssertionError("no model package to test with: expected " + TRAINED.toAbsolutePath()
                + " (the trained model) or " + DEVELOPMENT.toAbsolutePath() + " (the development package written by model-serving/python)");
    }

    public static boolean trained() {
        return folder().equals(TRAINED.toAbsolutePath());
    }

    public static ModelPackage load() {
        return ModelPackage.load(folder());
    }
}
