package dev.manifests.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manifests.job.RepositoryFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The committed documents that must fail at the parse step fail there with the reason their README names. */
class CommittedFailingDocumentsTest {

    private static final Path FAILING = RepositoryFolders.failingSamples();

    // local mode and the tests run with a 1 MiB byte limit, as the folder's README says
    private static final DocumentParser PARSER =
            new DocumentParser(ParseOptions.defaults().withMaxBytes(1024 * 1024));

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    @Test
    void truncatedPdfFailsAsCorrupt() throws IOException {
        assertThat(reason("truncated.pdf")).startsWith("corrupt or unreadable application/pdf: ");
    }

    @Test
    void encryptedPdfFailsForWantOfPassword() throws IOException {
        assertThat(reason("encrypted.pdf")).isEqualTo("encrypted PDF: a password is required");
    }

    @Test
    void emptyPdfFailsAsZeroBytes() throws IOException {
        assertThat(reason("empty.pdf")).isEqualTo("zero-byte document");
    }

    @Test
    void oversizedPdfFailsBeforeParsing() throws IOException {
        assertThat(reason("oversized.pdf")).isEqualTo("document is 1.4 MiB, over the 1 MiB limit");
    }

    @Test
    void recipeParsesSinceItsTextIsFine() throws IOException {
        byte[] bytes = Files.readAllBytes(FAILING.resolve("recipe.txt"));

        assertThat(PARSER.parse(bytes, "recipe.txt", null)).isInstanceOf(ParseOutcome.Parsed.class);
    }

    private static String reason(String file) throws IOException {
        ParseOutcome outcome = PARSER.parse(Files.readAllBytes(FAILING.resolve(file)), file, null);
        assertThat(outcome).isInstanceOf(ParseOutcome.Failed.class);
        return ((ParseOutcome.Failed) outcome).reason();
    }
}
