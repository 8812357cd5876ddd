package dev.manifests.job.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifests.job.parse.DocumentParser;
import dev.manifests.job.parse.ParseOptions;
import dev.manifests.job.parse.ParseOutcome;
import dev.manifests.samples.corpus.FormatMix;
import dev.manifests.samples.corpus.Split;
import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.serving.pack.PromptText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a training set: each labelled document goes through the job's own text extraction ({@link DocumentParser}
 * with the job's default options) and {@link PromptText#normalise}, so the model trains on exactly the text it will
 * read in production. One JSON line per document: {@code id, split, layout, format, heldOutLayout, heldOutValues,
 * text, target}, where {@code target} is the canonical model JSON as a string. Documents whose text cannot be
 * extracted go to {@code <out>.rejects.jsonl} with the reason; {@code <out>.export.json} says how the documents were
 * made and their text read (Tesseract's version and settings among it).
 *
 * <pre>
 * ExportTrainingSet --split train --count 12000 --seed 20261124 [--formats pdf,docx] [--scan-share 0.03]
 *     --out train.jsonl.gz
 * ExportTrainingSet --folder samples/documents/validation [--split validation] --out validation.jsonl
 * </pre>
 */
public final class ExportTrainingSet {

    /**
     * Documents made and parsed ahead of the one being written, per thread: enough that one slow scan at the head
     * (seconds of OCR) does not leave the other threads idle, few enough to bound memory.
     */
    private static final int WINDOW_PER_THREAD = 256;

    private static final int PROGRESS_EVERY = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParseOptions parseOptions;
    private final int threads;
    private final PrintStream progress;

    /**
     * @param parseOptions the extraction limits, normally {@link ParseOptions#defaults()} as in the job
     * @param threads threads that make and parse documents
     */
    public ExportTrainingSet(ParseOptions parseOptions, int threads) {
        this(parseOptions, threads, null);
    }

    private ExportTrainingSet(ParseOptions parseOptions, int threads, PrintStream progress) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.parseOptions = parseOptions.withParseThreads(Math.max(parseOptions.parseThreads(), threads));
        this.threads = threads;
        this.progress = progress;
    }

    /** The same export, printing a progress line every {@value #PROGRESS_EVERY} documents to {@code out}. */
    public ExportTrainingSet withProgress(PrintStream out) {
        return new ExportTrainingSet(parseOptions, threads, out);
    }

    public static void main(String[] args) throws Exception {
        ExportArguments arguments;
        try {
            arguments = ExportArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ExportArguments.USAGE);
            System.exit(2);
            return;
        }
        if (System.getenv("OMP_THREAD_LIMIT") == null) {
            System.err.println("OMP_THREAD_LIMIT is not set: OCR will be several times slower; run with"
                    + " OMP_THREAD_LIMIT=1");
        }
        ExportTrainingSet export = new ExportTrainingSet(ParseOptions.defaults(), arguments.threads())
                .withProgress(System.err);
        ExportStatistics statistics = export.run(arguments);
        System.out.print(statistics.report());
        System.out.println("wrote " + arguments.out() + " and " + rejectsFile(arguments.out()));
    }

    /**
     * Runs the export the command line asks for, a generated split or a labelled folder, and writes beside it
     * {@link #provenanceFile} saying what was read and how.
     */
    public ExportStatistics run(ExportArguments arguments) throws IOException {
        ExportStatistics statistics;
        if (arguments.folder() != null) {
            statistics = export(LabelledFolder.read(arguments.folder(), arguments.split()), arguments.out());
        } else {
            Set<DocumentFormat> formats = arguments.formats().isEmpty() ? EnumSet.allOf(DocumentFormat.class)
                    : FormatMix.parse(String.join(",", arguments.formats()));
            GeneratedCorpus corpus = new GeneratedCorpus(Split.fromId(arguments.split()), arguments.seed(), formats,
                    arguments.scanShare(), arguments.variedShare());
            statistics = export(arguments.count(), corpus::documentAt, arguments.out());
        }
        Files.writeString(provenanceFile(arguments.out()),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(provenance(arguments, statistics)) + "\n",
                StandardCharsets.UTF_8);
        return statistics;
    }

    /** The file rejected documents go to: {@code train.jsonl.gz} gives {@code train.rejects.jsonl}. */
    public static Path rejectsFile(Path out) {
        return sibling(out, ".rejects.jsonl");
    }

    /**
     * The file that says how an export was made: {@code train.jsonl.gz} gives {@code train.export.json}. It names
     * the documents (generated split, seed, count, formats and shares, or the folder), the text extraction settings
     * the model will read scans with (OCR on or off, Tesseract's version, language, page segmentation, ruled
     * lines erased) and the counts written and rejected, so a training set carries how its text was made.
     */
    public static Path provenanceFile(Path out) {
        return sibling(out, ".export.json");
    }

    private static Path sibling(Path out, String suffix) {
        String name = out.getFileName().toString().replaceFirst("(\\.jsonl)?(\\.gz)?$", "");
        return out.resolveSibling(name + suffix);
    }

    private Map<String, Object> provenance(ExportArguments arguments, ExportStatistics statistics) {
        Map<String, Object> documents = new LinkedHashMap<>();
        if (arguments.folder() != null) {
            documents.put("folder", arguments.folder().toString());
            documents.put("split", arguments.split());
        } else {
            documents.put("split", arguments.split());
            documents.put("seed", arguments.seed());
            documents.put("count", arguments.count());
            documents.put("formats", arguments.formats().isEmpty() ? List.of("all") : arguments.formats());
            documents.put("scanShare", arguments.scanShare());
            documents.put("variedShare", arguments.variedShare());
        }
        Map<String, Object> text = new LinkedHashMap<>();
        String tesseract = parseOptions.ocrEnabled() ? DocumentParser.tesseractVersion() : null;
        text.put("ocr", tesseract != null);
        text.put("tesseract", tesseract);
        text.put("ocrLanguage", parseOptions.ocrLanguage());
        text.put("ocrPageSegmentation", parseOptions.ocrPageSegmentation());
        text.put("ocrEraseRuledLines", parseOptions.ocrEraseRuledLines());
        text.put("maxChars", parseOptions.maxChars());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("documents", documents);
        provenance.put("text", text);
        provenance.put("written", statistics.written());
        provenance.put("rejected", statistics.rejected());
        return provenance;
    }

    /** Exports documents already in memory, in list order. */
    public ExportStatistics export(List<LabelledDocument> documents, Path out) throws IOException {
        return export(documents.size(), documents::get, out);
    }

    /**
     * Makes, parses and writes {@code count} documents on the parse threads and writes the lines in index order,
     * whatever order the threads finish in.
     *
     * @param documentAt makes the document at an index; called from several threads at once, so it must be
     *     thread-safe (the corpus generator is: each document comes from its own seed)
     * @param out the JSONL file, gzip-compressed when its name ends in {@code .gz}; written under a temporary name
     *     and moved into place at the end, so a reader never sees half a training set
     */
    public ExportStatistics export(int count, IntFunction<LabelledDocument> documentAt, Path out) throws IOException {
        ExportStatistics statistics = new ExportStatistics();
        long start = System.nanoTime();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partialLines = partial(out);
        Path partialRejects = partial(rejectsFile(out));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long makeMillis = 0;
        try (DocumentParser parser = new DocumentParser(parseOptions);
                Writer lines = open(partialLines, isGzip(out));
                Writer rejects = open(partialRejects, false)) {
            Deque<Future<ExportedLine>> window = new ArrayDeque<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                window.addLast(pool.submit(() -> exportOne(parser, documentAt, index)));
                while (window.size() >= threads * WINDOW_PER_THREAD
                        || (!window.isEmpty() && window.peekFirst().isDone())) {
                    makeMillis += write(await(window.removeFirst()), lines, rejects, statistics);
                }
            }
            while (!window.isEmpty()) {
                makeMillis += write(await(window.removeFirst()), lines, rejects, statistics);
            }
        } finally {
            pool.shutdownNow();
        }
        Files.move(partialLines, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(partialRejects, rejectsFile(out), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        statistics.finished(makeMillis, (System.nanoTime() - start) / 1_000_000, threads);
        return statistics;
    }

    private static ExportedLine exportOne(DocumentParser parser, IntFunction<LabelledDocument> documentAt, int index)
            throws JsonProcessingException {
        long makeStart = System.nanoTime();
        LabelledDocument document = documentAt.apply(index);
        long makeMillis = (System.nanoTime() - makeStart) / 1_000_000;
        ParseOutcome outcome = parser.parse(document.bytes(), document.filename(), null);
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            String text = PromptText.normalise(parsed.text());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", document.id());
            line.put("split", document.split());
            line.put("layout", document.layout());
            line.put("format", document.format());
            line.put("heldOutLayout", document.heldOutLayout());
            line.put("heldOutValues", document.heldOutValues());
            line.put("text", text);
            line.put("target", CanonicalJson.toModelJson(document.truth()));
            return new ExportedLine(document.layout(), document.format(), JSON.writeValueAsString(line), null,
                    text.length(), parsed.parseMillis(), makeMillis);
        }
        ParseOutcome.Failed failed = (ParseOutcome.Failed) outcome;
        Map<String, Object> reject = new LinkedHashMap<>();
        reject.put("id", document.id());
        reject.put("split", document.split());
        reject.put("layout", document.layout());
        reject.put("format", document.format());
        reject.put("filename", document.filename());
        reject.put("reason", failed.reason());
        reject.put("contentType", failed.contentType());
        reject.put("parseMillis", failed.parseMillis());
        return new ExportedLine(document.layout(), document.format(), JSON.writeValueAsString(reject),
                failed.reason(), 0, failed.parseMillis(), makeMillis);
    }

    private static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    /** Writes one line and returns the milliseconds spent making its document. */
    private long write(ExportedLine line, Writer lines, Writer rejects, ExportStatistics statistics)
            throws IOException {
        if (line.rejectReason() == null) {
            lines.write(line.json());
            lines.write('\n');
            statistics.written(line.layout(), line.format(), line.chars(), line.parseMillis());
        } else {
            rejects.write(line.json());
            rejects.write('\n');
            statistics.rejected(line.layout(), line.format(), line.rejectReason(), line.parseMillis());
        }
        int done = statistics.written() + statistics.rejected();
        if (progress != null && done % PROGRESS_EVERY == 0) {
            progress.printf(Locale.ROOT, "%d documents: %d written, %d rejected%n", done, statistics.written(),
                    statistics.rejected());
        }
        return line.makeMillis();
    }

    private static ExportedLine await(Future<ExportedLine> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("export interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("exporting a document failed", e.getCause());
        }
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    private static Writer open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** One document's line for the training file or the rejects file; the bytes are not kept. */
    private record ExportedLine(String layout, String format, String json, String rejectReason, int chars,
            long parseMillis, long makeMillis) {
    }
}
