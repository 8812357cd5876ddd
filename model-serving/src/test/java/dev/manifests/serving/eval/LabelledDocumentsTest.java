package dev.manifests.serving.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledDocumentsTest {

    private static final String LINES = """
            {"id":"a","layout":"house-bl","format":"PDF","heldOutLayout":true,"heldOutValues":false,"text":"B/L 1","target":"{\\"documentType\\":\\"BILL_OF_LADING\\"}"}
            {"id":"b","layout":null,"format":"TXT","heldOutLayout":false,"heldOutValues":true,"text":"B/L 2","target":{"documentType":"CARGO_MANIFEST"}}
            {"id":"c","layout":"x","format":"TXT","heldOutLayout":false,"heldOutValues":false,"text":"B/L 3","target":"{}"}
            """;

    @TempDir
    Path folder;

    @Test
    void readsGzippedLinesUpToTheLimit() throws IOException {
        Path file = folder.resolve("split.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(LINES.getBytes(StandardCharsets.UTF_8));
        }
        List<LabelledDocument> documents = LabelledDocuments.read(file, 2);
        assertThat(documents).extracting(LabelledDocument::id).containsExactly("a", "b");
        assertThat(documents.get(0).heldOutLayout()).isTrue();
        assertThat(documents.get(1).layout()).isEmpty();
        assertThat(documents.get(1).heldOutValues()).isTrue();
        // an embedded object target is kept as its compact JSON text
        assertThat(documents.get(1).target()).isEqualTo("{\"documentType\":\"CARGO_MANIFEST\"}");
    }

    @Test
    void namesTheLineThatIsBroken() throws IOException {
        Path file = folder.resolve("split.jsonl");
        Files.writeString(file, LINES + "{\"id\":\"d\",\"text\":\"x\"}\n");
        assertThatThrownBy(() -> LabelledDocuments.read(file, 0)).hasMessageContaining("line 4: target is missing");
    }
}
