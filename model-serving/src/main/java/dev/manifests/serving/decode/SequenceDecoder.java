package dev.manifests.serving.decode;

/**
 * The decoding state of one document's answer: it says which tokens to feed next (prompt, forced structure,
 * the last chosen token, speculative drafts) and takes the model's predictions back. The scheduler interleaves
 * many decoders in one step and knows nothing of JSON; the decoder knows nothing of slots or devices.
 */
public interface SequenceDecoder {

    /**
     * The tokens to append to this sequence in the next step, at most {@code maxTokens} (at least 1), and the rows
     * whose predictions are wanted. Returns null when the decoder needs no step (it is done).
     */
    StepRequest next(int maxTokens);

    /**
     * Takes the predictions for the rows of the last {@link #next} request, in order: chosen token ids and their
     * log-probabilities.
     */
    void accept(int[] tokens, float[] logProbs);

    /**
     * Takes the predictions as rows of {@code candidates} tokens each, best first (row {@code r}'s candidate {@code c}
     * at {@code r * candidates + c}), possibly more than the request asked for. A decoder that wants the arg-max only
     * takes each row's first.
     */
    default void accept(int[] tokens, float[] logProbs, int candidates) {
        if (candidates == 1) {
            accept(tokens, logProbs);
            return;
        }
        int rows = tokens.length / candidates;
        int[] best = new int[rows];
        float[] bestLogProbs = new float[rows];
        for (int r = 0; r < rows; r++) {
            best[r] = tokens[r * candidates];
            bestLogProbs[r] = logProbs[r * candidates];
        }
        accept(best, bestLogProbs);
    }

    /** True once the answer is complete. */
    boolean done();

    /** Number of tokens of this sequence that are in the KV cache (the next position to write). */
    int position();

    /** Number of prompt tokens; positions below it are prefill, the rest answer. */
    int promptLength();
}
