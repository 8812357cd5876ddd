package dev.manifests.job.validate;

import dev.manifests.job.extract.ExtractedDocument;
import dev.manifests.job.extract.ExtractionFigures;
import dev.manifests.job.extract.ParsedDocument;
import dev.manifests.job.metrics.MetricNames;
import dev.manifests.job.sink.DocumentOutcome;
import dev.manifests.schema.ExtractionStatus;
import dev.manifests.schema.FailedStep;
import dev.manifests.schema.json.CanonicalJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The validation stage: checks the model's JSON against the schema and the domain rules. Valid records leave on
 * the main output (status EXTRACTED, or REVIEW when a field's confidence is below the threshold); records that
 * break a rule (step VALIDATE) and documents the engine could not extract (step EXTRACT) leave through
 * {@link #DEAD_LETTERS}.
 */
public final class ValidateManifest extends ProcessFunction<ExtractedDocument, DocumentOutcome> {

    private static final long serialVersionUID = 1L;

    /** Documents that failed extraction or validation. */
    public static final OutputTag<DocumentOutcome> DEAD_LETTERS = new OutputTag<>("not-valid") {
    };

    private final ValidationOptions options;
    private final double confidenceThreshold;

    private transient ManifestValidator validator;
    private transient Counter validationFailures;
    private transient Counter reviews;

    public ValidateManifest(ValidationOptions options, double confidenceThreshold) {
        this.options = options;
        this.confidenceThreshold = confidenceThreshold;
    }

    @Override
    public void open(OpenContext openContext) {
        validator = new ManifestValidator(options);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        validationFailures = group.counter(MetricNames.VALIDATION_FAILURES);
        reviews = group.counter(MetricNames.REVIEWS);
    }

    @Override
    public void processElement(ExtractedDocument extracted, Context context, Collector<DocumentOutcome> out) {
        ParsedDocument parsed = extracted.parsed();
        if (!extracted.succeeded()) {
            context.output(DEAD_LETTERS, outcome(extracted, ExtractionStatus.FAILED, FailedStep.EXTRACT,
                    extracted.failureReason(), null));
            return;
        }
        ValidationOutcome validation = validator.validate(extracted.json(), parsed.raw().documentId(), parsed.text());
        if (validation instanceof ValidationOutcome.Invalid invalid) {
            validationFailures.inc();
            context.output(DEAD_LETTERS, outcome(extracted, ExtractionStatus.INVALID, FailedStep.VALIDATE,
                    invalid.reason(), null));
        } else if (validation instanceof ValidationOutcome.Valid valid) {
            valid.record().setDocumentId(parsed.raw().documentId());
            String recordJson = CanonicalJson.toJson(valid.record());
            String doubt = lowConfidence(extracted.figures());
            if (doubt == null) {
                out.collect(outcome(extracted, ExtractionStatus.EXTRACTED, null, null, recordJson));
            } else {
                reviews.inc();
                out.collect(outcome(extracted, ExtractionStatus.REVIEW, null, doubt, recordJson));
            }
        }
    }

    /** The fields below the threshold, lowest first, or null when every field is at or above it. */
    private String lowConfidence(ExtractionFigures figures) {
        Map<String, Double> low = figures.fieldConfidence().entrySet().stream()
                .filter(field -> field.getValue() < confidenceThreshold)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (low.isEmpty()) {
            return null;
        }
        return "confidence below " + confidenceThreshold + ": " + low.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .limit(5)
                .map(field -> field.getKey() + String.format(Locale.ROOT, " (%.3f)", field.getValue()))
                .collect(Collectors.joining(", "))
                + (low.size() > 5 ? " and " + (low.size() - 5) + " more" : "");
    }

    private static DocumentOutcome outcome(ExtractedDocument extracted, ExtractionStatus status, FailedStep step,
                                           String reason, String recordJson) {
        ParsedDocument parsed = extracted.parsed();
        return new DocumentOutcome(parsed.raw(), status, step, reason, parsed.contentType(), parsed.text().length(),
                parsed.parseMillis(), extracted.figures(), extracted.json(), recordJson);
    }
}
