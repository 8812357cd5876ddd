package dev.manifests.serving.decode;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The document text of one prompt reduced to what a copied value must match: letters and digits only, ASCII letters
 * in lower case, non-ASCII characters as their UTF-8 bytes. A value "Hapag-Lloyd AG" printed as "HAPAG LLOYD AG"
 * is a copy; "Hapag Lloid" is not.
 */
final class PrintedText {

    private final byte[] text;

    private PrintedText(byte[] text) {
        this.text = text;
    }

    /** The printed text of a prompt: the bytes of its non-special tokens, reduced. */
    static PrintedText of(int[] promptIds, Vocabulary vocabulary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(promptIds.length * 3);
        for (int id : promptIds) {
            if (!vocabulary.isSpecial(id)) {
                byte[] bytes = reduce(vocabulary.bytes(id));
                out.write(bytes, 0, bytes.length);
            }
        }
        return new PrintedText(out.toByteArray());
    }

    static PrintedText of(String text) {
        return new PrintedText(reduce(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A value copied from nowhere yet: it may start anywhere in the text. */
    Copy start() {
        return new Copy();
    }

    /** Keeps letters and digits, lower-cases ASCII letters, and keeps every byte of a non-ASCII character. */
    static byte[] reduce(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (byte b : bytes) {
            if (b < 0) {
                out[n++] = b;
            } else if (b >= 'A' && b <= 'Z') {
                out[n++] = (byte) (b + ('a' - 'A'));
            } else if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
                out[n++] = b;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * One value being copied: where in the text the value so far ends, for every place it occurs. It starts as
     * "anywhere" and narrows with each piece added.
     */
    final class Copy {

        /** Ends of the value's occurrences in the text; null while the value is empty (it occurs everywhere). */
        private int[] ends;
        private int count;

        /** Whether the value, extended by {@code piece} (already reduced), still occurs in the text. */
        boolean allows(byte[] piece) {
            if (piece.length == 0) {
                return true;
            }
            if (ends == null) {
                return indexOf(piece, 0) >= 0;
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
                for (int at = indexOf(piece, 0); at >= 0; at = indexOf(piece, at + 1)) {
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

    private int indexOf(byte[] piece, int from) {
        for (int at = from; at + piece.length <= text.length; at++) {
            if (matchesAt(piece, at)) {
                return at;
            }
        }
        return -1;
    }
}
