package dev.manifests.job.extract;

import dev.manifests.serving.schedule.ExtractionResult;

import java.util.HashMap;
import java.util.Map;

/**
 * What one extraction consumed and how sure the model was: token counts, timings and the per-field confidence
 * (lowest token probability within each field's value, keyed by field path). All zero when the model never ran.
 */
public record ExtractionFigures(
        Map<String, Double> fieldConfidence,
        int tokensIn,
        int tokensOut,
        int tokensDecoded,
        int parts,
        long queueMillis,
        long extractMillis,
        double deviceMillis) {

    public ExtractionFigures {
        // always a HashMap: Flink's generic serializer cannot rebuild the JDK's immutable maps
        fieldConfidence = fieldConfidence == null ? new HashMap<>() : new HashMap<>(fieldConfidence);
    }

    /** The figures of a document the model never saw. */
    public static ExtractionFigures none() {
        return new ExtractionFigures(new HashMap<>(), 0, 0, 0, 0, 0, 0, 0.0);
    }

    public static ExtractionFigures of(ExtractionResult result) {
        return new ExtractionFigures(result.fieldConfidence(), result.tokensIn(), result.tokensOut(),
                result.tokensDecoded(), result.parts(), result.queueMillis(), result.extractMillis(),
                result.deviceMillis());
    }

    /** Lowest field confidence, or null when there is none (the model never ran or found no fields). */
    public Double minConfidence() {
        return fieldConfidence.values().stream().mapToDouble(Double::doubleValue).min().stream().boxed()
                .findFirst().orElse(null);
    }
}
