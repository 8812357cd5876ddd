package dev.manifests.job.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifests.samples.corpus.Split;
import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.serving.decode.DocumentSplitter;
import dev.manifests.serving.decode.PartMerger;
import dev.manifests.serving.decode.TextEncoder;
import dev.manifests.serving.pack.ModelPackage;
import dev.manifests.serving.pack.PromptText;
import dev.manifests.serving.schedule.EngineFactory;
import dev.manifests.serving.schedule.EngineOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ExportSplitPartsTest {

    /** The bundled model package, relative to the extraction-job module. */
    private static final Path MODEL = Path.of("..", "model-serving", "models", "manifest-mini");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TextEncoder encoder;
    private static DocumentSplitter splitter;
    private static int maxContext;
    /** A generated plain-text manifest long enough that the engine reads it in parts. */
    private static LabelledDocument longDocument;
    private static String longText;

    @BeforeAll
    static void openModelTokenizer() {
        ModelPackage modelPackage = ModelPackage.load(MODEL);
        maxContext = modelPackage.spec().architecture().maxContext();
        try {
            encoder = TextEncoder.open(modelPackage.tokenizerJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        splitter = EngineFactory.splitter(encoder, maxContext, EngineOptions.defaults(MODEL));
        GeneratedCorpus corpus = new GeneratedCorpus(Split.TRAIN, 20261124, EnumSet.of(DocumentFormat.TXT), null);
        for (int i = 0; i < 400 && longDocument == null; i++) {
            LabelledDocument document = corpus.documentAt(i);
            String text = PromptText.normalise(new String(document.bytes(), StandardCharsets.UTF_8));
            if (document.truth().getContainers().size() >= 12 && splitter.split(text).size() > 2) {
                longDocument = document;
                longText = text;
            }
        }
        assertThat(longDocument).as("a generated manifest the engine splits in three parts or more").isNotNull();
    }

    @AfterAll
    static void closeTokenizer() {
        encoder.close();
    }

    @Test
    void partTargetsPartitionTheContainersAndMergeBackIntoTheDocumentTruth() throws Exception {
        List<String> parts = splitter.split(longText);
        List<String> targets = PartTargets.of(longDocument.truth(), parts);

        assertThat(targets).hasSize(parts.size());
        List<String> numbers = new ArrayList<>();
        for (String target : targets) {
            ShippingDocument part = CanonicalJson.fromJson(target, "part");
            assertThat(CanonicalJson.toModelJson(part)).isEqualTo(target);
            part.getContainers().forEach(container -> numbers.add(container.getContainerNumber()));
        }
        assertThat(numbers).isEqualTo(longDocument.truth().getContainers().stream()
                .map(Container::getContainerNumber).toList());
        assertThat(PartMerger.merge(targets)).isEqualTo(CanonicalJson.toModelJson(longDocument.truth()));
    }

    @Test
    void laterPartsLeaveOutHeaderValuesTheyDoNotShowAndOnlyOnePartStatesTheTotals() throws Exception {
        List<String> parts = splitter.split(longText);
        List<ShippingDocument> targets = new ArrayList<>();
        for (String target : PartTargets.of(longDocument.truth(), parts)) {
            targets.add(CanonicalJson.fromJson(target, "part"));
        }
        ShippingDocument truth = longDocument.truth();
        assertThat(targets).allSatisfy(part -> assertThat(part.getDocumentType()).isEqualTo(truth.getDocumentType()));
        assertThat(targets.get(0).getShipper()).isEqualTo(truth.getShipper());
        // the middle part holds container rows, not the shipper block nor the totals line
        ShippingDocument middle = targets.get(1);
        assertThat(middle.getShipper().getName()).isEmpty();
        assertThat(middle.getTotals().getPackageCount()).isZero();
        assertThat(targets.get(targets.size() - 1).getTotals()).isEqualTo(truth.getTotals());
    }

    @Test
    void writesOnePartLinePerPartOfTheDocumentsTheEngineSplitsOnly(@TempDir Path folder) throws Exception {
        Path in = folder.resolve("train.jsonl");
        try (Writer writer = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            writer.write(line(longDocument.id(), longText, longDocument.truth()) + "\n");
            ShippingDocument shortTruth = ExportFixtures.manifest("short", "MAEU1234");
            writer.write(line("short", "SEA WAYBILL MAEU1234\nCSQU3054383 10 PALLETS 5000 KG", shortTruth) + "\n");
        }
        Path out = folder.resolve("parts.jsonl.gz");

        ExportSplitParts.Counts counts = new ExportSplitParts(splitter, encoder, maxContext).export(List.of(in), out);

        int n = splitter.split(longText).size();
        assertThat(counts.read()).isEqualTo(2);
        assertThat(counts.split()).isEqualTo(1);
        assertThat(counts.parts()).isEqualTo(n);
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(out)),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).extracting(line -> line.get("id").asText())
                .containsExactly(IntStream.rangeClosed(1, n)
                        .mapToObj(k -> longDocument.id() + "#p" + k + "of" + n).toArray(String[]::new));
        assertThat(lines).extracting(line -> line.get("text").asText()).isEqualTo(splitter.split(longText));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("parts").asInt()).isEqualTo(n);
            assertThat(line.get("layout").asText()).isEqualTo(longDocument.layout());
        });
    }

    private static String line(String id, String text, ShippingDocument truth) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("split", "train");
        line.put("layout", id.equals("short") ? "test-layout" : longDocument.layout());
        line.put("format", "TXT");
        line.put("heldOutLayout", false);
        line.put("heldOutValues", false);
        line.put("text", text);
        line.put("target", CanonicalJson.toModelJson(truth));
        return JSON.writeValueAsString(line);
    }
}
