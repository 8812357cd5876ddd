package dev.manifests.serving.eval;

import dev.manifests.serving.decode.DecodeOptions;
import dev.manifests.serving.pack.ModelPackage;
import dev.manifests.serving.schedule.EngineFactory;
import dev.manifests.serving.schedule.EngineOptions;
import dev.manifests.serving.schedule.ExtractionEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a model package on a labelled split and writes {@code report.json} and {@code report.html}.
 *
 * <pre>
 * EvaluateModel --package DIR --input FILE.jsonl[.gz] [--limit N] --out DIR [--device cpu|cuda|executor:HOST:PORT] [--batch N]
 *               [--lanes N] [--max-string-tokens N] [--max-array-items N] [--copy-candidates K] [--copy-margin NATS]
 * </pre>
 */
public final class EvaluateModel {

    private EvaluateModel() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, "--package", "--input", "--limit", "--out", "--device", "--batch",
                "--lanes", "--max-string-tokens", "--max-array-items", "--copy-candidates", "--copy-margin");
        Path packageFolder = line.path("--package");
        Path input = line.path("--input");
        Path out = line.path("--out");
        int limit = line.integer("--limit", 0);
        System.setProperty("ai.djl.offline", "true");
        EngineOptions options = EngineOptions.defaults(packageFolder)
                .withDevice(line.text("--device", EngineOptions.DEFAULT_DEVICE))
                .withBatchSize(line.integer("--batch", EngineOptions.DEFAULT_NUM_SLOTS))
                .withLanes(line.integer("--lanes", EngineOptions.DEFAULT_LANES))
                .withDecodeOptions(line.decodeOptions(DecodeOptions.defaults()))
                .withQueueForAllSlots();
        EvaluationReport report = evaluate(options, input, limit);
        write(report, out);
        System.out.printf(Locale.ROOT, "%d documents: field accuracy %.4f, precision %.4f, recall %.4f, exact match %.4f, "
                        + "parse failures %d, engine failures %d, %.2f documents/s, %.0f tokens/s%n",
                report.documents().size(), report.overall().accuracy(), report.overall().precision(), report.overall().recall(),
                report.exactMatch(d -> true), report.failures("parse"), report.failures("engine"),
                report.documentsPerSecond(), report.outputTokensPerSecond());
        System.out.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.html"));
    }

    /** Runs the engine over the first {@code limit} documents of {@code input} and scores every answer. */
    public static EvaluationReport evaluate(EngineOptions options, Path input, int limit) throws IOException, InterruptedException {
        List<LabelledDocument> documents = LabelledDocuments.read(input, limit);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException(input + " holds no documents");
        }
        ModelPackage modelPackage = ModelPackage.load(options.packageFolder());
        try (ExtractionEngine engine = EngineFactory.open(options)) {
            EngineRun.Outcome outcome = EngineRun.run(engine, documents, options.maxQueue());
            List<ScoredDocument> scored = new ArrayList<>(documents.size());
            for (int i = 0; i < documents.size(); i++) {
                scored.add(outcome.results().get(i) != null
                        ? ScoreDocument.extracted(documents.get(i), outcome.results().get(i))
                        : ScoreDocument.failed(documents.get(i), outcome.failures().get(i)));
            }
            return new EvaluationReport(modelPackage.toString(), engine.description(), input.toString(), scored, outcome.wallSeconds());
        }
    }

    public static void write(EvaluationReport report, Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.json"), report.toJson(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.html"), ReportPage.render(report), StandardCharsets.UTF_8);
    }
}
