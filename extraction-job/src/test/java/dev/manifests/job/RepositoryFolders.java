package dev.manifests.job;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders of the repository the tests read, found from the module's base directory whatever the working directory:
 * the committed samples and the model packages live in other modules.
 */
public final class RepositoryFolders {

    private RepositoryFolders() {
    }

    /** The extraction-job module: Maven's {@code basedir}, or the working directory when run outside Maven. */
    public static Path module() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** The repository root above the module, where samples/ and model-serving/ lie. */
    public static Path root() {
        for (Path dir = module(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("model-serving")) && Files.isDirectory(dir.resolve("extraction-job"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the repository, not from " + module());
    }

    /** The committed sample documents. */
    public static Path samples() {
        return root().resolve("samples").resolve("documents");
    }

    /** The committed documents that must fail. */
    public static Path failingSamples() {
        return samples().resolve("failing");
    }
}
