package dev.manifests.serving.schedule;

import java.util.Map;

/**
 * The engine's answer for one document: the canonical JSON (always parses and conforms to the schema), the
 * lowest token probability within each field's value (keyed by field path, e.g. containers[0].containerNumber),
 * token counts and timings for the cost metrics, and into how many parts the document was split to fit the context.
 */
public record ExtractionResult(
        String documentId,
        String json,
        Map<String, Double> fieldConfidence,
        int tokensIn,
        int tokensOut,
        int tokensDecoded,
        int parts,
        long queueMillis,
        long extractMillis,
        double deviceMillis) {

    public boolean split() {
        return parts > 1;
    }

    public double minConfidence() {
        return fieldConfidence.values().stream().mapToDouble(Double::doubleValue).min().orElse(1.0);
    }
}
