package dev.manifests.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manifests.job.corpus.GeneratedCorpus;
import dev.manifests.job.corpus.LabelledDocument;
import dev.manifests.samples.corpus.Split;
import dev.manifests.samples.render.DocumentFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Scans of the generated corpus whose container tables are ruled grids: Tesseract reads most of their container
 * numbers only once the rules are erased.
 */
class ScanOcrParserTest {

    /** The corpus's test split, as exported for the model's evaluation. */
    private static final GeneratedCorpus TEST_SPLIT =
            new GeneratedCorpus(Split.TEST, 20261124L, EnumSet.allOf(DocumentFormat.class), null);

    private static final DocumentParser ERASING = new DocumentParser(ParseOptions.defaults());
    private static final DocumentParser PLAIN = new DocumentParser(ParseOptions.defaults().withOcrEraseRuledLines(false));

    @AfterAll
    static void closeParsers() {
        ERASING.close();
        PLAIN.close();
    }

    @Test
    void readsTheRuledContainerTableOfAScannedTiff() {
        assertErasingReadsEveryContainerNumber(TEST_SPLIT.documentAt(62), "TIFF");
    }

    @Test
    void readsTheRuledContainerTableOfAnImageOnlyPdf() {
        assertErasingReadsEveryContainerNumber(TEST_SPLIT.documentAt(71), "PDF_SCANNED");
    }

    /** Every container number is in the text read with erasing; some are missing from the text read without. */
    private static void assertErasingReadsEveryContainerNumber(LabelledDocument scan, String format) {
        assertThat(scan.format()).isEqualTo(format);
        List<String> containers = containerNumbers(scan);

        assertThat(printed(containers, ERASING.parse(scan.bytes(), scan.filename(), null))).isEqualTo(containers);
        assertThat(printed(containers, PLAIN.parse(scan.bytes(), scan.filename(), null)))
                .hasSizeLessThan(containers.size());
    }

    private static List<String> containerNumbers(LabelledDocument document) {
        return document.truth().getContainers().stream().map(c -> c.getContainerNumber().toString()).toList();
    }

    /** The container numbers found in the text, printed with or without spaces and dashes. */
    private static List<String> printed(List<String> containers, ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        String text = ((ParseOutcome.Parsed) outcome).text().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return containers.stream().filter(text::contains).toList();
    }
}
