package dev.manifests.serving.decode;

import dev.manifests.serving.pack.PromptText;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Decides whether a document is read whole or in parts, and cuts the parts. A piece of text costs its tokens plus the
 * answer room it needs beyond the fixed room every prompt leaves (with {@link #forContext}: the
 * {@link AnswerLengthEstimate} of its containers), so a document is read whole when its prompt and estimated answer
 * fit the context, and a dense container table gets smaller parts. Cuts fall on page breaks ({@code \f}) when the text
 * has them, else before container rows (a line that holds a container number, or the bare row number above one), so a
 * row's values stay with its number, else on blank lines, else between lines; a line is cut (between words, or
 * characters as a last resort) only when it alone is too long. No text is lost: the parts' lines are the document's
 * lines in order. Parts come back normalised ({@link PromptText}). With a heading budget, every part after the first
 * starts with the document's heading (its first lines) and the column heading of its container table, so a part reads
 * like the documents the model learnt from: who issued it, and what each column of a container row means.
 */
public final class DocumentSplitter {

    private static final String PAGE_BREAK = "\f";
    private static final String BLANK_LINE = "\n\n";
    private static final String LINE = "\n";
    /** An ISO 6346 container number as documents print it: owner code, serial, check digit, perhaps spaced. */
    static final Pattern CONTAINER_NUMBER = Pattern.compile("\\b[A-Z]{3}[UJZ][ -]?\\d{6}[ -]?\\d\\b");
    /** A line that holds nothing but a row's number, as tables print it above or before a container number. */
    private static final Pattern ROW_NUMBER = Pattern.compile("\\d{1,3}\\.?");
    /** Lines above the first container row taken as the table's column heading. */
    private static final int COLUMN_HEADING_LINES = 2;

    /** Tokens of a piece of text plus the answer room it needs beyond the fixed room: what a part's budget bounds. */
    private final ToIntFunction<String> cost;
    private final int maxTextTokens;
    private final int headingTokens;

    /**
     * @param tokenCount    tokens of a piece of normalised text, as the model's tokenizer counts them
     * @param maxTextTokens the most document-text tokens one part's prompt may hold
     */
    public DocumentSplitter(ToIntFunction<String> tokenCount, int maxTextTokens) {
        this(tokenCount, maxTextTokens, 0);
    }

    /**
     * @param headingTokens the most tokens of heading repeated at the top of every part after the first; 0 for none
     */
    public DocumentSplitter(ToIntFunction<String> tokenCount, int maxTextTokens, int headingTokens) {
        this(tokenCount, text -> 0, maxTextTokens, headingTokens);
    }

    /**
     * @param answerCost    the answer tokens a piece of text needs beyond the room {@code maxTextTokens} already
     *                      leaves; a part's text tokens plus its answer cost never exceed {@code maxTextTokens}
     */
    public DocumentSplitter(ToIntFunction<String> tokenCount, ToIntFunction<String> answerCost, int maxTextTokens,
            int headingTokens) {
        if (maxTextTokens < 1) {
            throw new IllegalArgumentException("maxTextTokens must be >= 1, was " + maxTextTokens);
        }
        if (headingTokens < 0 || headingTokens > maxTextTokens / 2) {
            throw new IllegalArgumentException("headingTokens must be between 0 and half of maxTextTokens, was " + headingTokens);
        }
        this.cost = text -> tokenCount.applyAsInt(text) + answerCost.applyAsInt(text);
        this.maxTextTokens = maxTextTokens;
        this.headingTokens = headingTokens;
    }

    /** A splitter whose parts' prompts (text and frame tokens) leave {@code answerBudgetTokens} of the context free. */
    public static DocumentSplitter forContext(TextEncoder encoder, int maxContextTokens, int answerBudgetTokens) {
        int maxText = maxContextTokens - answerBudgetTokens - PromptEncoder.FRAME_TOKENS;
        if (maxText < 1) {
            throw new IllegalArgumentException("a context of " + maxContextTokens + " tokens leaves no room for text after an "
                    + "answer budget of " + answerBudgetTokens);
        }
        // a sixth of a part for the repeated heading: enough for a title, the references and a column heading
        return new DocumentSplitter(text -> encoder.encode(text).length, maxText, maxText / 6);
    }

