package dev.manifests.job.parse;

/** What {@link DocumentParser} made of one document: its text, or the reason there is none. */
public sealed interface ParseOutcome {

    /** Time the parse took, detection included, in milliseconds. */
    long parseMillis();

    /**
     * Text extracted from a document, embedded documents (e-mail attachments) following the body.
     *
     * @param text the text as Tika wrote it, never blank
     * @param contentType detected media type without parameters, e.g. {@code application/pdf}
     * @param parseMillis time the parse took, in milliseconds
     */
    record Parsed(String text, String contentType, long parseMillis) implements ParseOutcome {
    }

    /**
     * A document that yields no usable text.
     *
     * @param reason what went wrong, phrased for an operator (e.g. {@code encrypted PDF: a password is required})
     * @param contentType detected media type, or null when the document was refused before detection
     * @param parseMillis time spent before giving up, in milliseconds
     */
    record Failed(String reason, String contentType, long parseMillis) implements ParseOutcome {
    }
}
