package dev.manifests.serving.pack;

import java.nio.file.Path;

/** A model package folder that cannot be used: the message names the file and what is wrong with it. */
public class ModelPackageException extends RuntimeException {

    public ModelPackageException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ModelPackageException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
