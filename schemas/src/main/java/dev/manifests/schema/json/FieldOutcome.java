package dev.manifests.schema.json;

/**
 * One field of an audited document: its path (for example {@code containers[1].grossWeightKg}), the expected and
 * the extracted value after normalisation (null when absent), and whether the two agree.
 */
public record FieldOutcome(String path, String expected, String extracted, boolean correct) {

    /** The field counts as predicted for precision: the extraction gave it a value. */
    public boolean predicted() {
        return extracted != null;
    }

    /** The field counts as relevant for recall: the document has a value for it. */
    public boolean relevant() {
        return expected != null;
    }

    /** A true positive: a value was both expected and extracted, and they agree. */
    public boolean truePositive() {
        return correct && predicted() && relevant();
    }
}
