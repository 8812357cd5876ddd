package dev.manifests.serving.decode;

import dev.manifests.serving.pack.PromptText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentSplitterTest {

    private static TextEncoder encoder;

    @BeforeAll
    static void openTokenizer() throws IOException {
        encoder = TextEncoder.open(TestTokenizers.small());
    }

    @AfterAll
    static void closeTokenizer() {
        encoder.close();
    }

    @Test
    void keepsADocumentThatFitsWhole() {
        DocumentSplitter splitter = DocumentSplitter.forContext(encoder, 4096, 1024);
        String text = Truths.fullText();
        assertThat(splitter.split(text)).containsExactly(PromptText.normalise(text));
    }

    @Test
    void partsNeverExceedTheBudgetAndKeepEveryLineInOrder() {
        String text = manifest(new Random(7), 60);
        for (int budget : new int[] {120, 300, 700}) {
            DocumentSplitter splitter = new DocumentSplitter(this::tokens, budget);
            List<String> parts = splitter.split(text);

            assertThat(parts).hasSizeGreaterThan(1);
            assertThat(parts).allSatisfy(part -> assertThat(tokens(part)).isLessThanOrEqualTo(budget));
            assertThat(lines(String.join("\n", parts))).isEqualTo(lines(PromptText.normalise(text)));
        }
    }

    @Test
    void cutsOnPageBreaksWhenThePagesFit() {
        String page = "CARGO MANIFEST page\n" + "MSKU1234565  120 CARTONS  12,345.6 KG\n".repeat(3);
        String text = page + "\f" + page.replace("page", "next page") + "\f" + page.replace("page", "last page");
        int pageTokens = tokens(PromptText.normalise(page.replace("page", "last page")));
        List<String> parts = new DocumentSplitter(this::tokens, pageTokens + 5).split(text);

        assertThat(parts).hasSize(3);
        assertThat(parts.get(1)).startsWith("CARGO MANIFEST next page");
    }

    @Test
    void cutsBeforeAContainerRowRatherThanOnABlankLineInsideOne() {
        // each row prints its number, its container, a blank line, its goods, a blank line and its weight
        StringBuilder table = new StringBuilder("CARGO MANIFEST\n\n# Equipment Pkgs Cargo description Gross (KG)");
        String[] containers = {"TCLU-831907-6", "HLXU-630914-9", "FCIU-964146-9", "FCIU-323546-2"};
        for (int row = 0; row < containers.length; row++) {
            table.append("\n").append(row + 1).append(" ").append(containers[row])
                    .append("\nSEAL HL40629").append(row).append("\n\n27 PACKAGES Phenolic resins\nHS CODE: 390940\n\n")
                    .append(216 + row).append(".0");
        }
        String text = table.toString();
        String lastRow = text.substring(text.indexOf("4 FCIU-323546-2"));
        // room for all but about half of the last row
        int budget = tokens(text) - tokens(lastRow) / 2;

        List<String> parts = new DocumentSplitter(this::tokens, budget).split(text);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(1)).isEqualTo(lastRow);
        assertThat(parts.get(0)).endsWith("218.0");
    }

    @Test
    void aRowNumberPrintedAboveItsContainerStaysWithIt() {
        String text = "SUMMARY\n\n1\nOOCU 5444539\n22G1\n403.0\n\n2\nUETU 3929676\n45G1\n548.0";
        int budget = tokens(text) - 2;

        List<String> parts = new DocumentSplitter(this::tokens, budget).split(text);

        assertThat(parts).containsExactly("SUMMARY\n\n1\nOOCU 5444539\n22G1\n403.0", "2\nUETU 3929676\n45G1\n548.0");
    }

    @Test
    void cutsBetweenLinesBeforeCuttingALine() {
        String text = "aaaa bbbb cccc\ndddd eeee ffff\ngggg hhhh iiii";
        int lineTokens = tokens("aaaa bbbb cccc");
        List<String> parts = new DocumentSplitter(this::tokens, lineTokens + 1).split(text);
        assertThat(parts).containsExactly("aaaa bbbb cccc", "dddd eeee ffff", "gggg hhhh iiii");
    }

    @Test
    void cutsALineThatAloneIsTooLongWithoutLosingText() {
        String line = "DESCRIPTION: " + "MACHINE PARTS AND SPARE GEARS ".repeat(20).trim();
        List<String> parts = new DocumentSplitter(this::tokens, 25).split("HEADER\n" + line + "\nFOOTER");

        assertThat(parts).allSatisfy(part -> assertThat(tokens(part)).isLessThanOrEqualTo(25));
        assertThat(String.join(" ", parts).replaceAll("\\s+", " "))
                .isEqualTo(("HEADER " + line + " FOOTER").replaceAll("\\s+", " "));
    }

    @Test
    void cutsAWordLongerThanAPartByCharacters() {
        String word = "X".repeat(400);
        List<String> parts = new DocumentSplitter(this::tokens, 30).split(word);
        assertThat(parts).allSatisfy(part -> assertThat(tokens(part)).isLessThanOrEqualTo(30));
        assertThat(String.join("", parts)).isEqualTo(word);
    }

    @Test
    void laterPartsStartWithTheHeadingAndTheColumnHeadingOfTheContainerTable() {
        String heading = "CARGO MANIFEST\nVessel: MAERSK ESSEN   Voyage 412E";
        String columns = "CONTAINER NO.   PACKAGES   GROSS WEIGHT";
        String text = manifest(new Random(11), 60).replaceFirst("\n\n", "\n\n" + columns + "\n");
        int budget = 300;
        List<String> parts = new DocumentSplitter(this::tokens, budget, 100).split(text);

        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(parts).allSatisfy(part -> assertThat(tokens(part)).isLessThanOrEqualTo(budget));
        for (String part : parts.subList(1, parts.size())) {
            assertThat(part).startsWith(heading);
            assertThat(part.indexOf(columns)).isBetween(0, part.indexOf("MSKU"));
        }
        // taking the repeated heading off the later parts gives back every line of the document, in order
        List<String> joined = new ArrayList<>(lines(parts.get(0)));
        int headingLines = lines(heading + "\n" + columns).size();
        for (String part : parts.subList(1, parts.size())) {
            List<String> partLines = lines(part);
            joined.addAll(partLines.subList(headingLines, partLines.size()));
        }
        assertThat(joined).isEqualTo(lines(PromptText.normalise(text)));
    }

    @Test
    void readsWholeADocumentWhoseAnswerEstimateFitsBesideItEvenPastTheOldFixedBudget() {
        StringBuilder text = new StringBuilder("BILL OF LADING\nMSKU1234565  120 CARTONS  12,345.6 KG\n");
        while (tokens(PromptText.normalise(text.toString())) < 1100) {
            text.append("Clause: the carrier shall not be liable for loss or damage to the goods in transit\n");
        }
        DocumentSplitter byEstimate = DocumentSplitter.forContext(encoder, 2048, AnswerLengthEstimate.calibrated(), 1792);
        int whole = tokens(PromptText.normalise(text.toString()));

        assertThat(whole + PromptEncoder.FRAME_TOKENS + AnswerLengthEstimate.calibrated().estimate(1)).isLessThanOrEqualTo(2048);
        assertThat(byEstimate.split(text.toString())).containsExactly(PromptText.normalise(text.toString()));
        // the fixed answer budget of 1148 tokens would have cut it
        assertThat(DocumentSplitter.forContext(encoder, 2048, 1148).split(text.toString())).hasSizeGreaterThan(1);
    }

    @Test
    void splitsADenseContainerTableIntoPartsWhosePromptAndEstimatedAnswerEachFit() {
        String text = manifest(new Random(5), 40);
        AnswerLengthEstimate estimate = AnswerLengthEstimate.calibrated();
        List<String> parts = DocumentSplitter.forContext(encoder, 2048, estimate, 1792).split(text);

        // the text alone would fit the context whole; its answer would not
        assertThat(tokens(PromptText.normalise(text)) + PromptEncoder.FRAME_TOKENS).isLessThan(2048);
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(part -> assertThat(tokens(part) + PromptEncoder.FRAME_TOKENS + estimate.estimate(part))
                .isLessThanOrEqualTo(2048));
        assertThat(parts.stream().mapToInt(AnswerLengthEstimate::containersIn).sum())
                .isEqualTo(AnswerLengthEstimate.containersIn(text));
    }

    private int tokens(String text) {
        return encoder.encode(text).length;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(Arrays.asList(text.split("\n")));
        out.removeIf(String::isBlank);
        return out;
    }

    private static String manifest(Random random, int containers) {
        StringBuilder text = new StringBuilder("CARGO MANIFEST\nVessel: MAERSK ESSEN   Voyage 412E\n\n");
        for (int i = 0; i < containers; i++) {
            text.append(String.format("MSKU%07d  %d CARTONS  %d.%d KG%n", random.nextInt(10_000_000),
                    1 + random.nextInt(900), random.nextInt(30_000), random.nextInt(10)));
            if (i % 7 == 6) {
                text.append("\n");
            }
        }
        return text.append("\nTOTAL ").append(containers).append(" CONTAINERS").toString();
    }
}
