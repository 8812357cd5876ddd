package dev.manifests.serving.decode;

/**
 * What one sequence contributes to a step: {@code tokens} to append starting at {@code startPosition}, and for each
 * wanted prediction the index into {@code tokens} after which it is wanted and the mask it is chosen under;
 * {@code candidates} is how many of the most likely allowed tokens each prediction should offer (1: the arg-max).
 */
public record StepRequest(int startPosition, int[] tokens, int[] outputIndexes, int[] maskIds, int candidates) {

    /** A request for the arg-max prediction of each row. */
    public StepRequest(int startPosition, int[] tokens, int[] outputIndexes, int[] maskIds) {
        this(startPosition, tokens, outputIndexes, maskIds, 1);
    }

    public StepRequest {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
        }
    }
}
