package dev.manifests.serving.schedule;

/** A document the engine could not extract; the message names the document and says why. */
public class ExtractionFailedException extends RuntimeException {

    private final String documentId;

    public ExtractionFailedException(String documentId, String reason) {
        super(documentId + ": " + reason);
        this.documentId = documentId;
    }

    public ExtractionFailedException(String documentId, String reason, Throwable cause) {
        super(documentId + ": " + reason, cause);
        this.documentId = documentId;
    }

    public String documentId() {
        return documentId;
    }
}
