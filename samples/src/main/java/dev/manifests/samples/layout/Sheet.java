package dev.manifests.samples.layout;

import dev.manifests.samples.render.Block;
import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.StandardFonts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lays blocks onto pages top to bottom with a cursor, starting a new page when something does not fit: tables
 * split between rows and repeat their header under a "continued" line, and each page can get a running header
 * and a page number.
 */
final class Sheet {

    private final float width;
    private final float height;
    private final float margin;
    private final List<List<Block>> pages = new ArrayList<>();
    private List<Block> current;
    private float y;
    private Consumer<Sheet> runningHeader = sheet -> { };

    Sheet(float width, float height, float margin) {
        this.width = width;
        this.height = height;
        this.margin = margin;
        startPage();
    }

    /** What to print at the top of every page after the first (document number, "continued"). */
    void runningHeader(Consumer<Sheet> header) {
        this.runningHeader = header;
    }

    float left() {
        return margin;
    }

    float right() {
        return width - margin;
    }

    float contentWidth() {
        return width - 2 * margin;
    }

    float y() {
        return y;
    }

    void moveTo(float newY) {
        y = newY;
    }

    void advance(float dy) {
        y += dy;
    }

    int pageCount() {
        return pages.size();
    }

    boolean fits(float blockHeight) {
        return y + blockHeight <= height - margin - 14;
    }

    void ensure(float blockHeight) {
        if (!fits(blockHeight)) {
            newPage();
        }
    }

    void newPage() {
        startPage();
        runningHeader.accept(this);
    }

    private void startPage() {
        current = new ArrayList<>();
        pages.add(current);
        y = margin;
    }

    void add(Block block) {
        current.add(block);
    }

    /** A line of text at {@code x}; the cursor moves one line down. */
    void line(float x, String text, Font font) {
        ensure(font.leadingPt());
        current.add(new Block.Text(x, y + font.sizePt(), text, font));
        y += font.leadingPt();
    }

    /** Several texts on one baseline (x, text pairs), e.g. a label and its value; the cursor moves one line. */
    void lineAt(Font font, Object... xAndText) {
        ensure(font.leadingPt());
        for (int i = 0; i + 1 < xAndText.length; i += 2) {
            float x = ((Number) xAndText[i]).floatValue();
            current.add(new Block.Text(x, y + font.sizePt(), (String) xAndText[i + 1], font));
        }
        y += font.leadingPt();
    }

    void centred(String text, Font font) {
        float x = (width - StandardFonts.width(text, font)) / 2;
        line(x, text, font);
    }

    void rightAligned(String text, Font font) {
        line(right() - StandardFonts.width(text, font), text, font);
    }

    /** Wrapped text between {@code x} and {@code x + maxWidth}. */
    void paragraph(float x, float maxWidth, String text, Font font) {
        for (String line : StandardFonts.wrap(text, font, maxWidth)) {
            line(x, line, font);
        }
    }

    void rule(float lineWidth) {
        current.add(new Block.Rule(left(), y, right(), y, lineWidth));
    }

    /**
     * A row of boxes side by side, as tall as the tallest; each cell is {@code widths[i]} wide with label and lines.
     */
    void boxRow(float x, float[] widths, List<String> labels, List<List<String>> lines, Font labelFont,
                Font valueFont, float minHeight) {
        float rowHeight = minHeight;
        List<List<String>> wrapped = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            List<String> cellLines = new ArrayList<>();
            for (String line : lines.get(i)) {
                cellLines.addAll(StandardFonts.wrap(line, valueFont, widths[i] - 8));
            }
            wrapped.add(cellLines);
            float h = labelFont.sizePt() + 4 + cellLines.size() * valueFont.leadingPt() + 5;
            rowHeight = Math.max(rowHeight, h);
        }
        ensure(rowHeight);
        float left = x;
        for (int i = 0; i < widths.length; i++) {
            current.add(new Block.Box(left, y, widths[i], rowHeight, labels.get(i), wrapped.get(i), labelFont,
                    valueFont));
            left += widths[i];
        }
        y += rowHeight;
    }

    /**
     * A table that may run over several pages: rows are never split; each new page repeats the header after
     * {@code continuedLine} (when not null).
     */
    void table(float x, List<Block.Column> columns, List<List<List<String>>> rows, Font headerFont, Font bodyFont,
               boolean gridLines, String continuedLine) {
        boolean continuation = false;
        int next = 0;
        do {
            Block.Table probe = new Block.Table(x, y, columns, List.of(), headerFont, bodyFont, gridLines,
                    continuation);
            if (!fits(probe.headerHeight() + Block.Table.rowHeight(rows.isEmpty() ? List.of() : rows.get(next),
                    bodyFont))) {
                newPage();
                if (continuedLine != null && next > 0) {
                    line(x, continuedLine, bodyFont.asBold());
                    y += 2;
                }
            }
            float used = probe.headerHeight();
            List<List<List<String>>> slice = new ArrayList<>();
            while (next < rows.size()) {
                float rowHeight = Block.Table.rowHeight(rows.get(next), bodyFont);
                if (!fits(used + rowHeight) && !slice.isEmpty()) {
                    break;
                }
                slice.add(rows.get(next));
                used += rowHeight;
                next++;
            }
            Block.Table table = new Block.Table(x, y, columns, slice, headerFont, bodyFont, gridLines,
                    continuation);
            current.add(table);
            y += table.height();
            continuation = true;
            if (next < rows.size()) {
                if (continuedLine != null) {
                    current.add(new Block.Text(x, y + bodyFont.sizePt() + 3, "(continued on next page)", bodyFont));
                }
                newPage();
                if (continuedLine != null) {
                    line(x, continuedLine, bodyFont.asBold());
                    y += 2;
                }
            }
        } while (next < rows.size());
    }

    /** The pages, with "Page i of n" at the foot of each page when {@code numbered}. */
    List<Page> finish(boolean numbered, Font font) {
        List<Page> result = new ArrayList<>();
        int total = pages.size();
        for (int i = 0; i < total; i++) {
            List<Block> blocks = new ArrayList<>(pages.get(i));
            if (numbered) {
                String text = "Page " + (i + 1) + " of " + total;
                blocks.add(new Block.Text(right() - StandardFonts.width(text, font), height - margin + 4, text, font));
            }
            result.add(new Page(width, height, blocks));
        }
        return result;
    }
}
