package dev.manifests.serving.decode;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns text into token ids with the package's own {@code tokenizer.json}, through DJL's Hugging Face tokenizers
 * (native, loaded from the file, nothing downloaded). Adds no special tokens and never truncates. Owns the native
 * tokenizer: close it when done.
 */
public final class TextEncoder implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private TextEncoder(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public static TextEncoder open(Path tokenizerJson) throws IOException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IOException("no tokenizer at " + tokenizerJson.toAbsolutePath());
        }
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
        return new TextEncoder(tokenizer);
    }

    /** The token ids of {@code text}, without special tokens. */
    public int[] encode(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
