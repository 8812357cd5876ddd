package dev.manifests.serving.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifests.serving.pack.TestPackages;
import dev.manifests.serving.schedule.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation command end to end: the test model package over a labelled split, both reports written. */
class EvaluateModelTest {

    @TempDir
    Path out;

    @Test
    void writesTheJsonAndHtmlReportsForASplit() throws Exception {
        Path split = Path.of(EvaluateModelTest.class.getResource("/documents/evaluation-split.jsonl").toURI());
        EngineOptions options = EngineOptions.defaults(TestPackages.folder()).withBatchSize(2);
        EvaluationReport report = EvaluateModel.evaluate(options, split, 0);
        EvaluateModel.write(report, out);

        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.get("documents").asInt()).isEqualTo(2);
        assertThat(json.at("/failures/parseOrSchema").asInt()).isZero();
        assertThat(json.at("/failures/engine").asInt()).isZero();
        assertThat(json.at("/heldOutLayouts/documents").asInt()).isEqualTo(1);
        assertThat(json.at("/overall/accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("fields").has("containers[].containerNumber")).isTrue();
        assertThat(json.at("/throughput/documentsPerSecond").asDouble()).isPositive();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("Accuracy per field").contains("held-out layouts accuracy");
    }

}
