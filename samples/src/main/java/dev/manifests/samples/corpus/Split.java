package dev.manifests.samples.corpus;

import java.util.Locale;

/** The three parts of the corpus: train for fitting, validation for choosing, test for the figures we report. */
public enum Split {
    TRAIN,
    VALIDATION,
    TEST;

    /** The name used on the command line, in file names and in {@code corpus.jsonl}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split fromId(String id) {
        for (Split split : values()) {
            if (split.id().equalsIgnoreCase(id.trim())) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + id + "' (expected train, validation or test)");
    }
}
