package dev.manifests.serving.decode;

/**
 * What one sequence contributes to a step: {@code tokens} to append starting at {@code startPosition}, and for each
 * wanted prediction the index into {@code tokens} after which it is wanted and the mask it is chosen under.
 */
public record StepRequest(int startPosition, int[] tokens, int[] outputIndexes, int[] maskIds) {
}
