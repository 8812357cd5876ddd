package dev.manifests.serving.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifests.schema.json.FieldOutcome;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The figures of one evaluation run: per field and overall precision, recall and accuracy, document exact match,
 * the same for held-out layouts and held-out values, failures, errors by kind and throughput.
 */
public final class EvaluationReport {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String model;
    private final String device;
    private final String input;
    private final List<ScoredDocument> documents;
    private final double wallSeconds;

    public EvaluationReport(String model, String device, String input, List<ScoredDocument> documents, double wallSeconds) {
        this.model = model;
        this.device = device;
        this.input = input;
        this.documents = List.copyOf(documents);
        this.wallSeconds = wallSeconds;
    }

    /** A field path with its array positions dropped: every container's number is one field. */
    public static String fieldName(String path) {
        return INDEX.matcher(path).replaceAll("[]");
    }

    public String model() {
        return model;
    }

    public String device() {
        return device;
    }

    public List<ScoredDocument> documents() {
        return documents;
    }

    public AccuracyTally overall() {
        return tally(d -> true);
    }

    public AccuracyTally tally(Predicate<ScoredDocument> which) {
        AccuracyTally tally = new AccuracyTally();
        for (ScoredDocument document : documents) {
            if (which.test(document)) {
                document.fields().forEach(tally::add);
            }
        }
        return tally;
    }

    /** Per field name, in name order. */
    public Map<String, AccuracyTally> byField() {
        Map<String, AccuracyTally> fields = new TreeMap<>();
        for (ScoredDocument document : documents) {
            for (FieldOutcome outcome : document.fields()) {
                fields.computeIfAbsent(fieldName(outcome.path()), k -> new AccuracyTally()).add(outcome);
            }
        }
        fields.values().removeIf(t -> t.scored() == 0);
        return fields;
    }

    public double exactMatch(Predicate<ScoredDocument> which) {
        long n = documents.stream().filter(which).count();
        return n == 0 ? 0.0 : (double) documents.stream().filter(which).filter(ScoredDocument::exactMatch).count() / n;
    }

    public long failures(String kind) {
        return documents.stream().filter(d -> kind.equals(d.failureKind())).count();
    }

    public double documentsPerSecond() {
        return wallSeconds <= 0 ? 0.0 : documents.size() / wallSeconds;
    }

    public double outputTokensPerSecond() {
        long tokens = documents.stream().filter(d -> d.result() != null).mapToLong(d -> d.result().tokensOut()).sum();
        return wallSeconds <= 0 ? 0.0 : tokens / wallSeconds;
    }

    /** The documents with the most wrong fields (failures first), at most {@code count}. */
    public List<ScoredDocument> worst(int count) {
        return documents.stream()
                .filter(d -> !d.exactMatch())
                .sorted(Comparator.comparing(ScoredDocument::failed).reversed()
                        .thenComparing(Comparator.comparingLong(ScoredDocument::wrongFields).reversed())
                        .thenComparing(d -> d.document().id()))
                .limit(count)
                .toList();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("device", device);
        root.put("input", input);
        root.put("documents", documents.size());
        summary(root.putObject("overall"), d -> true);
        summary(root.putObject("heldOutLayouts"), d -> d.document().heldOutLayout());
        summary(root.putObject("heldOutValues"), d -> d.document().heldOutValues());
        ObjectNode fields = root.putObject("fields");
        byField().forEach((name, tally) -> figures(fields.putObject(name), tally));
        ObjectNode failures = root.putObject("failures");
        failures.put("parseOrSchema", failures("parse"));
        failures.put("engine", failures("engine"));
        AccuracyTally overall = overall();
        ObjectNode errors = root.putObject("errors");
        errors.put("wrongValue", overall.wrongValue());
        errors.put("missing", overall.missing());
        errors.put("spurious", overall.spurious());
        ObjectNode throughput = root.putObject("throughput");
        throughput.put("wallSeconds", round(wallSeconds));
        throughput.put("documentsPerSecond", round(documentsPerSecond()));
        throughput.put("outputTokensPerSecond", round(outputTokensPerSecond()));
        throughput.put("meanExtractMillis", round(documents.stream().filter(d -> d.result() != null)
                .mapToLong(d -> d.result().extractMillis()).average().orElse(0)));
        throughput.put("meanDeviceMillis", round(documents.stream().filter(d -> d.result() != null)
                .mapToDouble(d -> d.result().deviceMillis()).average().orElse(0)));
        throughput.put("splitDocuments", documents.stream().filter(d -> d.result() != null && d.result().split()).count());
        ArrayNode perDocument = root.putArray("perDocument");
        for (ScoredDocument document : documents) {
            ObjectNode entry = perDocument.addObject();
            entry.put("id", document.document().id());
            entry.put("layout", document.document().layout());
            entry.put("format", document.document().format());
            entry.put("heldOutLayout", document.document().heldOutLayout());
            entry.put("heldOutValues", document.document().heldOutValues());
            entry.put("fields", document.fields().size());
            entry.put("wrongFields", document.wrongFields());
            if (document.result() != null) {
                entry.put("parts", document.result().parts());
                entry.put("extractMillis", document.result().extractMillis());
            }
            if (document.failed()) {
                entry.put("failure", document.failureKind() + ": " + document.failure());
            }
            ArrayNode wrong = entry.putArray("wrong");
            for (FieldOutcome field : document.fields()) {
                if (!field.correct()) {
                    wrong.addObject().put("path", field.path()).put("expected", field.expected())
                            .put("extracted", field.extracted());
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the report could not be written as JSON", e);
        }
    }

    private void summary(ObjectNode node, Predicate<ScoredDocument> which) {
        node.put("documents", documents.stream().filter(which).count());
        figures(node, tally(which));
        node.put("exactMatch", round(exactMatch(which)));
    }

    private static void figures(ObjectNode node, AccuracyTally tally) {
        node.put("precision", round(tally.precision()));
        node.put("recall", round(tally.recall()));
        node.put("accuracy", round(tally.accuracy()));
        node.put("fields", tally.scored());
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
