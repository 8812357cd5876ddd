package dev.manifests.samples.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.schema.json.CanonicalJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a split of the corpus to a folder: {@code <id>.<ext>} (the document), {@code <id>.expected.json} (its
 * ground truth in canonical JSON) and {@code corpus.jsonl} (one line per document), then prints how many documents
 * each layout and format got.
 *
 * <pre>
 * GenerateCorpus --split train|validation|test --count N --seed S
 *                --formats pdf,docx,xlsx,txt,eml,png,tiff,scanned-pdf --out DIR
 * </pre>
 */
public final class GenerateCorpus {

    /** The command's options, with their defaults. */
    public record Options(Split split, int count, long seed, Set<DocumentFormat> formats, Path out) {

        public static final String USAGE = "usage: GenerateCorpus [--split train|validation|test (train)]"
                + " [--count N (100)] [--seed S (42)] [--formats pdf,scanned-pdf,png,tiff,docx,xlsx,eml,eml-body,"
                + "eml-attachment,txt,all (all)] [--out DIR (target/corpus/<split>)]";

        public static Options parse(String... args) {
            Split split = Split.TRAIN;
            int count = 100;
            long seed = 42;
            Set<DocumentFormat> formats = EnumSet.allOf(DocumentFormat.class);
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
                }
                String value = args[++i];
                switch (flag) {
                    case "--split" -> split = Split.fromId(value);
                    case "--count" -> count = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--formats" -> formats = FormatMix.parse(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
                }
            }
            return new Options(split, count, seed, formats,
                    out != null ? out : Path.of("target", "corpus", split.id()));
        }
    }

    /** What a run wrote, counted by layout and by format. */
    public record Summary(int documents, Map<String, Map<String, Integer>> byLayoutAndFormat,
                          int heldOutLayoutDocuments, int heldOutValueDocuments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private GenerateCorpus() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Summary summary = write(options);
        print(summary, System.out);
        System.out.printf(Locale.ROOT, "wrote %d documents of split %s (seed %d) to %s in %.1f s%n",
                summary.documents(), options.split().id(), options.seed(), options.out(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Generates and writes the documents the options ask for. */
    public static Summary write(Options options) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        int documents = 0;
        int heldOutLayouts = 0;
        int heldOutValues = 0;
        try {
            Files.createDirectories(options.out());
            try (BufferedWriter index = Files.newBufferedWriter(options.out().resolve("corpus.jsonl"),
                    StandardCharsets.UTF_8)) {
                Iterator<GeneratedDocument> corpus = Corpus.generate(options.split(), options.count(), options.seed(),
                        options.formats()).iterator();
                while (corpus.hasNext()) {
                    GeneratedDocument document = corpus.next();
                    String expected = CanonicalJson.toJson(document.truth());
                    String expectedFile = document.id() + ".expected.json";
                    Files.write(options.out().resolve(document.fileName()), document.bytes());
                    Files.writeString(options.out().resolve(expectedFile), expected, StandardCharsets.UTF_8);
                    index.write(indexLine(document, expectedFile, expected));
                    index.newLine();
                    counts.computeIfAbsent(document.layoutId(), k -> new TreeMap<>())
                            .merge(FormatMix.cliName(document.format()), 1, Integer::sum);
                    documents++;
                    heldOutLayouts += document.heldOutLayout() ? 1 : 0;
                    heldOutValues += document.heldOutValues() ? 1 : 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus to " + options.out(), e);
        }
        return new Summary(documents, counts, heldOutLayouts, heldOutValues);
    }

    /** One line of corpus.jsonl; the expected record is embedded in its canonical form, byte for byte. */
    static String indexLine(GeneratedDocument document, String expectedFile, String expectedJson) {
        ObjectNode line = JSON.createObjectNode()
                .put("id", document.id())
                .put("split", document.split().id())
                .put("layout", document.layoutId())
                .put("format", FormatMix.cliName(document.format()))
                .put("mediaType", document.format().mediaType())
                .put("heldOutLayout", document.heldOutLayout())
                .put("heldOutValues", document.heldOutValues())
                .put("file", document.fileName())
                .put("expectedFile", expectedFile);
        String head = line.toString();
        return head.substring(0, head.length() - 1) + ",\"expected\":" + expectedJson + "}";
    }

    /** Prints a table of documents per layout (rows) and format (columns), with totals. */
    public static void print(Summary summary, PrintStream out) {
        Map<String, Integer> formatTotals = new TreeMap<>();
        summary.byLayoutAndFormat().values()
                .forEach(row -> row.forEach((f, n) -> formatTotals.merge(f, n, Integer::sum)));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-26s", "layout"));
        formatTotals.keySet().forEach(f -> header.append(String.format(Locale.ROOT, " %14s", f)));
        header.append(String.format(Locale.ROOT, " %7s", "total"));
        out.println(header);
        summary.byLayoutAndFormat().forEach((layout, row) -> {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-26s",
                    layout + (SplitPlan.isHeldOutLayout(layout) ? " *" : "")));
            formatTotals.keySet()
                    .forEach(f -> text.append(String.format(Locale.ROOT, " %14d", row.getOrDefault(f, 0))));
            text.append(String.format(Locale.ROOT, " %7d", row.values().stream().mapToInt(Integer::intValue).sum()));
            out.println(text);
        });
        StringBuilder totals = new StringBuilder(String.format(Locale.ROOT, "%-26s", "total"));
        formatTotals.values().forEach(n -> totals.append(String.format(Locale.ROOT, " %14d", n)));
        totals.append(String.format(Locale.ROOT, " %7d", summary.documents()));
        out.println(totals);
        out.printf(Locale.ROOT, "* held-out layout: %d documents; held-out values: %d documents%n",
                summary.heldOutLayoutDocuments(), summary.heldOutValueDocuments());
    }
}
