package dev.manifests.samples.render;

import java.awt.Color;
import java.util.List;

/** Paints the blocks of a page onto a {@link Canvas}: the one place that knows how each block looks. */
final class PaintPage {

    static final Color INK = Color.BLACK;
    static final Color STAMP_INK = new Color(170, 30, 40);

    private PaintPage() {
    }

    static void paint(Page page, Canvas canvas) {
        for (Block block : page.blocks()) {
            if (block instanceof Block.Text t) {
                canvas.text(t.x(), t.baseline(), t.text(), t.font(), INK);
            } else if (block instanceof Block.Rule r) {
                canvas.line(r.x1(), r.y1(), r.x2(), r.y2(), r.lineWidthPt(), INK);
            } else if (block instanceof Block.Frame f) {
                canvas.rect(f.x(), f.y(), f.width(), f.height(), f.lineWidthPt(), INK);
            } else if (block instanceof Block.Box b) {
                paintBox(b, canvas);
            } else if (block instanceof Block.Table t) {
                paintTable(t, canvas);
            } else if (block instanceof Block.Stamp s) {
                paintStamp(s, canvas);
            } else if (block instanceof Block.Logo l) {
                paintLogo(l, canvas);
            }
        }
    }

    private static void paintBox(Block.Box box, Canvas canvas) {
        canvas.rect(box.x(), box.y(), box.width(), box.height(), 0.6f, INK);
        float baseline = box.y() + 2f + box.labelFont().sizePt();
        if (!box.label().isEmpty()) {
            canvas.text(box.x() + 2.5f, baseline, box.label(), box.labelFont(), INK);
            baseline += 2f;
        }
        for (String line : box.lines()) {
            baseline += box.valueFont().leadingPt();
            canvas.text(box.x() + 5f, baseline, line, box.valueFont(), INK);
        }
    }

    private static void paintTable(Block.Table table, Canvas canvas) {
        float width = table.width();
        float y = table.y();
        float headerHeight = table.headerHeight();
        canvas.fillRect(table.x(), y, width, headerHeight, new Color(225, 225, 225));
        canvas.rect(table.x(), y, width, headerHeight, 0.6f, INK);
        float x = table.x();
        for (Block.Column column : table.columns()) {
            float baseline = y + Block.Table.PADDING + table.headerFont().sizePt();
            for (String line : column.header().split("\n", -1)) {
                canvas.text(x + Block.Table.PADDING, baseline, line, table.headerFont(), INK);
                baseline += table.headerFont().leadingPt();
            }
            x += column.width();
        }
        float bodyTop = y + headerHeight;
        y = bodyTop;
        for (List<List<String>> row : table.rows()) {
            float rowHeight = Block.Table.rowHeight(row, table.bodyFont());
            x = table.x();
            for (int c = 0; c < table.columns().size(); c++) {
                List<String> cell = c < row.size() ? row.get(c) : List.of();
                float baseline = y + Block.Table.PADDING + table.bodyFont().sizePt();
                for (String line : cell) {
                    canvas.text(x + Block.Table.PADDING, baseline, line, table.bodyFont(), INK);
                    baseline += table.bodyFont().leadingPt();
                }
                x += table.columns().get(c).width();
            }
            y += rowHeight;
            if (table.gridLines()) {
                canvas.line(table.x(), y, table.x() + width, y, 0.3f, INK);
            }
        }
        canvas.rect(table.x(), bodyTop, width, y - bodyTop, 0.6f, INK);
        if (table.gridLines()) {
            x = table.x();
            for (int c = 0; c < table.columns().size() - 1; c++) {
                x += table.columns().get(c).width();
                canvas.line(x, table.y(), x, y, 0.3f, INK);
            }
        }
    }

    private static void paintStamp(Block.Stamp stamp, Canvas canvas) {
        float width = StandardFonts.width(stamp.text(), stamp.font());
        float height = stamp.font().sizePt();
        canvas.rotate(stamp.centreX(), stamp.centreY(), stamp.angleDeg());
        float left = stamp.centreX() - width / 2;
        float baseline = stamp.centreY() + height * 0.35f;
        canvas.text(left, baseline, stamp.text(), stamp.font(), STAMP_INK);
        float pad = height * 0.35f;
        canvas.rect(left - pad, stamp.centreY() - height / 2 - pad, width + 2 * pad, height + 2 * pad, 1.6f, STAMP_INK);
        canvas.restore();
    }

    private static void paintLogo(Block.Logo logo, Canvas canvas) {
        if (logo.inverted()) {
            float width = StandardFonts.width(logo.text(), logo.font());
            float size = logo.font().sizePt();
            canvas.fillRect(logo.x() - 6, logo.baseline() - size * 1.05f, width + 12, size * 1.4f, INK);
            canvas.text(logo.x(), logo.baseline(), logo.text(), logo.font(), Color.WHITE);
        } else {
            canvas.text(logo.x(), logo.baseline(), logo.text(), logo.font(), INK);
        }
    }
}
