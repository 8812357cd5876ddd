package dev.manifests.samples.corpus;

import dev.manifests.samples.values.ReferenceData;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.codes.Iso6346;
import dev.manifests.schema.json.CanonicalJson;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildSampleSetTest {

    @Test
    void writesTheSameBytesOnEveryRunWithATruthBesideEachDocument(@TempDir Path first, @TempDir Path second)
            throws Exception {
        ReferenceData data = ReferenceData.load();
        List<String> names = new BuildSampleSet(first, data).writeDocuments(3);
        new BuildSampleSet(second, data).writeDocuments(3);
        assertThat(names).hasSize(3);
        try (Stream<Path> files = Files.list(first)) {
            for (Path file : files.toList()) {
                assertThat(Files.readAllBytes(second.resolve(file.getFileName()))).as(file.toString())
                        .isEqualTo(Files.readAllBytes(file));
            }
        }
        for (String name : names) {
            ShippingDocument truth = CanonicalJson.fromJson(Files.readString(first.resolve(name + ".expected.json")),
                    null);
            assertThat(truth.getDocumentId()).isEqualTo(name);
        }
    }

    @Test
    void failingDocumentsFailForTheirStatedReason(@TempDir Path folder) throws Exception {
        new BuildSampleSet(folder, ReferenceData.load()).writeFailing();
        Path failing = folder.resolve("failing");
        assertThatThrownBy(() -> load(failing.resolve("truncated.pdf"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> load(failing.resolve("encrypted.pdf"))).isInstanceOf(InvalidPasswordException.class);
        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(failing.resolve("encrypted.pdf")), "consignee-2026")) {
            assertThat(pdf.isEncrypted()).isTrue();
        }
        assertThat(Files.size(failing.resolve("empty.pdf"))).isZero();
        assertThat(Files.size(failing.resolve("oversized.pdf"))).isGreaterThan(1024 * 1024);
        load(failing.resolve("oversized.pdf"));

        ShippingDocument wrongDigit = CanonicalJson.fromJson(
                Files.readString(failing.resolve("wrong-check-digit.expected.json")), null);
        assertThat(Iso6346.isValid(wrongDigit.getContainers().get(0).getContainerNumber())).isFalse();

        ShippingDocument badTotals = CanonicalJson.fromJson(
                Files.readString(failing.resolve("totals-disagree.expected.json")), null);
        assertThat(badTotals.getTotals().getContainerCount()).isNotEqualTo(badTotals.getContainers().size());
        assertThat(Files.readString(failing.resolve("README.md"))).contains("truncated.pdf", "encrypted.pdf",
                "empty.pdf", "oversized.pdf", "recipe.txt", "wrong-check-digit.pdf", "totals-disagree.txt");
    }

    @Test
    void committedSampleSetHasATruthForEveryDocumentAndStaysSmall() throws Exception {
        Path folder = Path.of("documents");
        assertThat(folder).isDirectory();
        long bytes = 0;
        int documents = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
                String name = file.getFileName().toString();
                if (name.endsWith(".expected.json")) {
                    continue;
                }
                documents++;
                String stem = name.substring(0, name.lastIndexOf('.'));
                Path truth = folder.resolve(stem + ".expected.json");
                assertThat(truth).as(name).exists();
                assertThat(CanonicalJson.fromJson(Files.readString(truth), null).getDocumentId()).isEqualTo(stem);
            }
        }
        assertThat(documents).isGreaterThanOrEqualTo(50);
        assertThat(bytes).isLessThan(10L * 1024 * 1024);
    }

    private static void load(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(pdf))) {
            assertThat(document.getNumberOfPages()).isPositive();
        }
    }
}
