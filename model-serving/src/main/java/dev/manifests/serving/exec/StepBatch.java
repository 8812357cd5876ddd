package dev.manifests.serving.exec;

/**
 * The input of one step: {@code tokens} is the concatenation of one run per sequence ({@code seqLens[b]} tokens
 * written to KV slot {@code slots[b]}), {@code positions} gives each token's position in its sequence, and for each
 * output row {@code r} the next token is wanted after token {@code outRows[r]}, chosen under mask {@code maskIds[r]}.
 */
public record StepBatch(int[] tokens, int[] positions, int[] seqLens, int[] slots, int[] outRows, int[] maskIds) {

    public StepBatch {
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
