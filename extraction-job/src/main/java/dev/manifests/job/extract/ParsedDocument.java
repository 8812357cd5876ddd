package dev.manifests.job.extract;

import dev.manifests.job.source.RawDocument;

/** A document whose text Tika extracted: the input of the model. */
public record ParsedDocument(RawDocument raw, String text, String contentType, long parseMillis) {
}
