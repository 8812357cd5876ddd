package dev.manifests.serving.exec;

/** The output of one step: per output row the chosen token, its log-probability, and the step's device time. */
public record StepResult(int[] nextTokens, float[] logProbs, double deviceMillis) {
}
