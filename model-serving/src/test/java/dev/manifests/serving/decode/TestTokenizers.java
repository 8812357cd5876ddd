package dev.manifests.serving.decode;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the decoding tests find tokenizers: the small byte-level BPE under test resources, and the model's own. */
final class TestTokenizers {

    /** The model package tokenizers, bundled model first; relative to the model-serving module. */
    static final List<Path> MODEL_TOKENIZERS = List.of(
            Path.of("models", "manifest-mini", "tokenizer.json"),
            Path.of("models", "dev", "manifest-mini-dev", "tokenizer.json"));

    private TestTokenizers() {
    }

    /**
     * A small tokenizer with the pre-tokenizer of STEP_CONTRACT.md: the 256 byte tokens, the five special tokens, a
     * few merges (keys, enum symbols, {@code null}) and tokens string content must refuse (control bytes, a
     * backslash escape, a quote pair).
     */
    static Path small() {
        URL url = TestTokenizers.class.getResource("/decode/tokenizer.json");
        if (url == null) {
            throw new IllegalStateException("test resource /decode/tokenizer.json is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource location " + url, e);
        }
    }

    /** The tokenizer of the bundled model package; fails naming the places looked at when there is none. */
    static Path model() {
        for (Path candidate : MODEL_TOKENIZERS) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no model tokenizer found at " + MODEL_TOKENIZERS + " (relative to "
                + Path.of("").toAbsolutePath() + "): the model package belongs in model-serving/models/");
    }
}
