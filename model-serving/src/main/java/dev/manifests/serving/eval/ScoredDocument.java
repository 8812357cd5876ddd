package dev.manifests.serving.eval;

import dev.manifests.schema.json.FieldOutcome;
import dev.manifests.serving.schedule.ExtractionResult;
import java.util.List;

/**
 * One evaluated document: what was expected, what the engine gave (null with a {@code failure} when it gave
 * nothing usable), and the field-by-field outcomes.
 *
 * @param failureKind null when the answer parsed; "engine" when the engine gave no answer, "parse" when the answer
 *                    did not parse or did not conform to the schema
 */
public record ScoredDocument(LabelledDocument document, ExtractionResult result, String failureKind, String failure,
                             List<FieldOutcome> fields) {

    public boolean failed() {
        return failureKind != null;
    }

    public long wrongFields() {
        return fields.stream().filter(f -> !f.correct()).count();
    }

    public boolean exactMatch() {
        return !failed() && wrongFields() == 0;
    }
}
