package dev.manifests.serving.decode;

import dev.manifests.schema.codes.OcrConfusions;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The document text of one prompt reduced to what a copied value must match: letters and digits only, ASCII letters
 * in lower case, non-ASCII characters as their UTF-8 bytes. A value "Hapag-Lloyd AG" printed as "HAPAG LLOYD AG"
 * is a copy; "Hapag Lloid" is not. The reduction keeps where the printed words start (a word is a run of letters
 * and digits, a non-ASCII character counting as a letter), so a copy starts at a word and is not cut inside one, and
 * the bytes as printed (case kept), so the rest of a word can be written as the document prints it.
 */
final class PrintedText {

    private final byte[] text;
    /** For each byte of {@link #text}, the byte as printed: {@code text} is this with ASCII letters lower-cased. */
    private final byte[] printed;
    /** For each byte of {@link #text}, whether a printed word starts there. */
    private final boolean[] wordStarts;
    /** {@link #text} with the letters OCR confuses with digits folded to them; made on first use. */
    private byte[] folded;

    private PrintedText(byte[] text, byte[] printed, boolean[] wordStarts) {
        this.text = text;
        this.printed = printed;
        this.wordStarts = wordStarts;
    }

    /** The printed text of a prompt: the bytes of its non-special tokens, reduced; a special token ends a word. */
    static PrintedText of(int[] promptIds, Vocabulary vocabulary) {
        Reduction reduction = new Reduction(promptIds.length * 3);
        for (int id : promptIds) {
            if (vocabulary.isSpecial(id)) {
                reduction.endWord();
            } else {
                reduction.add(vocabulary.bytes(id));
            }
        }
        return reduction.printed();
    }

