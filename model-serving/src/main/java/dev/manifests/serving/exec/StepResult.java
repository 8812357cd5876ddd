package dev.manifests.serving.exec;

/**
 * The output of one step: per output row {@code candidates} tokens, best first, with their log-probabilities (row
 * {@code r}'s candidate {@code c} at index {@code r * candidates + c}; a log-probability of -infinity marks a place
 * the mask left empty), and the step's device time.
 */
public record StepResult(int[] nextTokens, float[] logProbs, double deviceMillis, int candidates) {

    /** The result of a step that returned the arg-max token of each row. */
    public StepResult(int[] nextTokens, float[] logProbs, double deviceMillis) {
        this(nextTokens, logProbs, deviceMillis, 1);
    }

    public StepResult {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
        }
        if (nextTokens.length != logProbs.length || nextTokens.length % candidates != 0) {
            throw new IllegalArgumentException(nextTokens.length + " tokens and " + logProbs.length
                    + " log-probabilities do not make rows of " + candidates + " candidates");
        }
    }

    /** Output rows of the step. */
    public int rows() {
        return nextTokens.length / candidates;
    }
}