    /**
     * The splitter the engine and the part export use: a document, and each part of one, is sized so that its
     * prompt plus its {@link AnswerLengthEstimate} fit {@code maxContextTokens}. The room reserved for one answer
     * is capped at {@code maxAnswerTokens}, so a part always keeps at least {@code maxContextTokens -
     * maxAnswerTokens - FRAME_TOKENS} text tokens (an answer longer still is closed early by the decoder).
     */
    public static DocumentSplitter forContext(TextEncoder encoder, int maxContextTokens, AnswerLengthEstimate estimate,
            int maxAnswerTokens) {
        int leastText = maxContextTokens - maxAnswerTokens - PromptEncoder.FRAME_TOKENS;
        if (leastText < 1) {
            throw new IllegalArgumentException("a context of " + maxContextTokens + " tokens leaves no room for text after an "
                    + "answer budget of " + maxAnswerTokens);
        }
        int fixed = Math.min(estimate.headerTokens(), maxAnswerTokens);
        int maxText = maxContextTokens - fixed - PromptEncoder.FRAME_TOKENS;
        // the heading budget of a part that holds the least text: a title, the references and a column heading
        return new DocumentSplitter(text -> encoder.encode(text).length,
                text -> Math.min(estimate.estimate(text), maxAnswerTokens) - fixed, maxText, leastText / 6);
    }

    /** The most text tokens one part's prompt may hold (a part with no container answer to write). */
    public int maxTextTokens() {
        return maxTextTokens;
    }

    /** Whether the normalised text is read whole: its tokens and its answer cost fit the budget. */
    public boolean fitsWhole(String normalisedText) {
        return cost.applyAsInt(normalisedText) <= maxTextTokens;
    }

    /** The parts of {@code text} (as extracted, page breaks included), normalised; one part when it all fits. */
    public List<String> split(String text) {
        String whole = PromptText.normalise(text);
        if (fitsWhole(whole)) {
            return List.of(whole);
        }
        String heading = headingTokens == 0 ? "" : heading(whole);
        if (heading.isEmpty()) {
            return splitBody(text, whole, maxTextTokens);
        }
        List<String> parts = new ArrayList<>(splitBody(text, whole, maxTextTokens - cost.applyAsInt(heading + LINE)));
        for (int i = 1; i < parts.size(); i++) {
            String headed = heading + LINE + parts.get(i);
            // tokens can merge across the join; a part the heading would push over budget goes without it
            if (cost.applyAsInt(headed) <= maxTextTokens) {
                parts.set(i, headed);
            }
        }
        return List.copyOf(parts);
    }

    /**
     * The document's first lines up to half the heading budget, then the column heading of its container table
     * (the lines above the first line that holds a container number) as far as the budget goes.
     */
    private String heading(String whole) {
        String[] lines = whole.split(LINE, -1);
        int firstRow = -1;
        for (int i = 0; i < lines.length && firstRow < 0; i++) {
            if (CONTAINER_NUMBER.matcher(lines[i]).find()) {
                firstRow = i;
            }
        }
        // the heading never takes container rows: a part repeats only what describes the rows it holds
        int headingEnd = firstRow < 0 ? lines.length : firstRow;
        List<String> kept = new ArrayList<>();
        int used = 0;
        int firstLines = 0;
        while (firstLines < headingEnd) {
            int tokens = cost.applyAsInt(lines[firstLines] + LINE);
            if (used + tokens > headingTokens / 2) {
                break;
            }
            kept.add(lines[firstLines]);
            used += tokens;
            firstLines++;
        }
        for (int i = Math.max(firstLines, firstRow - COLUMN_HEADING_LINES); i >= 0 && i < firstRow; i++) {
            int tokens = cost.applyAsInt(lines[i] + LINE);
            if (lines[i].isBlank() || used + tokens > headingTokens) {
                continue;
            }
            kept.add(lines[i]);
            used += tokens;
        }
        return String.join(LINE, kept).strip();
    }

