package dev.manifests.job.sink;

import dev.manifests.job.extract.ExtractionFigures;
import dev.manifests.job.source.RawDocument;
import dev.manifests.schema.ExtractionStatus;
import dev.manifests.schema.FailedStep;

/**
 * What became of one document, whatever the outcome: the input of every sink. Valid documents carry their full
 * record as canonical JSON ({@code recordJson}); failed and invalid ones carry the step and the reason, and the
 * model's JSON when extraction got that far.
 *
 * @param raw           the document as received
 * @param status        EXTRACTED, REVIEW, INVALID or FAILED
 * @param failedStep    the step that failed; null for valid documents
 * @param reason        why it failed or was sent for review; null when extracted cleanly
 * @param contentType   media type Tika detected, when parsing got that far
 * @param textChars     characters of text Tika extracted
 * @param parseMillis   wall time of text extraction
 * @param figures       tokens, timings and field confidence of the extraction
 * @param extractedJson the model's JSON, when extraction got that far
 * @param recordJson    the validated record, pipeline fields included; null unless valid
 */
public record DocumentOutcome(
        RawDocument raw,
        ExtractionStatus status,
        FailedStep failedStep,
        String reason,
        String contentType,
        int textChars,
        long parseMillis,
        ExtractionFigures figures,
        String extractedJson,
        String recordJson) {

    public String documentId() {
        return raw.documentId();
    }

    /** Whether a record was written to the manifests table (cleanly extracted or sent for review). */
    public boolean valid() {
        return status == ExtractionStatus.EXTRACTED || status == ExtractionStatus.REVIEW;
    }

    /** Whether the record is also sent to the review topic. */
    public boolean forReview() {
        return status == ExtractionStatus.REVIEW;
    }

    /** Whether the document goes to the dead-letter topic. */
    public boolean deadLetter() {
        return status == ExtractionStatus.INVALID || status == ExtractionStatus.FAILED;
    }

    /** A document that failed before the model ran. */
    public static DocumentOutcome failedToParse(RawDocument raw, String reason, String contentType, long parseMillis) {
        return new DocumentOutcome(raw, ExtractionStatus.FAILED, FailedStep.PARSE, reason, contentType, 0, parseMillis,
                ExtractionFigures.none(), null, null);
    }
}
