package dev.manifests.serving.exec;

/**
 * The input of one step: {@code tokens} is the concatenation of one run per sequence ({@code seqLens[b]} tokens
 * written to KV slot {@code slots[b]}), {@code positions} gives each token's position in its sequence, and for each
 * output row {@code r} the next token is wanted after token {@code outRows[r]}, chosen under mask {@code maskIds[r]}.
 * With {@code candidates} above 1 each row returns that many of the most likely allowed tokens, best first, instead
 * of the arg-max alone (the contract's {@code step_top}).
 */
public record StepBatch(int[] tokens, int[] positions, int[] seqLens, int[] slots, int[] outRows, int[] maskIds,
                        int candidates) {

    /** A step that wants the arg-max token of each row. */
    public StepBatch(int[] tokens, int[] positions, int[] seqLens, int[] slots, int[] outRows, int[] maskIds) {
        this(tokens, positions, seqLens, slots, outRows, maskIds, 1);
    }

    public StepBatch {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
        }
        if (tokens.length != positions.length) {
            throw new IllegalArgumentException("tokens and positions differ in length: " + tokens.length + " vs " + positions.length);
        }
        if (seqLens.length != slots.length) {
            throw new IllegalArgumentException("seqLens and slots differ in length: " + seqLens.length + " vs " + slots.length);
        }
        if (outRows.length != maskIds.length) {
            throw new IllegalArgumentException("outRows and maskIds differ in length: " + outRows.length + " vs " + maskIds.length);
        }
    }

    public int tokenCount() {
        return tokens.length;
    }

    public int sequenceCount() {
        return slots.length;
    }
}
