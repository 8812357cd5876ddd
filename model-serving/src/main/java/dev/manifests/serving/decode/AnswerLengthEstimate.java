package dev.manifests.serving.decode;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * An upper bound of the answer tokens (canonical JSON and the eos) the model writes for a piece of normalised
 * document text: a fixed part for the header fields and totals, and a part for each distinct container number the
 * text prints. The splitter reserves this much of the context for a part's answer, so a dense container table gets
 * smaller parts and a short document is read whole.
 *
 * @param headerTokens       answer tokens of a document with no container
 * @param tokensPerContainer answer tokens added by each distinct container number in the text
 */
public record AnswerLengthEstimate(int headerTokens, int tokensPerContainer) {

    /**
     * Measured on train.jsonl.gz (12,000 exported documents) with the bundled manifest-mini tokenizer: answer tokens
     * are the tokens of the target JSON plus the eos (digits are a token each, so a container costs about 120). For
     * each per-container value from 100 to 160 the header is the 99.5th percentile of (answer - perContainer x
     * containers in the text); 128 with a header of 547 had the least mean slack (176 tokens) and covers 99.5 % of
     * the documents. Rerun AnswerEstimateCalibration (test scope) after retraining or changing the answer format.
     */
    static final int CALIBRATED_HEADER_TOKENS = 547;
    static final int CALIBRATED_TOKENS_PER_CONTAINER = 128;

    public AnswerLengthEstimate {
        if (headerTokens < 1 || tokensPerContainer < 0) {
            throw new IllegalArgumentException("headerTokens must be positive and tokensPerContainer not negative, were "
                    + headerTokens + " and " + tokensPerContainer);
        }
    }

    /** The constants calibrated for the bundled model's answers. */
    public static AnswerLengthEstimate calibrated() {
        return new AnswerLengthEstimate(CALIBRATED_HEADER_TOKENS, CALIBRATED_TOKENS_PER_CONTAINER);
    }

    /** The answer-token bound for normalised text. */
    public int estimate(String normalisedText) {
        return estimate(containersIn(normalisedText));
    }

    /** The answer-token bound for a text printing {@code containers} distinct container numbers. */
    public int estimate(int containers) {
        return headerTokens + tokensPerContainer * containers;
    }

    /** Distinct container numbers the text prints, spaces and dashes inside a number ignored. */
    public static int containersIn(String text) {
        Set<String> numbers = new HashSet<>();
        Matcher matcher = DocumentSplitter.CONTAINER_NUMBER.matcher(text);
        while (matcher.find()) {
            numbers.add(matcher.group().replaceAll("[ -]", ""));
        }
        return numbers.size();
    }
}