    static PrintedText of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Reduction reduction = new Reduction(bytes.length);
        reduction.add(bytes);
        return reduction.printed();
    }

    /**
     * Whether a code is printed as words of their own: its letters and digits occur in the text starting where a
     * printed word starts and ending where one ends, up to the characters OCR confuses (O and 0, I, l and 1, S and 5,
     * B and 8, Z and 2, G and 6). A code with no letter or digit is not printed.
     */
    boolean printsCode(byte[] code) {
        byte[] wanted = reduce(code);
        if (wanted.length == 0) {
            return false;
        }
        byte[] folded = foldedText();
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = ocrFold(wanted[i]);
        }
        for (int at = 0; at + wanted.length <= folded.length; at++) {
            int end = at + wanted.length;
            if (wordStarts[at] && (end == folded.length || wordStarts[end])
                    && Arrays.equals(folded, at, end, wanted, 0, wanted.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How a name is printed when its letters and digits occur in the text as words of their own (case aside):
     * upper-cased when the document prints it in capitals, else as given; null when it is not printed.
     */
    String printedForm(String name) {
        byte[] wanted = reduce(name.getBytes(StandardCharsets.UTF_8));
        if (wanted.length == 0) {
            return null;
        }
        for (int at = 0; at + wanted.length <= text.length; at++) {
            int end = at + wanted.length;
            if (wordStarts[at] && (end == text.length || wordStarts[end])
                    && Arrays.equals(text, at, end, wanted, 0, wanted.length)) {
                return inCapitals(at, end) ? name.toUpperCase(Locale.ROOT) : name;
            }
        }
        return null;
    }

    /** Whether two values have the same letters and digits, case aside. */
    static boolean sameWords(String a, String b) {
        return Arrays.equals(reduce(a.getBytes(StandardCharsets.UTF_8)), reduce(b.getBytes(StandardCharsets.UTF_8)));
    }

    private boolean inCapitals(int from, int to) {
        boolean letters = false;
        for (int i = from; i < to; i++) {
            if (printed[i] >= 'a' && printed[i] <= 'z') {
                return false;
            }
            letters |= printed[i] >= 'A' && printed[i] <= 'Z';
        }
        return letters;
    }

    private byte[] foldedText() {
        if (folded == null) {
            folded = text.clone();
            for (int i = 0; i < folded.length; i++) {
                folded[i] = ocrFold(folded[i]);
            }
        }
        return folded;
    }

    /** A reduced byte as the digit OCR takes it for, if it is a letter OCR confuses with a digit. */
    private static byte ocrFold(byte b) {
        return b >= 0 ? (byte) OcrConfusions.digitFor((char) b) : b;
    }

    /** A value copied from nowhere yet: it may start at any printed word. */
    Copy start() {
        return new Copy();
    }

    /** Keeps letters and digits, lower-cases ASCII letters, and keeps every byte of a non-ASCII character. */
    static byte[] reduce(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (byte b : bytes) {
            if (inWord(b)) {
                out[n++] = lowerCase(b);
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Whether a byte belongs to a printed word: an ASCII letter or digit, or any byte of a non-ASCII character. */
    static boolean inWord(byte b) {
        return b < 0 || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
    }

    private static byte lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** Reduces text fed in pieces, keeping track of word starts across the pieces. */
    private static final class Reduction {
        private byte[] text;
        private byte[] printed;
        private boolean[] wordStarts;
        private int length;
        private boolean inWord;

        Reduction(int capacity) {
            text = new byte[Math.max(16, capacity)];
            printed = new byte[text.length];
            wordStarts = new boolean[text.length];
        }

        void add(byte[] bytes) {
            for (byte b : bytes) {
                if (!inWord(b)) {
                    inWord = false;
                    continue;
                }
                if (length == text.length) {
                    text = Arrays.copyOf(text, length * 2);
                    printed = Arrays.copyOf(printed, length * 2);
                    wordStarts = Arrays.copyOf(wordStarts, length * 2);
                }
                text[length] = lowerCase(b);
                printed[length] = b;
                wordStarts[length] = !inWord;
                length++;
                inWord = true;
            }
        }

        void endWord() {
            inWord = false;
        }

        PrintedText printed() {
            return new PrintedText(Arrays.copyOf(text, length), Arrays.copyOf(printed, length),
                    Arrays.copyOf(wordStarts, length));
        }
    }

    /**
     * One value being copied: where in the text the value so far ends, for every place it occurs. It starts as
     * "at any word" and narrows with each piece added.
     */
    final class Copy {

        /** Ends of the value's occurrences in the text; null while the value is empty (it may start at any word). */
        private int[] ends;
        private int count;

        /** Whether the value, extended by {@code piece} (already reduced), still occurs in the text. */
        boolean allows(byte[] piece) {
            if (piece.length == 0) {
                return true;
            }
            if (ends == null) {
                return nextWordMatch(piece, 0) >= 0;
            }
            for (int i = 0; i < count; i++) {
                if (matchesAt(piece, ends[i])) {
                    return true;
                }
            }
            return false;
        }

        /** Extends the value by {@code piece} (already reduced); it must be {@link #allows allowed}. */
        void extend(byte[] piece) {
            if (piece.length == 0) {
                return;
            }
            if (ends == null) {
                ends = new int[8];
                count = 0;
                for (int at = nextWordMatch(piece, 0); at >= 0; at = nextWordMatch(piece, at + 1)) {
                    add(at + piece.length);
                }
                return;
            }
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (matchesAt(piece, ends[i])) {
                    ends[kept++] = ends[i] + piece.length;
                }
            }
            count = kept;
        }

        /** Whether the value so far occurs in the text. */
        boolean holds() {
            return ends == null || count > 0;
        }

        /**
         * Whether the value so far stops inside a printed word wherever it occurs: the text goes on with a letter or
         * digit of the same word after every occurrence. False for an empty value.
         */
        boolean midWord() {
            if (ends == null || count == 0) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (ends[i] >= text.length || wordStarts[ends[i]]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The rest of the printed word the value stops inside, as printed, when it is the same (up to case) at every
         * occurrence where the value stops inside a word; null when it stops inside a word nowhere or the rests
         * differ. Occurrences where the value ends a word (a code printed on its own beside the name that starts
         * with it) do not count. Of rests printed in different cases ("SEABOARD ATLAS", "Seaboard Marine"), the one
         * after a printed byte equal to {@code last}, the value's last byte, is taken, or else the first.
         */
        byte[] restOfWord(byte last) {
            if (ends == null) {
                return null;
            }
            int from = -1;
            int to = -1;
            for (int i = 0; i < count; i++) {
                if (ends[i] >= text.length || wordStarts[ends[i]]) {
                    continue;
                }
                int end = wordEnd(ends[i]);
                if (from < 0) {
                    from = ends[i];
                    to = end;
                } else if (!Arrays.equals(text, from, to, text, ends[i], end)) {
                    return null;
                } else if (printed[from - 1] != last && printed[ends[i] - 1] == last) {
                    from = ends[i];
                    to = end;
                }
            }
            return from < 0 ? null : Arrays.copyOfRange(printed, from, to);
        }

        private void add(int end) {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count++] = end;
        }
    }

    private boolean matchesAt(byte[] piece, int from) {
        if (from + piece.length > text.length) {
            return false;
        }
        for (int i = 0; i < piece.length; i++) {
            if (text[from + i] != piece[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where the printed word with a byte at {@code at} ends: the next word's start, or the end of the text. */
    private int wordEnd(int at) {
        int end = at + 1;
        while (end < text.length && !wordStarts[end]) {
            end++;
        }
        return end;
    }

    /** Start of the first occurrence of {@code piece} at or after {@code from} that begins a printed word, or -1. */
    private int nextWordMatch(byte[] piece, int from) {
        for (int at = from; at + piece.length <= text.length; at++) {
            if (wordStarts[at] && matchesAt(piece, at)) {
                return at;
            }
        }
        return -1;
    }
}
