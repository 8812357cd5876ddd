package dev.manifests.serving.eval;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.FieldComparison;
import dev.manifests.schema.json.FieldOutcome;
import dev.manifests.schema.json.InvalidRecordException;
import dev.manifests.serving.schedule.ExtractionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares one extraction with its expected record through {@link FieldComparison}. An answer that is missing or
 * does not parse counts every expected field as missing, so failures lower recall instead of vanishing.
 */
public final class ScoreDocument {

    private ScoreDocument() {
    }

    public static ScoredDocument extracted(LabelledDocument document, ExtractionResult result) {
        ShippingDocument expected = expected(document);
        try {
            ShippingDocument actual = CanonicalJson.fromJson(result.json(), document.id());
            return new ScoredDocument(document, result, null, null, FieldComparison.compare(expected, actual));
        } catch (InvalidRecordException e) {
            return new ScoredDocument(document, result, "parse", "answer does not conform at '" + e.fieldPath() + "': " + e.getMessage(),
                    allMissing(expected));
        }
    }

    public static ScoredDocument failed(LabelledDocument document, Throwable failure) {
        return new ScoredDocument(document, null, "engine", String.valueOf(failure.getMessage()), allMissing(expected(document)));
    }

    private static ShippingDocument expected(LabelledDocument document) {
        try {
            return CanonicalJson.fromJson(document.target(), document.id());
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException(document.id() + ": the expected record does not conform to the schema at '"
                    + e.fieldPath() + "': " + e.getMessage(), e);
        }
    }

    private static List<FieldOutcome> allMissing(ShippingDocument expected) {
        List<FieldOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, String> field : FieldComparison.flatten(expected).entrySet()) {
            outcomes.add(new FieldOutcome(field.getKey(), field.getValue(), null, field.getValue() == null));
        }
        return outcomes;
    }
}
