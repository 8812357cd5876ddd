package dev.manifests.serving.pack;

/**
 * Normalises a document's extracted text before it is put in a prompt. Training and inference both go through
 * here, so the model reads exactly the text it was trained on: line endings unified, tabs and non-breaking spaces
 * made spaces, trailing spaces dropped, runs of spaces inside a line capped at {@link #MAX_SPACE_RUN} (alignment
 * survives, padding does not cost tokens), runs of blank lines collapsed to one, control characters removed.
 */
public final class PromptText {

    /** The longest run of spaces kept inside a line: enough to tell columns apart. */
    public static final int MAX_SPACE_RUN = 3;

    private PromptText() {
    }

    public static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        boolean previousBlank = true;
        for (String raw : lines) {
            String line = normaliseLine(raw);
            boolean blank = line.isEmpty();
            if (blank && previousBlank) {
                continue;
            }
            out.append(line).append('\n');
            previousBlank = blank;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    private static String normaliseLine(String raw) {
        StringBuilder line = new StringBuilder(raw.length());
        int spaces = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\t' || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\f' || c == '\u000B') {
                c = ' ';
            }
            if (c == ' ') {
                if (line.length() > 0 && spaces < MAX_SPACE_RUN) {
                    line.append(' ');
                }
                spaces++;
                continue;
            }
            if (Character.isISOControl(c) || c == '\uFEFF' || c == '\u200B') {
                continue;
            }
            spaces = 0;
            line.append(c);
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        line.setLength(end);
        return line.toString();
    }
}
