package dev.manifests.serving.bench;

import dev.manifests.serving.decode.DecodeOptions;
import dev.manifests.serving.eval.CommandLine;
import dev.manifests.serving.eval.EngineRun;
import dev.manifests.serving.eval.LabelledDocument;
import dev.manifests.serving.eval.LabelledDocuments;
import dev.manifests.serving.schedule.EngineFactory;
import dev.manifests.serving.schedule.EngineMetrics;
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
 * sizes, and prints one table with each row's ratio to the baseline of the same run, and a second table of where
 * each configuration's time went: inside the step executor (prefill-bearing steps and the rest) and in the
 * scheduler outside it.
 *
 * <pre>
 * BenchmarkEngine --package DIR --input FILE.jsonl[.gz] [--documents N] [--batches 1,4,8,16] [--device cpu]
 *                 [--max-string-tokens N] [--max-array-items N] [--max-step-tokens N] [--prefill-chunk-tokens N]
 *                 [--threads N] [--draft-tokens N]
 * </pre>
 */
public final class BenchmarkEngine {

    private static final int[] DEFAULT_BATCHES = {1, 4, 8, 16};
    private static final int DEFAULT_DOCUMENTS = 32;

    /** One measured configuration. */
    public record Row(String name, int batch, int documents, int failed, double wallSeconds, long outputTokens,
                      double deviceMillisPerDocument, double batchFill, long steps, Profile profile) {

        public double documentsPerSecond() {
            return documents / wallSeconds;
        }

        public double tokensPerSecond() {
            return outputTokens / wallSeconds;
        }
    }

    /**
     * Where one configuration's time went over the measured documents: milliseconds inside the executor's step
     * calls (of which in steps carrying prompt tokens), milliseconds of scheduler work outside them, and the tokens
     * and output rows the steps carried.
     */
    public record Profile(double executorMillis, double prefillStepMillis, double schedulerMillis, long prefillSteps,
                          long stepTokens, long prefillTokens, long outputRows) {

        static Profile of(EngineMetrics metrics) {
            return new Profile(metrics.executorMillis(), metrics.prefillStepMillis(), metrics.schedulerMillis(),
                    metrics.prefillSteps(), metrics.stepTokens(), metrics.prefillTokens(), metrics.outputRows());
        }

        Profile minus(Profile before) {
            return new Profile(executorMillis - before.executorMillis, prefillStepMillis - before.prefillStepMillis,
                    schedulerMillis - before.schedulerMillis, prefillSteps - before.prefillSteps, stepTokens - before.stepTokens,
                    prefillTokens - before.prefillTokens, outputRows - before.outputRows);
        }
    }

    private BenchmarkEngine() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, "--package", "--input", "--documents", "--batches", "--device",
                "--max-string-tokens", "--max-array-items", "--max-step-tokens", "--prefill-chunk-tokens", "--threads", "--draft-tokens");
        System.setProperty("ai.djl.offline", "true");
        EngineOptions defaults = EngineOptions.defaults(line.path("--package"));
        EngineOptions base = defaults
                .withDevice(line.text("--device", EngineOptions.DEFAULT_DEVICE))
                .withMaxStepTokens(line.integer("--max-step-tokens", defaults.maxStepTokens()))
                .withIntraOpThreads(line.integer("--threads", defaults.intraOpThreads()));
        DecodeOptions decode = line.decodeOptions(DecodeOptions.defaults());
        decode = decode.withPrefillChunkTokens(line.integer("--prefill-chunk-tokens", decode.prefillChunkTokens()))
                .withDraftTokens(line.integer("--draft-tokens", decode.draftTokens()));
        List<LabelledDocument> documents = LabelledDocuments.read(line.path("--input"), line.integer("--documents", DEFAULT_DOCUMENTS));
        if (documents.isEmpty()) {
            throw new IllegalArgumentException(line.path("--input") + " holds no documents");
        }
        List<Row> rows = run(base, documents, line.integers("--batches", DEFAULT_BATCHES), decode);
        System.out.print(table(rows));
        System.out.println();
        System.out.print(profileTable(rows));
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
            Profile before = Profile.of(engine.metrics());
            EngineRun.Outcome outcome = EngineRun.run(engine, documents, inFlight);
            List<ExtractionResult> results = outcome.results().stream().filter(Objects::nonNull).toList();
            long tokens = results.stream().mapToLong(ExtractionResult::tokensOut).sum();
            double device = results.stream().mapToDouble(ExtractionResult::deviceMillis).average().orElse(0);
            return new Row(name, options.numSlots(), documents.size(), documents.size() - results.size(), outcome.wallSeconds(),
                    tokens, device, engine.batchFill(), engine.steps() - stepsBefore, Profile.of(engine.metrics()).minus(before));
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

    /** Per configuration: milliseconds per step inside the executor and in the scheduler, and what the steps carried. */
    public static String profileTable(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-40s %5s %10s %10s %10s %10s %9s %9s %9s%n",
                "configuration", "batch", "exec s", "prefill s", "sched s", "exec ms/st", "sched ms", "tok/step", "rows/step"));
        for (Row row : rows) {
            Profile p = row.profile();
            long steps = Math.max(1, row.steps());
            out.append(String.format(Locale.ROOT, "%-40s %5d %10.2f %10.2f %10.2f %10.2f %9.3f %9.1f %9.2f%n",
                    row.name(), row.batch(), p.executorMillis() / 1e3, p.prefillStepMillis() / 1e3, p.schedulerMillis() / 1e3,
                    p.executorMillis() / steps, p.schedulerMillis() / steps, (double) p.stepTokens() / steps,
                    (double) p.outputRows() / steps));
        }
        return out.toString();
    }
}