    /** The parts of the document with {@code budget} tokens each. */
    private List<String> splitBody(String text, String whole, int budget) {
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
        pack(units, BLANK_LINE, 0, parts, budget);
        return parts;
    }

    /**
     * Packs units, joined by {@code separator}, greedily into parts; a unit too long on its own is split at the
     * next finer boundary (level 0: pages or the whole text, 1: container rows, 2: paragraphs, 3: lines, 4: words,
     * 5: characters).
     */
    private void pack(List<String> units, String separator, int level, List<String> parts, int budget) {
        List<String> current = new ArrayList<>();
        int estimate = 0;
        int separatorTokens = cost.applyAsInt(separator);
        for (String unit : units) {
            int tokens = cost.applyAsInt(unit);
            if (tokens > budget) {
                flush(current, separator, parts, budget);
                estimate = 0;
                splitFurther(unit, level, parts, budget);
                continue;
            }
            int added = tokens + (current.isEmpty() ? 0 : separatorTokens);
            if (estimate + added > budget) {
                flush(current, separator, parts, budget);
                estimate = 0;
                added = tokens;
            }
            current.add(unit);
            estimate += added;
        }
        flush(current, separator, parts, budget);
    }

    private void splitFurther(String unit, int level, List<String> parts, int budget) {
        switch (level) {
            case 0 -> pack(rows(unit), LINE, 1, parts, budget);
            case 1 -> pack(List.of(unit.split(BLANK_LINE, -1)), BLANK_LINE, 2, parts, budget);
            case 2 -> pack(List.of(unit.split(LINE, -1)), LINE, 3, parts, budget);
            case 3 -> pack(List.of(unit.split(" ", -1)), " ", 4, parts, budget);
            default -> cutCharacters(unit, parts, budget);
        }
    }

    /**
     * The text cut before each container row: at each line that holds a container number, or at the line above it
     * when that line is a bare row number. Joined with line breaks the pieces give the text back; a blank line
     * before a row ends the piece before it.
     */
    private static List<String> rows(String text) {
        List<String> lines = List.of(text.split(LINE, -1));
        List<String> rows = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (!CONTAINER_NUMBER.matcher(lines.get(i)).find()) {
                continue;
            }
            int cut = i - 1 > start && ROW_NUMBER.matcher(lines.get(i - 1).strip()).matches() ? i - 1 : i;
            if (cut > start) {
                rows.add(String.join(LINE, lines.subList(start, cut)));
                start = cut;
            }
        }
        rows.add(String.join(LINE, lines.subList(start, lines.size())));
        return rows;
    }

    /** Emits the units joined as parts, moving trailing units on when the exact count is over the estimate. */
    private void flush(List<String> units, String separator, List<String> parts, int budget) {
        while (!units.isEmpty()) {
            int end = units.size();
            String part = String.join(separator, units.subList(0, end));
            while (end > 1 && cost.applyAsInt(part) > budget) {
                end--;
                part = String.join(separator, units.subList(0, end));
            }
            // a part cut before a row leaves the blank line above that row at its end
            part = stripLineBreaks(part);
            if (!part.isEmpty()) {
                parts.add(part);
            }
            units.subList(0, end).clear();
        }
    }

    private static String stripLineBreaks(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == '\n') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == '\n') {
            to--;
        }
        return text.substring(from, to);
    }

    /** A word longer than a part: the longest prefixes that fit, found by bisection. */
    private void cutCharacters(String word, List<String> parts, int budget) {
        int from = 0;
        while (from < word.length()) {
            int low = from + 1;
            int high = word.length();
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (cost.applyAsInt(word.substring(from, middle)) <= budget) {
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
