package dev.manifests.serving.eval;

import dev.manifests.schema.json.FieldOutcome;

/**
 * Counts field outcomes into precision, recall and accuracy, and sorts the errors by kind: a wrong value (both
 * sides have one and they differ), a missing one (expected, not extracted) and a spurious one (extracted, not
 * expected). Accuracy is over the fields that have a value on at least one side.
 */
public final class AccuracyTally {

    private long predicted;
    private long relevant;
    private long truePositives;
    private long scored;
    private long correct;
    private long wrongValue;
    private long missing;
    private long spurious;

    public void add(FieldOutcome outcome) {
        if (outcome.predicted()) {
            predicted++;
        }
        if (outcome.relevant()) {
            relevant++;
        }
        if (outcome.truePositive()) {
            truePositives++;
        }
        if (!outcome.predicted() && !outcome.relevant()) {
            return;
        }
        scored++;
        if (outcome.correct()) {
            correct++;
        } else if (outcome.predicted() && outcome.relevant()) {
            wrongValue++;
        } else if (outcome.relevant()) {
            missing++;
        } else {
            spurious++;
        }
    }

    public double precision() {
        return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    public double recall() {
        return relevant == 0 ? 1.0 : (double) truePositives / relevant;
    }

    public double accuracy() {
        return scored == 0 ? 1.0 : (double) correct / scored;
    }

    public long scored() {
        return scored;
    }

    public long wrongValue() {
        return wrongValue;
    }

    public long missing() {
        return missing;
    }

    public long spurious() {
        return spurious;
    }
}
