package dev.manifests.job.extract;

/**
 * The model's answer for one parsed document: its JSON (schema-conforming, not yet checked against the domain
 * rules) and figures, or the reason extraction failed (engine full, timed out, engine error) with no JSON.
 */
public record ExtractedDocument(ParsedDocument parsed, String json, ExtractionFigures figures, String failureReason) {

    public static ExtractedDocument extracted(ParsedDocument parsed, String json, ExtractionFigures figures) {
        return new ExtractedDocument(parsed, json, figures, null);
    }

    /** A document the engine did not answer; {@code waitedMillis} is how long the job waited for it. */
    public static ExtractedDocument failed(ParsedDocument parsed, String reason, long waitedMillis) {
        ExtractionFigures none = ExtractionFigures.none();
        return new ExtractedDocument(parsed, null, new ExtractionFigures(none.fieldConfidence(), 0, 0, 0, 0, 0,
                waitedMillis, 0.0), reason);
    }

    public boolean succeeded() {
        return failureReason == null;
    }
}
