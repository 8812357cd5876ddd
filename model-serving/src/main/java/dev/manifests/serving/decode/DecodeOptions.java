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
 */
public record DecodeOptions(boolean jumpForward, boolean speculation, int draftTokens, int maxStringTokens,
                            int maxArrayItems, int prefillChunkTokens) {

    public static final int DEFAULT_DRAFT_TOKENS = 8;
    public static final int DEFAULT_MAX_STRING_TOKENS = 96;
    public static final int DEFAULT_MAX_ARRAY_ITEMS = 128;
    public static final int DEFAULT_PREFILL_CHUNK_TOKENS = 128;

    public DecodeOptions {
        if (draftTokens < 0) {
            throw new IllegalArgumentException("draftTokens must be >= 0, was " + draftTokens);
        }
        if (maxStringTokens < 1 || maxArrayItems < 1 || prefillChunkTokens < 1) {
            throw new IllegalArgumentException("maxStringTokens, maxArrayItems and prefillChunkTokens must be >= 1");
        }
    }

    /** Jump-forward and speculation on, with the default limits. */
    public static DecodeOptions defaults() {
        return new DecodeOptions(true, true, DEFAULT_DRAFT_TOKENS, DEFAULT_MAX_STRING_TOKENS, DEFAULT_MAX_ARRAY_ITEMS,
                DEFAULT_PREFILL_CHUNK_TOKENS);
    }

    /** Every answer token in its own step: the baseline. */
    public static DecodeOptions naive() {
        return defaults().withJumpForward(false).withSpeculation(false);
    }

    public DecodeOptions withJumpForward(boolean on) {
        return new DecodeOptions(on, speculation, draftTokens, maxStringTokens, maxArrayItems, prefillChunkTokens);
    }

    public DecodeOptions withSpeculation(boolean on) {
        return new DecodeOptions(jumpForward, on, draftTokens, maxStringTokens, maxArrayItems, prefillChunkTokens);
    }

    public DecodeOptions withDraftTokens(int tokens) {
        return new DecodeOptions(jumpForward, speculation, tokens, maxStringTokens, maxArrayItems, prefillChunkTokens);
    }

    public DecodeOptions withMaxStringTokens(int tokens) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, tokens, maxArrayItems, prefillChunkTokens);
    }

    public DecodeOptions withMaxArrayItems(int items) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, maxStringTokens, items, prefillChunkTokens);
    }

    public DecodeOptions withPrefillChunkTokens(int tokens) {
        return new DecodeOptions(jumpForward, speculation, draftTokens, maxStringTokens, maxArrayItems, tokens);
    }
}
