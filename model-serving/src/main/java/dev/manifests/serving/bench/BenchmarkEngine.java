package dev.manifests.serving.bench;

import dev.manifests.serving.decode.DecodeOptions;
import dev.manifests.serving.eval.CommandLine;
import dev.manifests.serving.eval.EngineRun;
import dev.manifests.serving.eval.LabelledDocument;
import dev.manifests.serving.eval.LabelledDocuments;
import dev.manifests.serving.schedule.EngineFactory;
import dev.manifests.serving.schedule.EngineOptions;
import dev.manifests.serving.schedule.ExtractionEngine;
import dev.manifests.serving.schedule.ExtractionResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Measures documents/s and output tokens/s over the same documents for the naive baseline (one document at a time,
 * every answer token its own step) and for continuous batching with jump-forward and speculation at several batch
 * sizes, and prints one table with each row's ratio to the baseline of the same run.
 *
 * <pre>
 * BenchmarkEngine --package DIR --input FILE.jsonl[.gz] [--documents N] [--batches 1,4,8,16] [--device cpu]
 *                 [--max-string-tokens N] [--max-array-items N]
 * </pre>
 */
public final class BenchmarkEngine {

    private static final int[] DEFAULT_BATCHES = {1, 4, 8, 16};
    private static final int DEFAULT_DOCUMENTS = 32;

    /** One measured configuration. */
    public record Row(String name, int batch, int documents, int failed, double wallSeconds, long outputTokens,
                      double deviceMillisPerDocument, double batchFill, long steps) {

        public double documentsPerSecond() {
            return documents / wallSeconds;
        }

        public double tokensPerSecond() {
            return outputTokens / wallSeconds;
        }
    }

    private BenchmarkEngine() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, "--package", "--input", "--documents", "--batches", "--device",
                "--max-string-tokens", "--max-array-items");
        System.setProperty("ai.djl.offline", "true");
        EngineOptions base = EngineOptions.defaults(line.path("--package"))
                .withDevice(line.text("--device", EngineOptions.DEFAULT_DEVICE));
        List<LabelledDocument> documents = LabelledDocuments.read(line.path("--input"), line.integer("--documents", DEFAULT_DOCUMENTS));
        if (documents.isEmpty()) {
            throw new IllegalArgumentException(line.path("--input") + " holds no documents");
        }
        List<Row> rows = run(base, documents, line.integers("--batches", DEFAULT_BATCHES), line.decodeOptions(DecodeOptions.defaults()));
        System.out.print(table(rows));
    }

    /**
     * The baseline first, then continuous batching with jump-forward and speculation at each batch size; both use
     * the answer limits of {@code decode}.
     */
    public static List<Row> run(EngineOptions base, List<LabelledDocument> documents, int[] batches, DecodeOptions decode)
            throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        DecodeOptions naive = decode.withJumpForward(false).withSpeculation(false);
        rows.add(measure("naive, one at a time", base.withBatchSize(1).withDecodeOptions(naive), documents, 1));
        for (int batch : batches) {
            EngineOptions options = base.withBatchSize(batch)
                    .withMaxQueue(Math.max(base.maxQueue(), 2 * batch))
                    .withDecodeOptions(decode.withJumpForward(true).withSpeculation(true));
            rows.add(measure("continuous + jump-forward + speculation", options, documents, options.maxQueue()));
        }
        return rows;
    }

    private static Row measure(String name, EngineOptions options, List<LabelledDocument> documents, int inFlight)
            throws InterruptedException {
        try (ExtractionEngine engine = EngineFactory.open(options)) {
            // one document first, so class loading and the first native calls are not timed
            EngineRun.run(engine, documents.subList(0, 1), 1);
            long stepsBefore = engine.steps();
            EngineRun.Outcome outcome = EngineRun.run(engine, documents, inFlight);
            List<ExtractionResult> results = outcome.results().stream().filter(Objects::nonNull).toList();
            long tokens = results.stream().mapToLong(ExtractionResult::tokensOut).sum();
            double device = results.stream().mapToDouble(ExtractionResult::deviceMillis).average().orElse(0);
            return new Row(name, options.numSlots(), documents.size(), documents.size() - results.size(), outcome.wallSeconds(),
                    tokens, device, engine.batchFill(), engine.steps() - stepsBefore);
        }
    }

    public static String table(List<Row> rows) {
        Row baseline = rows.get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-40s %5s %5s %6s %9s %9s %10s %8s %8s %7s %8s%n",
                "configuration", "batch", "docs", "failed", "wall s", "docs/s", "tokens/s", "x docs", "x tokens", "fill", "steps"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "%-40s %5d %5d %6d %9.2f %9.3f %10.1f %8.2f %8.2f %7.2f %8d%n",
                    row.name(), row.batch(), row.documents(), row.failed(), row.wallSeconds(), row.documentsPerSecond(),
                    row.tokensPerSecond(), row.documentsPerSecond() / baseline.documentsPerSecond(),
                    row.tokensPerSecond() / baseline.tokensPerSecond(), row.batchFill(), row.steps()));
        }
        return out.toString();
    }
}
