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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Measures documents/s and output tokens/s over the same documents for the naive baseline (one document at a time
 * on one lane, every answer token its own step, the model's arg-max always) and for continuous batching with
 * jump-forward, speculation and copying at
 * several batch sizes on each of {@code --lanes} (a list, e.g. 1,2) lanes, and prints one table with each row's ratio to the baseline of the
 * same run, and a second table of where each configuration's time went: inside the step executors
 * (prefill-bearing steps and the rest) and in the schedulers outside them. The baseline is measured with
 * {@code --threads} intra-op threads and, when {@code --baseline-threads} differs, again with that many; the ratios
 * are taken against the faster of the naive rows, so more threads or lanes are never credited against a baseline
 * that could itself have used the cores.
 *
 * <pre>
 * BenchmarkEngine --package DIR --input FILE.jsonl[.gz] [--documents N] [--batches 1,4,8,16] [--device cpu]
 *                 [--max-string-tokens N] [--max-array-items N] [--max-step-tokens N] [--prefill-chunk-tokens N]
 *                 [--threads N] [--baseline-threads N] [--lanes 1,2] [--draft-tokens N] [--copy-candidates K] [--copy-margin NATS]
 * </pre>
 */
public final class BenchmarkEngine {

    private static final int[] DEFAULT_BATCHES = {1, 4, 8, 16};
    private static final int DEFAULT_DOCUMENTS = 32;

    /** One measured configuration; {@code naive} marks a baseline row. */
    public record Row(String name, boolean naive, int batch, int documents, int failed, double wallSeconds, long outputTokens,
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
                "--max-string-tokens", "--max-array-items", "--max-step-tokens", "--prefill-chunk-tokens", "--threads", "--baseline-threads", "--lanes", "--draft-tokens",
                "--copy-candidates", "--copy-margin");
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
        int baselineThreads = line.integer("--baseline-threads", base.intraOpThreads());
        List<Row> rows = run(base, documents, line.integers("--batches", DEFAULT_BATCHES), decode, baselineThreads,
                line.integers("--lanes", new int[] {EngineOptions.DEFAULT_LANES}));
        System.out.print(table(rows));
        System.out.println();
        System.out.print(profileTable(rows));
    }

    /**
     * The baseline first (one lane, one document at a time, with {@code base}'s intra-op threads and again with
     * {@code baselineThreads} when they differ), then continuous batching with jump-forward and speculation at each
     * batch size on each number of {@code lanes}; all use the answer limits of {@code decode}.
     */
    public static List<Row> run(EngineOptions base, List<LabelledDocument> documents, int[] batches, DecodeOptions decode,
            int baselineThreads, int[] laneCounts) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        EngineOptions naive = base.withLanes(1).withBatchSize(1)
                .withDecodeOptions(decode.withJumpForward(false).withSpeculation(false).withCopyCandidates(1));
        rows.add(measure(naiveName(base.intraOpThreads()), true, naive, documents, 1));
        if (baselineThreads != base.intraOpThreads()) {
            rows.add(measure(naiveName(baselineThreads), true, naive.withIntraOpThreads(baselineThreads), documents, 1));
        }
        for (int lanes : laneCounts) {
            String batched = "continuous + jump-forward + speculation" + (lanes == 1 ? "" : ", " + lanes + " lanes");
            for (int batch : batches) {
                EngineOptions options = base.withLanes(lanes).withBatchSize(batch).withQueueForAllSlots()
                        .withDecodeOptions(decode.withJumpForward(true).withSpeculation(true));
                rows.add(measure(batched, false, options, documents, options.maxQueue()));
            }
        }
        return rows;
    }

    private static String naiveName(int threads) {
        return "naive, one at a time, " + (threads == 0 ? "libtorch's threads" : threads + (threads == 1 ? " thread" : " threads"));
    }

    private static Row measure(String name, boolean naive, EngineOptions options, List<LabelledDocument> documents, int inFlight)
            throws InterruptedException {
        try (ExtractionEngine engine = EngineFactory.open(options)) {
            // one document per lane first, so class loading and each lane's first native calls are not timed
            int warmUp = Math.min(options.lanes(), documents.size());
            EngineRun.run(engine, documents.subList(0, warmUp), warmUp);
            long stepsBefore = engine.steps();
            Profile before = Profile.of(engine.metrics());
            EngineRun.Outcome outcome = EngineRun.run(engine, documents, inFlight);
            List<ExtractionResult> results = outcome.results().stream().filter(Objects::nonNull).toList();
            long tokens = results.stream().mapToLong(ExtractionResult::tokensOut).sum();
            double device = results.stream().mapToDouble(ExtractionResult::deviceMillis).average().orElse(0);
            return new Row(name, naive, options.numSlots(), documents.size(), documents.size() - results.size(), outcome.wallSeconds(),
                    tokens, device, engine.batchFill(), engine.steps() - stepsBefore, Profile.of(engine.metrics()).minus(before));
        }
    }

    /** The naive row with the most documents per second, the baseline of every ratio; the first row when none is naive. */
    public static Row baseline(List<Row> rows) {
        return rows.stream().filter(Row::naive).max(Comparator.comparingDouble(Row::documentsPerSecond)).orElse(rows.get(0));
    }

    public static String table(List<Row> rows) {
        Row baseline = baseline(rows);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-48s %5s %5s %6s %9s %9s %10s %8s %8s %7s %8s%n",
                "configuration", "batch", "docs", "failed", "wall s", "docs/s", "tokens/s", "x docs", "x tokens", "fill", "steps"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "%-48s %5d %5d %6d %9.2f %9.3f %10.1f %8.2f %8.2f %7.2f %8d%n",
                    row.name(), row.batch(), row.documents(), row.failed(), row.wallSeconds(), row.documentsPerSecond(),
                    row.tokensPerSecond(), row.documentsPerSecond() / baseline.documentsPerSecond(),
                    row.tokensPerSecond() / baseline.tokensPerSecond(), row.batchFill(), row.steps()));
        }
        out.append(String.format(Locale.ROOT, "x docs and x tokens are ratios to the fastest naive row: %s%n", baseline.name()));
        return out.toString();
    }

    /** Per configuration: milliseconds per step inside the executor and in the scheduler, and what the steps carried. */
    public static String profileTable(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-48s %5s %10s %10s %10s %10s %9s %9s %9s%n",
                "configuration", "batch", "exec s", "prefill s", "sched s", "exec ms/st", "sched ms", "tok/step", "rows/step"));
        for (Row row : rows) {
            Profile p = row.profile();
            long steps = Math.max(1, row.steps());
            out.append(String.format(Locale.ROOT, "%-48s %5d %10.2f %10.2f %10.2f %10.2f %9.3f %9.1f %9.2f%n",
                    row.name(), row.batch(), p.executorMillis() / 1e3, p.prefillStepMillis() / 1e3, p.schedulerMillis() / 1e3,
                    p.executorMillis() / steps, p.schedulerMillis() / steps, (double) p.stepTokens() / steps,
                    (double) p.outputRows() / steps));
        }
        return out.toString();
    }
}
