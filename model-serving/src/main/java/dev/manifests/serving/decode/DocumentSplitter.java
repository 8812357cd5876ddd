package dev.manifests.serving.decode;

import dev.manifests.serving.pack.PromptText;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits a document whose prompt does not fit the model's context into parts that do, each with room left for
 * the answer. Cuts fall on page breaks ({@code \f}) when the text has them, else on blank lines, else between
 * lines; a line is cut (between words, or characters as a last resort) only when it alone is too long. No text is
 * lost: the parts' lines are the document's lines in order. Parts come back normalised ({@link PromptText}).
 */
public final class DocumentSplitter {

    private static final String PAGE_BREAK = "\f";
    private static final String BLANK_LINE = "\n\n";
    private static final String LINE = "\n";

    private final ToIntFunction<String> tokenCount;
    private final int maxTextTokens;

    /**
     * @param tokenCount    tokens of a piece of normalised text, as the model's tokenizer counts them
     * @param maxTextTokens the most document-text tokens one part's prompt may hold
     */
    public DocumentSplitter(ToIntFunction<String> tokenCount, int maxTextTokens) {
        if (maxTextTokens < 1) {
            throw new IllegalArgumentException("maxTextTokens must be >= 1, was " + maxTextTokens);
        }
        this.tokenCount = tokenCount;
        this.maxTextTokens = maxTextTokens;
    }

    /** A splitter whose parts' prompts (text and frame tokens) leave {@code answerBudgetTokens} of the context free. */
    public static DocumentSplitter forContext(TextEncoder encoder, int maxContextTokens, int answerBudgetTokens) {
        int maxText = maxContextTokens - answerBudgetTokens - PromptEncoder.FRAME_TOKENS;
        if (maxText < 1) {
            throw new IllegalArgumentException("a context of " + maxContextTokens + " tokens leaves no room for text after an "
                    + "answer budget of " + answerBudgetTokens);
        }
        return new DocumentSplitter(text -> encoder.encode(text).length, maxText);
    }

    public int maxTextTokens() {
        return maxTextTokens;
    }

    /** The parts of {@code text} (as extracted, page breaks included), normalised; one part when it all fits. */
    public List<String> split(String text) {
        String whole = PromptText.normalise(text);
        if (tokenCount.applyAsInt(whole) <= maxTextTokens) {
            return List.of(whole);
        }
        List<String> units = new ArrayList<>();
        if (text.contains(PAGE_BREAK)) {
            for (String page : text.split(PAGE_BREAK, -1)) {
                String normalised = PromptText.normalise(page);
                if (!normalised.isEmpty()) {
                    units.add(normalised);
                }
            }
        } else {
            units.add(whole);
        }
        List<String> parts = new ArrayList<>();
        pack(units, BLANK_LINE, 0, parts);
        return List.copyOf(parts);
    }

    /**
     * Packs units, joined by {@code separator}, greedily into parts; a unit too long on its own is split at the
     * next finer boundary (level 0: pages or the whole text, 1: paragraphs, 2: lines, 3: words, 4: characters).
     */
    private void pack(List<String> units, String separator, int level, List<String> parts) {
        List<String> current = new ArrayList<>();
        int estimate = 0;
        int separatorTokens = tokenCount.applyAsInt(separator);
        for (String unit : units) {
            int tokens = tokenCount.applyAsInt(unit);
            if (tokens > maxTextTokens) {
                flush(current, separator, parts);
                estimate = 0;
                splitFurther(unit, level, parts);
                continue;
            }
            int added = tokens + (current.isEmpty() ? 0 : separatorTokens);
            if (estimate + added > maxTextTokens) {
                flush(current, separator, parts);
                estimate = 0;
                added = tokens;
            }
            current.add(unit);
            estimate += added;
        }
        flush(current, separator, parts);
    }

    private void splitFurther(String unit, int level, List<String> parts) {
        switch (level) {
            case 0 -> pack(List.of(unit.split(BLANK_LINE, -1)), BLANK_LINE, 1, parts);
            case 1 -> pack(List.of(unit.split(LINE, -1)), LINE, 2, parts);
            case 2 -> pack(List.of(unit.split(" ", -1)), " ", 3, parts);
            default -> cutCharacters(unit, parts);
        }
    }

    /** Emits the units joined as parts, moving trailing units on when the exact count is over the estimate. */
    private void flush(List<String> units, String separator, List<String> parts) {
        while (!units.isEmpty()) {
            int end = units.size();
            String part = String.join(separator, units.subList(0, end));
            while (end > 1 && tokenCount.applyAsInt(part) > maxTextTokens) {
                end--;
                part = String.join(separator, units.subList(0, end));
            }
            if (!part.isEmpty()) {
                parts.add(part);
            }
            units.subList(0, end).clear();
        }
    }

    /** A word longer than a part: the longest prefixes that fit, found by bisection. */
    private void cutCharacters(String word, List<String> parts) {
        int from = 0;
        while (from < word.length()) {
            int low = from + 1;
            int high = word.length();
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (tokenCount.applyAsInt(word.substring(from, middle)) <= maxTextTokens) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            int end = Character.isHighSurrogate(word.charAt(low - 1)) && low < word.length() && low - 1 > from ? low - 1 : low;
            parts.add(word.substring(from, end));
            from = end;
        }
    }
}
