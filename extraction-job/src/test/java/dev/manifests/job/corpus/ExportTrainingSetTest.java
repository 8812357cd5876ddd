package dev.manifests.job.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifests.job.parse.DocumentParser;
import dev.manifests.job.parse.ParseOptions;
import dev.manifests.job.parse.TestFiles;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTrainingSetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerDocumentInFolderOrderWithTargetThatParsesBack() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("validation"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = String.format("bl-%04d", i);
            names.add(name);
            ShippingDocument truth = ExportFixtures.manifest(name, "MAEU2400" + i);
            byte[] bytes = i % 3 == 0
                    ? TestFiles.pdf("BILL OF LADING", "B/L No. MAEU2400" + i, "Container CSQU3054383")
                    : i % 3 == 1
                    ? TestFiles.docx("BILL OF LADING", "B/L No. MAEU2400" + i)
                    : ("BILL OF LADING\t\tB/L No. MAEU2400" + i + "\r\n\r\n\r\nContainer CSQU3054383  \n")
                            .getBytes(StandardCharsets.UTF_8);
            String extension = i % 3 == 0 ? "pdf" : i % 3 == 1 ? "docx" : "txt";
            Files.write(folder.resolve(name + "." + extension), bytes);
            Files.writeString(folder.resolve(name + LabelledFolder.EXPECTED_SUFFIX), CanonicalJson.toJson(truth));
        }
        Path out = dir.resolve("out/validation.jsonl.gz");

        ExportStatistics statistics = new ExportTrainingSet(ParseOptions.defaults(), 2)
                .export(LabelledFolder.read(folder, "validation"), out);

        List<JsonNode> lines = readLines(out);
        assertThat(lines).extracting(l -> l.get("id").asText()).containsExactlyElementsOf(names);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertThat(line.get("split").asText()).isEqualTo("validation");
            assertThat(line.get("text").asText()).contains("MAEU2400" + i).doesNotContain("\r", "\t", "\n\n\n");
            ShippingDocument target = CanonicalJson.fromJson(line.get("target").asText(), line.get("id").asText());
            assertThat(target.getBillOfLadingNumber()).isEqualTo("MAEU2400" + i);
            assertThat(line.get("target").asText()).doesNotContain("documentId");
        }
        assertThat(lines.get(0).get("format").asText()).isEqualTo("PDF");
        assertThat(statistics.written()).isEqualTo(12);
        assertThat(statistics.rejected()).isZero();
        assertThat(statistics.report()).contains("12 documents written, 0 rejected");
        assertThat(Files.readString(ExportTrainingSet.rejectsFile(out))).isEmpty();
    }

    @Test
    void sendsDocumentsThatFailToParseToRejectsWithReason() throws Exception {
        List<LabelledDocument> documents = List.of(
                ExportFixtures.document("good-1", "TXT", "BILL OF LADING MAEU1".getBytes(StandardCharsets.UTF_8)),
                ExportFixtures.document("locked", "PDF", TestFiles.encryptedPdf("SECRET")),
                ExportFixtures.document("empty", "TXT", new byte[0]),
                ExportFixtures.document("good-2", "TXT", "BILL OF LADING MAEU2".getBytes(StandardCharsets.UTF_8)));
        Path out = dir.resolve("train.jsonl");

        ExportStatistics statistics = new ExportTrainingSet(ParseOptions.defaults(), 2)
                .export(documents, out);

        assertThat(readLines(out)).extracting(l -> l.get("id").asText()).containsExactly("good-1", "good-2");
        Path rejects = dir.resolve("train.rejects.jsonl");
        assertThat(ExportTrainingSet.rejectsFile(out)).isEqualTo(rejects);
        List<JsonNode> rejected = readLines(rejects);
        assertThat(rejected).extracting(l -> l.get("id").asText() + ": " + l.get("reason").asText())
                .containsExactly("locked: encrypted PDF: a password is required", "empty: zero-byte document");
        assertThat(statistics.rejected()).isEqualTo(2);
        assertThat(statistics.countsByFormat().get("PDF")).containsExactly(0, 1);
        assertThat(statistics.report()).contains("encrypted PDF: a password is required");
    }

    @Test
    void exportsGeneratedSplitWithTargetsThatParseBack() throws Exception {
        Path out = dir.resolve("train.jsonl.gz");
        ExportArguments arguments = ExportArguments.parse(new String[] {
            "--split", "train", "--count", "10", "--seed", "7", "--scan-share", "0", "--threads", "2",
            "--out", out.toString()});

        ExportStatistics statistics = new ExportTrainingSet(ParseOptions.defaults(), 2).run(arguments);

        List<JsonNode> lines = readLines(out);
        assertThat(statistics.written()).isEqualTo(10);
        assertThat(lines).extracting(l -> l.get("id").asText())
                .containsExactly("train-7-000000", "train-7-000001", "train-7-000002", "train-7-000003",
                        "train-7-000004", "train-7-000005", "train-7-000006", "train-7-000007", "train-7-000008",
                        "train-7-000009");
        for (JsonNode line : lines) {
            assertThat(line.fieldNames()).toIterable().containsExactly(
                    "id", "split", "layout", "format", "heldOutLayout", "heldOutValues", "text", "target");
            assertThat(line.get("split").asText()).isEqualTo("train");
            assertThat(line.get("layout").asText()).isNotBlank();
            ShippingDocument target = CanonicalJson.fromJson(line.get("target").asText(), line.get("id").asText());
            assertThat(line.get("text").asText()).contains(target.getContainers().get(0).getContainerNumber()
                    .substring(0, 4));
        }
    }

    @Test
    void writesBesideTheExportHowItsDocumentsWereMadeAndRead() throws Exception {
        Path out = dir.resolve("scans.jsonl.gz");
        ExportArguments arguments = ExportArguments.parse(new String[] {
            "--split", "validation", "--count", "3", "--seed", "11", "--formats", "txt", "--varied-share", "0",
            "--threads", "1", "--out", out.toString()});
        ParseOptions options = ParseOptions.defaults().withOcrPageSegmentation(4).withOcrEraseRuledLines(false);

        new ExportTrainingSet(options, 1).run(arguments);

        Path file = ExportTrainingSet.provenanceFile(out);
        assertThat(file.getFileName().toString()).isEqualTo("scans.export.json");
        JsonNode provenance = JSON.readTree(file.toFile());
        assertThat(provenance.at("/documents/split").asText()).isEqualTo("validation");
        assertThat(provenance.at("/documents/seed").asLong()).isEqualTo(11);
        assertThat(provenance.at("/documents/count").asInt()).isEqualTo(3);
        assertThat(provenance.at("/documents/formats/0").asText()).isEqualTo("txt");
        assertThat(provenance.at("/text/ocrLanguage").asText()).isEqualTo("eng");
        assertThat(provenance.at("/text/ocrPageSegmentation").asInt()).isEqualTo(4);
        assertThat(provenance.at("/text/ocrEraseRuledLines").asBoolean()).isFalse();
        String tesseract = DocumentParser.tesseractVersion();
        assertThat(provenance.at("/text/ocr").asBoolean()).isEqualTo(tesseract != null);
        if (tesseract != null) {
            assertThat(provenance.at("/text/tesseract").asText()).startsWith("tesseract ");
        }
        assertThat(provenance.at("/written").asInt()).isEqualTo(3);
        assertThat(provenance.at("/rejected").asInt()).isZero();
    }

    @Test
    void readsCommandLineOfBothModes() {
        ExportArguments generated = ExportArguments.parse(new String[] {
            "--split", "train", "--count", "200", "--seed", "1", "--formats", "pdf,docx", "--scan-share", "0.03",
            "--out", "t.jsonl.gz"});
        assertThat(generated.formats()).containsExactly("pdf", "docx");
        assertThat(generated.scanShare()).isEqualTo(0.03);
        assertThat(generated.count()).isEqualTo(200);
        assertThat(generated.variedShare()).isZero();

        ExportArguments varied = ExportArguments.parse(new String[] {
            "--split", "train", "--count", "20", "--seed", "1", "--varied-share", "0.5", "--out", "t.jsonl"});
        assertThat(varied.variedShare()).isEqualTo(0.5);
        assertThatThrownBy(() -> ExportArguments.parse(new String[] {
            "--split", "test", "--count", "20", "--seed", "1", "--varied-share", "0.5", "--out", "t.jsonl"}))
                .hasMessageContaining("train split only");

        ExportArguments folder = ExportArguments.parse(
                new String[] {"--folder", "samples/documents/test", "--out", "x"});
        assertThat(folder.split()).isEqualTo("test");
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }
    }
}
