package dev.manifests.serving.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifests.schema.json.FieldOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static LabelledDocument doc(String id, boolean heldOutLayout) {
        return new LabelledDocument(id, "layout-a", "pdf", heldOutLayout, false, "text", "{}");
    }

    private final ScoredDocument right = new ScoredDocument(doc("right", false), null, null, null, List.of(
            new FieldOutcome("billOfLadingNumber", "MAEU1", "MAEU1", true),
            new FieldOutcome("containers[0].containerNumber", "MSCU1234565", "MSCU1234565", true),
            new FieldOutcome("notifyParty.name", null, null, true)));

    private final ScoredDocument wrong = new ScoredDocument(doc("wrong", true), null, null, null, List.of(
            new FieldOutcome("billOfLadingNumber", "MAEU2", "MAEU3", false),
            new FieldOutcome("containers[0].containerNumber", "TGHU7654321", null, false),
            new FieldOutcome("notifyParty.name", null, "ACME", false)));

    private final EvaluationReport report = new EvaluationReport("manifest-mini", "cpu", "split.jsonl", List.of(right, wrong), 2.0);

    @Test
    void countsPrecisionRecallAndAccuracyOverFieldsWithAValue() {
        AccuracyTally overall = report.overall();
        // 4 predicted, 2 of them right; 4 relevant, 2 of them right; 5 fields with a value on some side, 2 right
        assertThat(overall.precision()).isEqualTo(0.5);
        assertThat(overall.recall()).isEqualTo(0.5);
        assertThat(overall.accuracy()).isEqualTo(2.0 / 5);
        assertThat(overall.wrongValue()).isEqualTo(1);
        assertThat(overall.missing()).isEqualTo(1);
        assertThat(overall.spurious()).isEqualTo(1);
    }

    @Test
    void groupsArrayElementsIntoOneField() {
        assertThat(EvaluationReport.fieldName("containers[12].hsCodes[3]")).isEqualTo("containers[].hsCodes[]");
        assertThat(report.byField()).containsKeys("billOfLadingNumber", "containers[].containerNumber", "notifyParty.name");
        assertThat(report.byField().get("containers[].containerNumber").accuracy()).isEqualTo(0.5);
    }

    @Test
    void reportsHeldOutLayoutsSeparately() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.at("/overall/exactMatch").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/heldOutLayouts/documents").asInt()).isEqualTo(1);
        assertThat(json.at("/heldOutLayouts/accuracy").asDouble()).isEqualTo(0.0);
        assertThat(json.at("/errors/spurious").asInt()).isEqualTo(1);
        assertThat(json.at("/failures/parseOrSchema").asInt()).isZero();
        assertThat(json.at("/throughput/documentsPerSecond").asDouble()).isEqualTo(1.0);
    }

    @Test
    void pageHighlightsTheWrongFieldsOfTheWorstDocument() {
        String html = ReportPage.render(report);
        assertThat(report.worst(10)).containsExactly(wrong);
        assertThat(html).contains("<svg").contains("manifest-mini")
                .contains("<tr class=\"wrong\"><td class=\"path\">billOfLadingNumber</td><td>MAEU2</td><td>MAEU3</td></tr>")
                .doesNotContain("<div class=\"doc\">right");
    }

    @Test
    void escapesDocumentTextInThePage() {
        assertThat(ReportPage.escape("<b>\"A&B\"</b>")).isEqualTo("&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
    }
}
