package dev.manifests.serving.decode;

/**
 * How answers are decoded. With {@code jumpForward} and {@code speculation} both off every answer token takes a
 * step of its own: the naive baseline that the benchmark compares against.
 *
 * @param jumpForward        feed forced structure (keys, quotes, commas, braces) as one chunk instead of a token a step
 * @param speculation        propose continuations of string values from the prompt and verify them in one step
 * @param draftTokens        most draft tokens proposed per step
 * @param maxStringTokens    most tokens in one string value unless the schema field sets {@value JsonPlan#MAX_TOKENS}
 * @param maxArrayItems      most elements in one array unless the schema field sets {@value JsonPlan#MAX_ITEMS}
 * @param prefillChunkTokens most tokens one sequence feeds in one step (bounds a step's latency during prefill); the
 *                           default 128 is where prefill runs fastest per token on a CPU, since a chunk's attention
 *                           scores grow with the chunk times the context
 * @param copyCandidates     in a verbatim string value (schema property {@value JsonPlan#VERBATIM}), how many of the
 *                           model's most likely tokens are considered for one that keeps the value a copy of the
 *                           document text; 1 turns copying off (plain greedy). When none of them copies, the model's
 *                           own choice stands and the value is no longer held to the text, except inside a printed
 *                           word that goes on the same way wherever the value occurs: its rest is forced as printed
 * @param copyMarginNats     how much less likely than the model's own choice (in nats of log-probability) a copying
 *                           token may be and still replace it; a copying token further down lets the value go free.
 *                           Where the value stops inside a printed word the margin does not apply: any candidate that
 *                           goes on with the word is taken
 */
public record DecodeOptions(boolean jumpForward, boolean speculation, int draftTokens, int maxStringTokens,
                            int maxArrayItems, int prefillChunkTokens, int copyCandidates, double copyMarginNats) {

    public static final int DEFAULT_DRAFT_TOKENS = 8;
    public static final int DEFAULT_MAX_STRING_TOKENS = 96;
    public static final int DEFAULT_MAX_ARRAY_ITEMS = 128;
    public static final int DEFAULT_PREFILL_CHUNK_TOKENS = 128;
    public static final int DEFAULT_COPY_CANDIDATES = 8;
    public static final double DEFAULT_COPY_MARGIN_NATS = 3.0;

    public DecodeOptions {
        if (draftTokens < 0) {
            throw new IllegalArgumentException("draftTokens must be >= 0, was " + draftTokens);
        }
        if (maxStringTokens < 1 || maxArrayItems < 1 || prefillChunkTokens < 1 || copyCandidates < 1) {
            throw new IllegalArgumentException("maxStringTokens, maxArrayItems, prefillChunkTokens and copyCandidates must be >= 1");
        }
        if (!(copyMarginNats >= 0)) {
            throw new IllegalArgumentException("copyMarginNats must be >= 0, was " + copyMarginNats);
        }
    }

    /** Jump-forward, speculation and copying on, with the default limits. */
    public static DecodeOptions defaults() {
        return new DecodeOptions(true, true, DEFAULT_DRAFT_TOKENS, DEFAULT_MAX_STRING_TOKENS, DEFAULT_MAX_ARRAY_ITEMS,
                DEFAULT_PREFILL_CHUNK_TOKENS, DEFAULT_COPY_CANDIDATES, DEFAULT_COPY_MARGIN_NATS);
    }

    /** Every answer token in its own step, the model's arg-max always: the baseline. */
    public static DecodeOptions naive() {
        return defaults().withJumpForward(false).withSpeculation(false).withCopyCandidates(1);
    }

    public DecodeOptions withJumpForward(boolean on) {
        return new DecodeOptions(on, speculation, draftTokens, maxStringTokens, maxArrayItems, prefillChunkTokens, copyCandidates, copyMarginNats);
    }

    public DecodeOptions withSpeculation(boolean on) {
        return new DecodeOptions(jumpForward, on, draftTokens, maxStringTokens, maxArrayItems, prefillChunkTokens, copyCandidates, copyMarginNats);
    }

    public DecodeOptions withDraftTokens(int tokens) {
        return new DecodeOptions(jumpForward, speculation, tokens, maxStringTokens, maxArrayItems, prefillChunkTokens, copyCandidates, copyMarginNats);
    }

    public DecodeOptions withMaxStringTokens(int tokens) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, tokens, maxArrayItems, prefillChunkTokens, copyCandidates, copyMarginNats);
    }

    public DecodeOptions withMaxArrayItems(int items) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, maxStringTokens, items, prefillChunkTokens, copyCandidates, copyMarginNats);
    }

    public DecodeOptions withPrefillChunkTokens(int tokens) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, maxStringTokens, maxArrayItems, tokens, copyCandidates, copyMarginNats);
    }

    public DecodeOptions withCopyCandidates(int candidates) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, maxStringTokens, maxArrayItems, prefillChunkTokens,
                candidates, copyMarginNats);
    }

    public DecodeOptions withCopyMarginNats(double nats) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, maxStringTokens, maxArrayItems, prefillChunkTokens,
                copyCandidates, nats);
    }
}
