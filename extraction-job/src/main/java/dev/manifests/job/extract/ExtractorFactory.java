package dev.manifests.job.extract;

import java.io.Serializable;

/** Opens the {@link Extractor} of one subtask; travels with the job graph, so it holds settings only. */
@FunctionalInterface
public interface ExtractorFactory extends Serializable {

    Extractor open();
}
