package dev.manifests.samples.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifests.samples.layout.Layouts;
import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.samples.values.ReferenceData;
import dev.manifests.samples.values.ValuePool;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusTest {

    private static final Set<DocumentFormat> TEXT = EnumSet.of(DocumentFormat.TXT);

    private static List<GeneratedDocument> generate(Split split, int count, long seed, Set<DocumentFormat> formats) {
        return Corpus.generate(split, count, seed, formats).toList();
    }

    @Test
    void sameArgumentsGiveSameIdsTruthsAndBytes() {
        Set<DocumentFormat> formats = EnumSet.of(DocumentFormat.TXT, DocumentFormat.PDF, DocumentFormat.DOCX,
                DocumentFormat.XLSX, DocumentFormat.EML_BODY);
        List<GeneratedDocument> first = generate(Split.TRAIN, 10, 11, formats);
        List<GeneratedDocument> second = generate(Split.TRAIN, 10, 11, formats);
        for (int i = 0; i < first.size(); i++) {
            GeneratedDocument a = first.get(i);
            GeneratedDocument b = second.get(i);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.layoutId()).isEqualTo(a.layoutId());
            assertThat(b.format()).isEqualTo(a.format());
            assertThat(b.truth()).isEqualTo(a.truth());
            assertThat(b.bytes()).as(a.id() + " " + a.format()).isEqualTo(a.bytes());
        }
    }

    @Test
    void aLargerRunStartsWithTheDocumentsOfASmallerOne() {
        List<GeneratedDocument> small = generate(Split.VALIDATION, 5, 3, TEXT);
        List<GeneratedDocument> large = generate(Split.VALIDATION, 12, 3, TEXT);
        for (int i = 0; i < small.size(); i++) {
            assertThat(large.get(i).truth()).isEqualTo(small.get(i).truth());
        }
    }

    @Test
    void seedsAndSplitsGiveDifferentDocuments() {
        ShippingDocument train = generate(Split.TRAIN, 1, 1, TEXT).get(0).truth();
        ShippingDocument otherSeed = generate(Split.TRAIN, 1, 2, TEXT).get(0).truth();
        ShippingDocument validation = generate(Split.VALIDATION, 1, 1, TEXT).get(0).truth();
        assertThat(otherSeed.getBillOfLadingNumber()).isNotEqualTo(train.getBillOfLadingNumber());
        assertThat(validation.getBillOfLadingNumber()).isNotEqualTo(train.getBillOfLadingNumber());
        assertThat(train.getDocumentId()).isEqualTo("train-1-000000");
    }

    @Test
    void heldOutLayoutsNeverAppearInTrainOrValidation() {
        for (Split split : List.of(Split.TRAIN, Split.VALIDATION)) {
            List<GeneratedDocument> documents = generate(split, 120, 5, TEXT);
            assertThat(documents).noneMatch(GeneratedDocument::heldOutLayout)
                    .extracting(GeneratedDocument::layoutId).doesNotContainAnyElementsOf(SplitPlan.HELD_OUT_LAYOUTS);
        }
    }

    @Test
    void variedFormsTakeTheirShareOfTrainOnlyAndLeaveOtherSplitsAsTheyWere() {
        Corpus varied = new Corpus(SplitPlan.withVariedShare(0.5), ReferenceData.load());
        Corpus standard = Corpus.standard();
        List<GeneratedDocument> train = varied.documents(Split.TRAIN, 200, 5, TEXT).toList();
        long forms = train.stream().filter(d -> d.layoutId().equals("varied-form")).count();
        assertThat(forms).isBetween(70L, 130L);
        for (Split split : List.of(Split.VALIDATION, Split.TEST)) {
            List<GeneratedDocument> a = varied.documents(split, 60, 5, TEXT).toList();
            List<GeneratedDocument> b = standard.documents(split, 60, 5, TEXT).toList();
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).layoutId()).isEqualTo(b.get(i).layoutId());
                assertThat(a.get(i).bytes()).isEqualTo(b.get(i).bytes());
            }
        }
        List<GeneratedDocument> none = new Corpus(SplitPlan.withVariedShare(0), ReferenceData.load())
                .documents(Split.TRAIN, 30, 5, TEXT).toList();
        List<GeneratedDocument> plain = standard.documents(Split.TRAIN, 30, 5, TEXT).toList();
        for (int i = 0; i < none.size(); i++) {
            assertThat(none.get(i).bytes()).isEqualTo(plain.get(i).bytes());
        }
    }

    @Test
    void aVariedShareNeedsTrainingOnlyLayoutsAndAShareFromZeroToOne() {
        assertThatThrownBy(() -> new SplitPlan(Layouts.all(), List.of(), 0.3))
                .hasMessageContaining("needs training-only layouts");
        assertThatThrownBy(() -> SplitPlan.withVariedShare(1.5)).hasMessageContaining("from 0 to 1");
    }

    @Test
    void testSplitHoldsHeldOutLayoutsAndHeldOutValues() {
        List<GeneratedDocument> documents = generate(Split.TEST, 120, 5, TEXT);
        assertThat(documents.stream().map(GeneratedDocument::layoutId).collect(Collectors.toSet()))
                .containsAll(SplitPlan.HELD_OUT_LAYOUTS);
        assertThat(documents).anyMatch(GeneratedDocument::heldOutValues).anyMatch(d -> !d.heldOutValues());
        assertThat(documents).allMatch(d -> d.heldOutLayout() == SplitPlan.isHeldOutLayout(d.layoutId()));
        assertThat(documents).filteredOn(GeneratedDocument::heldOutValues)
                .allMatch(d -> ValuePool.HELD_OUT_CARRIERS.contains(d.truth().getCarrier().getScac() == null
                        ? scacOf(d.truth().getCarrier().getName()) : d.truth().getCarrier().getScac()));
    }

    @Test
    void heldOutValuesNeverAppearInTrain() {
        ReferenceData data = ReferenceData.load();
        List<Pattern> heldOutStems = new ArrayList<>();
        ValuePool.heldOut(data).countries().values().forEach(c -> c.stems().forEach(stem -> heldOutStems.add(
                Pattern.compile("\\b" + Pattern.quote(stem.toUpperCase(Locale.ROOT)) + "\\b"))));
        for (GeneratedDocument document : generate(Split.TRAIN, 200, 9, TEXT)) {
            ShippingDocument truth = document.truth();
            assertThat(document.heldOutValues()).isFalse();
            assertThat(ValuePool.HELD_OUT_CARRIERS).doesNotContain(scacOf(truth.getCarrier().getName()));
            for (var port : List.of(truth.getPortOfLoading(), truth.getPortOfDischarge())) {
                assertThat(data.seaPorts().stream().filter(p -> p.name().equals(port.getName()))
                        .noneMatch(p -> ValuePool.isHeldOutPort(p.unlocode()))).as(port.getName()).isTrue();
            }
            if (truth.getVesselName() != null) {
                for (String word : truth.getVesselName().split(" ")) {
                    assertThat(ValuePool.isHeldOutVesselWord(word) && isVesselWord(data, word)).as(word).isFalse();
                }
            }
            List<Party> parties = new ArrayList<>(List.of(truth.getShipper(), truth.getConsignee()));
            if (truth.getNotifyParty() != null) {
                parties.add(truth.getNotifyParty());
            }
            for (Party party : parties) {
                String name = party.getName().toUpperCase(Locale.ROOT);
                assertThat(heldOutStems).as(name).noneMatch(stem -> stem.matcher(name).find());
            }
        }
    }

    @Test
    void writesDocumentsExpectedJsonAndAnIndex(@TempDir Path out) throws Exception {
        GenerateCorpus.Options options = GenerateCorpus.Options.parse("--split", "test", "--count", "6", "--seed", "4",
                "--formats", "txt,eml", "--out", out.toString());

        GenerateCorpus.Summary summary = GenerateCorpus.write(options);

        assertThat(summary.documents()).isEqualTo(6);
        List<String> lines = Files.readAllLines(out.resolve("corpus.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode entry = mapper.readTree(line);
            assertThat(entry.get("split").asText()).isEqualTo("test");
            assertThat(entry.get("format").asText()).isIn("txt", "eml-body", "eml-attachment");
            assertThat(Files.size(out.resolve(entry.get("file").asText()))).isPositive();
            String expected = Files.readString(out.resolve(entry.get("expectedFile").asText()), StandardCharsets.UTF_8);
            ShippingDocument truth = CanonicalJson.fromJson(expected, null);
            assertThat(truth.getDocumentId()).isEqualTo(entry.get("id").asText());
            assertThat(line).endsWith(",\"expected\":" + expected + "}");
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        GenerateCorpus.print(summary, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("layout").contains("total");
    }

    @Test
    void rejectsUnknownFormatAndSplitNames() {
        assertThatThrownBy(() -> FormatMix.parse("pdf,odt")).hasMessageContaining("unknown format 'odt'");
        assertThatThrownBy(() -> Split.fromId("holdout")).hasMessageContaining("unknown split");
        assertThat(FormatMix.parse("scanned-pdf,eml")).containsExactlyInAnyOrder(DocumentFormat.PDF_SCANNED,
                DocumentFormat.EML_BODY, DocumentFormat.EML_ATTACHMENT);
    }

    private static String scacOf(String carrierName) {
        return ReferenceData.load().carriers().stream().filter(c -> c.name().equals(carrierName)).findFirst()
                .orElseThrow().scac();
    }

    private static boolean isVesselWord(ReferenceData data, String word) {
        return data.vesselWords().values().stream().anyMatch(words -> words.contains(word));
    }
}
