package dev.manifests.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manifests.job.RepositoryFolders;
import dev.manifests.job.corpus.LabelledDocument;
import dev.manifests.job.corpus.LabelledFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every committed sample with a text layer parses, and its text carries the B/L number its label states. */
class CommittedSamplesTest {

    private static final Path SAMPLES = RepositoryFolders.samples();
    private static final DocumentParser PARSER = new DocumentParser(ParseOptions.defaults());

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    @Test
    void extractsBillOfLadingNumberFromEveryDocumentWithTextLayer() throws IOException {
        // scans need OCR, seconds each; DocumentParserTest covers OCR on its own
        List<LabelledDocument> documents = LabelledFolder.read(SAMPLES, "samples").stream()
                .filter(d -> !d.filename().matches(".*-(scanned-pdf|png|tiff)\\.[a-z]+"))
                .toList();
        assertThat(documents).hasSizeGreaterThan(20);
        for (LabelledDocument document : documents) {
            ParseOutcome outcome = PARSER.parse(document.bytes(), document.filename(), null);

            assertThat(outcome).as(document.filename()).isInstanceOf(ParseOutcome.Parsed.class);
            assertThat(compact(((ParseOutcome.Parsed) outcome).text())).as(document.filename())
                    .contains(compact(document.truth().getBillOfLadingNumber()));
        }
    }

    /** Layouts print references with spaces or dashes; compare letters and digits only. */
    private static String compact(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
