package dev.manifests.job.extract;

import java.io.Serializable;

/** Name and version of the model package the job extracts with, as lineage columns record them. */
public record ModelIdentity(String name, String version) implements Serializable {
}
