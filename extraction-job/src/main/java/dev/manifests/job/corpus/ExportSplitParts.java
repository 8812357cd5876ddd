package dev.manifests.job.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import dev.manifests.serving.decode.DocumentSplitter;
import dev.manifests.serving.decode.PartMerger;
import dev.manifests.serving.decode.PromptEncoder;
import dev.manifests.serving.decode.TextEncoder;
import dev.manifests.serving.pack.ModelPackage;
import dev.manifests.serving.schedule.EngineFactory;
import dev.manifests.serving.schedule.EngineOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes training records for the parts of the documents the engine splits: it reads exported training files
 * ({@link ExportTrainingSet}), asks the engine's own split decision ({@link EngineFactory#splitter}) about each
 * document's text, and for each document read in parts writes one line per part: id {@code <id>#p<k>of<n>}, the
 * part text exactly as the engine feeds it, the part's truth ({@link PartTargets}) as its target, and {@code part}
 * and {@code parts}. Documents read whole are not written: the trainer reads the original files too.
 *
 * <pre>
 * ExportSplitParts --in train.jsonl.gz [--in train2.jsonl.gz ...] --package model-serving/models/manifest-mini
 *     --out train-parts.jsonl.gz
 * </pre>
 */
public final class ExportSplitParts {

    public static final String USAGE = "usage: ExportSplitParts --in FILE.jsonl[.gz] [--in ...] --package MODEL_FOLDER"
            + " --out FILE.jsonl[.gz]";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DocumentSplitter splitter;
    private final TextEncoder encoder;
    private final int maxContext;

    /**
     * @param splitter   the engine's split decision
     * @param encoder    the model's tokenizer, to count what parts and targets take of the context
     * @param maxContext the model's context in tokens
     */
    public ExportSplitParts(DocumentSplitter splitter, TextEncoder encoder, int maxContext) {
        this.splitter = splitter;
        this.encoder = encoder;
        this.maxContext = maxContext;
    }

    /** Counts of one export. */
    public record Counts(int read, int split, int parts, int partsOverContext, int notMergingBack, int rejected) {

        public String report() {
            return String.format(Locale.ROOT, "records read %d, split %d, parts written %d, parts whose prompt + target"
                    + " exceeds the context %d, split records whose part targets do not merge back into the target %d,"
                    + " records without a readable target %d%n", read, split, parts, partsOverContext, notMergingBack,
                    rejected);
        }
    }

    /** What the command line asks for. */
    public record Arguments(List<Path> in, Path modelPackage, Path out) {

        /** Reads the command line; the exception's message says what is missing or wrong. */
        public static Arguments parse(String[] args) {
            List<Path> in = new ArrayList<>();
            Path modelPackage = null;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--in" -> in.add(Path.of(value));
                    case "--package" -> modelPackage = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (in.isEmpty() || modelPackage == null || out == null) {
                throw new IllegalArgumentException("--in, --package and --out are required");
            }
            return new Arguments(List.copyOf(in), modelPackage, out);
        }
    }

    public static void main(String[] args) throws IOException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ModelPackage modelPackage = ModelPackage.load(arguments.modelPackage());
        int maxContext = modelPackage.spec().architecture().maxContext();
        try (TextEncoder encoder = TextEncoder.open(modelPackage.tokenizerJson())) {
            DocumentSplitter splitter = EngineFactory.splitter(encoder, maxContext,
                    EngineOptions.defaults(arguments.modelPackage()));
            Counts counts = new ExportSplitParts(splitter, encoder, maxContext).export(arguments.in(), arguments.out());
            System.out.print(counts.report());
            System.out.println("wrote " + arguments.out());
        }
    }

    /**
     * Reads every line of {@code in}, in order, and writes the part lines to {@code out} (gzip-compressed when its
     * name ends in {@code .gz}), under a temporary name moved into place at the end.
     */
    public Counts export(List<Path> in, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        int read = 0;
        int split = 0;
        int parts = 0;
        int over = 0;
        int notMergingBack = 0;
        int rejected = 0;
        try (Writer writer = open(partial, out.getFileName().toString().endsWith(".gz"))) {
            for (Path file : in) {
                try (BufferedReader lines = read(file)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.isBlank()) {
                            continue;
                        }
                        read++;
                        ObjectNode record = (ObjectNode) JSON.readTree(line);
                        String id = record.path("id").asText();
                        String text = record.path("text").asText();
                        List<String> partTexts = splitter.split(text);
                        if (partTexts.size() == 1) {
                            continue;
                        }
                        ShippingDocument truth;
                        try {
                            truth = CanonicalJson.fromJson(record.path("target").asText(), id);
                        } catch (InvalidRecordException e) {
                            System.err.println(id + ": target does not conform to the schema: " + e.getMessage());
                            rejected++;
                            continue;
                        }
                        split++;
                        List<String> targets = PartTargets.of(truth, partTexts);
                        if (!PartMerger.merge(targets).equals(CanonicalJson.toModelJson(truth))) {
                            notMergingBack++;
                        }
                        for (int k = 0; k < partTexts.size(); k++) {
                            writer.write(JSON.writeValueAsString(partLine(record, partTexts.get(k), targets.get(k), k,
                                    partTexts.size())));
                            writer.write('\n');
                            parts++;
                            int tokens = encoder.encode(partTexts.get(k)).length + PromptEncoder.FRAME_TOKENS
                                    + encoder.encode(targets.get(k)).length + 1;
                            if (tokens > maxContext) {
                                over++;
                            }
                        }
                    }
                }
            }
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Counts(read, split, parts, over, notMergingBack, rejected);
    }

    /** The document's line with the part's id, text and target, and its place among the parts. */
    private static ObjectNode partLine(ObjectNode document, String text, String target, int index, int count) {
        ObjectNode line = JSON.createObjectNode();
        document.fields().forEachRemaining(field -> {
            switch (field.getKey()) {
                case "id" -> line.put("id", field.getValue().asText() + "#p" + (index + 1) + "of" + count);
                case "text" -> line.put("text", text);
                case "target" -> line.put("target", target);
                default -> line.set(field.getKey(), field.getValue());
            }
        });
        line.put("part", index + 1);
        line.put("parts", count);
        return line;
    }

    private static BufferedReader read(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static Writer open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}
