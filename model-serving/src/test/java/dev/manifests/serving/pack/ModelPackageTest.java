package dev.manifests.serving.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageTest {

    private static final String MODEL_JSON = """
            {"name": "manifest-mini", "version": "0.1.0",
             "architecture": {"layers": 4, "hidden_size": 256, "heads": 8, "kv_heads": 2, "vocab_size": 4096, "max_context": 2048},
             "dtype": "float32",
             "prompt_template": "<|bos|><|doc|>{text}<|json|>",
             "special_tokens": {"pad": 0, "bos": 1, "eos": 2, "doc": 3, "json": 4},
             "schema": {"name": "dev.manifests.schema.ShippingDocument", "version": "1.0"},
             "training": {"seed": 7, "steps": 1000},
             "accuracy": {"field_accuracy": 0.97}}
            """;

    @TempDir
    Path folder;

    @Test
    void readsTheModelDescription() throws IOException {
        writePackage(MODEL_JSON);
        ModelSpec spec = ModelPackage.load(folder).spec();
        assertThat(spec.name()).isEqualTo("manifest-mini");
        assertThat(spec.architecture()).isEqualTo(new ModelSpec.Architecture(4, 256, 8, 2, 4096, 2048));
        assertThat(spec.specialTokens()).isEqualTo(new ModelSpec.SpecialTokens(0, 1, 2, 3, 4));
        assertThat(spec.schema()).isEqualTo(new ModelSpec.SchemaRef("dev.manifests.schema.ShippingDocument", "1.0"));
        assertThat(spec.promptTemplate()).isEqualTo("<|bos|><|doc|>{text}<|json|>");
        assertThat(spec.provenance()).containsEntry("seed", 7);
        assertThat(spec.accuracy()).containsEntry("field_accuracy", 0.97);
    }

    @Test
    void namesTheMissingStepModule() throws IOException {
        writePackage(MODEL_JSON);
        Files.delete(folder.resolve("step.pt"));
        assertThatThrownBy(() -> ModelPackage.load(folder))
                .isInstanceOf(ModelPackageException.class)
                .hasMessageContaining(folder.resolve("step.pt").toString())
                .hasMessageContaining("missing");
    }

    @Test
    void namesTheMissingTokenizer() throws IOException {
        writePackage(MODEL_JSON);
        Files.delete(folder.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelPackage.load(folder))
                .hasMessageContaining(folder.resolve("tokenizer.json").toString());
    }

    @Test
    void namesTheFieldThatIsMissingFromModelJson() throws IOException {
        writePackage(MODEL_JSON.replace("\"vocab_size\": 4096, ", ""));
        assertThatThrownBy(() -> ModelPackage.load(folder))
                .hasMessageContaining("model.json")
                .hasMessageContaining("architecture.vocabSize is missing");
    }

    @Test
    void rejectsSpecialTokenOutsideTheVocabulary() throws IOException {
        writePackage(MODEL_JSON.replace("\"json\": 4", "\"json\": 5000"));
        assertThatThrownBy(() -> ModelPackage.load(folder))
                .hasMessageContaining("special_tokens.json = 5000 is outside the vocabulary of 4096 tokens");
    }

    @Test
    void reportsModelJsonThatIsNotJson() throws IOException {
        writePackage("{\"name\": ");
        assertThatThrownBy(() -> ModelPackage.load(folder))
                .hasMessageContaining(folder.resolve("model.json").toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void reportsAFolderThatDoesNotExist() {
        Path missing = folder.resolve("nowhere");
        assertThatThrownBy(() -> ModelPackage.load(missing)).hasMessageContaining(missing.toString());
    }

    @Test
    void loadsThePackageTheEngineTestsUse() {
        ModelPackage modelPackage = TestPackages.load();
        assertThat(modelPackage.spec().architecture().vocabSize()).isPositive();
        assertThat(modelPackage.spec().architecture().maxContext()).isGreaterThanOrEqualTo(512);
        assertThat(modelPackage.spec().schema().name()).isEqualTo("dev.manifests.schema.ShippingDocument");
    }

    @Test
    void theBundledPackageIsAtMostThirtyMegabytesWithNoFileOverSixteenMebibytes() throws IOException {
        assertThat(TestPackages.TRAINED.resolve(ModelPackage.STEP_MODULE)).isRegularFile();
        long total = 0;
        try (Stream<Path> files = Files.list(TestPackages.TRAINED)) {
            for (Path file : files.toList()) {
                long size = Files.size(file);
                assertThat(size).as(file.toString()).isLessThanOrEqualTo(16L * 1024 * 1024);
                total += size;
            }
        }
        assertThat(total).isLessThanOrEqualTo(30_000_000L);
    }

    private void writePackage(String modelJson) throws IOException {
        Files.writeString(folder.resolve("model.json"), modelJson);
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        Files.write(folder.resolve("step.pt"), new byte[] {1});
    }
}
