package dev.manifests.serving.decode;

import dev.manifests.serving.pack.PromptText;

/**
 * Builds the prompt of STEP_CONTRACT.md: {@code <|bos|><|doc|>} + the normalised document text + {@code <|json|>}.
 * The answer follows the last prompt token.
 */
public final class PromptEncoder {

    /** Tokens the prompt adds around the document text. */
    public static final int FRAME_TOKENS = 3;

    private final TextEncoder encoder;
    private final Vocabulary vocabulary;

    public PromptEncoder(TextEncoder encoder, Vocabulary vocabulary) {
        this.encoder = encoder;
        this.vocabulary = vocabulary;
    }

    /** Prompt ids for a document's text as extracted; the text is normalised here. */
    public int[] encode(String documentText) {
        return encodeNormalised(PromptText.normalise(documentText));
    }

    /** Prompt ids for text that already went through {@link PromptText#normalise}. */
    public int[] encodeNormalised(String normalisedText) {
        int[] text = encoder.encode(normalisedText);
        int[] ids = new int[text.length + FRAME_TOKENS];
        ids[0] = vocabulary.bos();
        ids[1] = vocabulary.doc();
        System.arraycopy(text, 0, ids, 2, text.length);
        ids[ids.length - 1] = vocabulary.json();
        return ids;
    }
}
