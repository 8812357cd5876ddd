package dev.manifests.serving.schedule;

/**
 * One document to extract: its identifier (for logs and errors) and its text as Tika gave it. The engine
 * normalises the text itself, so callers pass what they parsed.
 */
public record ExtractionRequest(String documentId, String text) {
}
