package dev.manifests.samples.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Projects pages onto a monospace character grid, the way a printout or a text export of the form looks. Every
 * piece of text stays contiguous: pieces that would overlap on a line are pushed right, and distinct baselines
 * always get distinct lines.
 */
public final class ProjectText {

    private static final float POINTS_PER_COLUMN = 4.4f;
    private static final float POINTS_PER_LINE = 10f;
    private static final int MAX_BLANK_LINES = 2;
    /** Pieces pushed together keep two spaces between them, so neighbouring values stay apart. */
    private static final int MIN_GAP = 2;

    private ProjectText() {
    }

    public static String project(RenderedDocument document) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < document.pages().size(); i++) {
            if (i > 0) {
                out.append("\n\n");
            }
            out.append(project(document.pages().get(i)));
        }
        return out.toString();
    }

    static String project(Page page) {
        CollectText collector = new CollectText();
        PaintPage.paint(page, collector);
        TreeMap<Integer, List<CollectText.Placed>> byBaseline = new TreeMap<>();
        for (CollectText.Placed placed : collector.placed()) {
            byBaseline.computeIfAbsent(Math.round(placed.baseline() * 2), k -> new ArrayList<>()).add(placed);
        }
        List<String> lines = new ArrayList<>();
        int lastRow = -1;
        for (var entry : byBaseline.entrySet()) {
            int row = Math.max(lastRow + 1, Math.round(entry.getKey() / 2f / POINTS_PER_LINE));
            while (lines.size() < row) {
                lines.add("");
            }
            lines.add(line(entry.getValue()));
            lastRow = row;
        }
        return squeezeBlankLines(lines);
    }

    private static String line(List<CollectText.Placed> pieces) {
        pieces.sort(Comparator.comparing(CollectText.Placed::x));
        StringBuilder line = new StringBuilder();
        for (CollectText.Placed piece : pieces) {
            int column = Math.round(piece.x() / POINTS_PER_COLUMN);
            int earliest = line.length() == 0 ? 0 : line.length() + MIN_GAP;
            column = Math.max(column, earliest);
            while (line.length() < column) {
                line.append(' ');
            }
            line.append(piece.text());
        }
        return line.toString().stripTrailing();
    }

    private static String squeezeBlankLines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        int blanks = 0;
        boolean started = false;
        for (String line : lines) {
            if (line.isEmpty()) {
                blanks++;
                continue;
            }
            if (started) {
                out.append("\n".repeat(Math.min(blanks, MAX_BLANK_LINES) + 1));
            }
            out.append(line);
            blanks = 0;
            started = true;
        }
        return out.append('\n').toString();
    }
}
