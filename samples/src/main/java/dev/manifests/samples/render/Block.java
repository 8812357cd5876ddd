package dev.manifests.samples.render;

import java.util.List;

/**
 * Something drawn on a page, positioned in PDF points from the top left corner. Writers of layout-free formats
 * (DOCX, XLSX, e-mail) read blocks in the order the layout added them, which is the reading order.
 */
public sealed interface Block {

    /** Top edge of the block, for sorting and projection. */
    float top();

    /** Lowest point the block reaches, for finding free space below the content. */
    float bottom();

    /** One line of text; {@code baseline} is measured from the top of the page. */
    record Text(float x, float baseline, String text, Font font) implements Block {
        @Override
        public float top() {
            return baseline - font.sizePt();
        }

        @Override
        public float bottom() {
            return baseline + font.sizePt() * 0.25f;
        }
    }

    /** A framed form box: a small label (often numbered) at the top and value lines below it. */
    record Box(float x, float y, float width, float height, String label, List<String> lines, Font labelFont,
               Font valueFont) implements Block {
        public Box {
            lines = List.copyOf(lines);
        }

        @Override
        public float top() {
            return y;
        }

        @Override
        public float bottom() {
            return y + height;
        }
    }

    /** A straight line, e.g. a rule under a heading. */
    record Rule(float x1, float y1, float x2, float y2, float lineWidthPt) implements Block {
        @Override
        public float top() {
            return Math.min(y1, y2);
        }

        @Override
        public float bottom() {
            return Math.max(y1, y2);
        }
    }

    /** A rectangle outline around a region of the form. */
    record Frame(float x, float y, float width, float height, float lineWidthPt) implements Block {
        @Override
        public float top() {
            return y;
        }

        @Override
        public float bottom() {
            return y + height;
        }
    }

    /** A rubber stamp: framed text rotated by {@code angleDeg} around its centre. */
    record Stamp(float centreX, float centreY, String text, float angleDeg, Font font) implements Block {
        @Override
        public float top() {
            return centreY - font.sizePt();
        }

        @Override
        public float bottom() {
            return centreY + font.sizePt();
        }
    }

    /** A company logo drawn as large text, optionally inside a solid band with the text knocked out in white. */
    record Logo(float x, float baseline, String text, Font font, boolean inverted) implements Block {
        @Override
        public float top() {
            return baseline - font.sizePt();
        }

        @Override
        public float bottom() {
            return baseline + font.sizePt() * 0.4f;
        }
    }

    /** A table column: header text (may hold several lines separated by newlines) and width in points. */
    record Column(String header, float width) {
    }

    /**
     * A table with column headers; each cell is a list of lines. A table that continues a table of the previous page
     * is marked {@code continuation}, so writers of one-grid formats can skip its repeated header.
     */
    record Table(float x, float y, List<Column> columns, List<List<List<String>>> rows, Font headerFont,
                 Font bodyFont, boolean gridLines, boolean continuation) implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        @Override
        public float top() {
            return y;
        }

        @Override
        public float bottom() {
            return y + height();
        }

        public float width() {
            float w = 0;
            for (Column c : columns) {
                w += c.width();
            }
            return w;
        }

        public static final float PADDING = 2f;

        public float headerHeight() {
            int lines = 1;
            for (Column c : columns) {
                lines = Math.max(lines, c.header().split("\n", -1).length);
            }
            return lines * headerFont.leadingPt() + 2 * PADDING;
        }

        public static float rowHeight(List<List<String>> row, Font bodyFont) {
            int lines = 1;
            for (List<String> cell : row) {
                lines = Math.max(lines, cell.size());
            }
            return lines * bodyFont.leadingPt() + 2 * PADDING;
        }

        public float height() {
            float h = headerHeight();
            for (List<List<String>> row : rows) {
                h += rowHeight(row, bodyFont);
            }
            return h;
        }
    }
}
