package dev.manifests.samples.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link Canvas} on a Java2D graphics context scaled from points to pixels. Text uses the platform's logical
 * fonts, stretched to the width the PDF font would give, so the raster matches the PDF layout.
 */
final class RasterCanvas implements Canvas {

    private final Graphics2D graphics;
    private final Deque<AffineTransform> saved = new ArrayDeque<>();

    RasterCanvas(Graphics2D graphics, float pixelsPerPoint) {
        this.graphics = graphics;
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        graphics.scale(pixelsPerPoint, pixelsPerPoint);
    }

    @Override
    public void text(float x, float baseline, String text, Font font, Color color) {
        if (text.isEmpty()) {
            return;
        }
        java.awt.Font awtFont = new java.awt.Font(switch (font.family()) {
            case SANS -> "SansSerif";
            case SERIF -> "Serif";
            case MONO -> "Monospaced";
        }, font.bold() ? java.awt.Font.BOLD : java.awt.Font.PLAIN, 1).deriveFont(font.sizePt());
        FontRenderContext context = graphics.getFontRenderContext();
        double awtWidth = awtFont.getStringBounds(text, context).getWidth();
        double pdfWidth = StandardFonts.width(text, font);
        AffineTransform before = graphics.getTransform();
        graphics.translate(x, baseline);
        if (awtWidth > 0) {
            graphics.scale(pdfWidth / awtWidth, 1);
        }
        graphics.setColor(color);
        graphics.setFont(awtFont);
        graphics.drawString(text, 0f, 0f);
        graphics.setTransform(before);
    }

    @Override
    public void line(float x1, float y1, float x2, float y2, float lineWidthPt, Color color) {
        graphics.setColor(color);
        graphics.setStroke(new BasicStroke(Math.max(lineWidthPt, 0.5f)));
        graphics.draw(new Line2D.Float(x1, y1, x2, y2));
    }

    @Override
    public void rect(float x, float y, float width, float height, float lineWidthPt, Color color) {
        graphics.setColor(color);
        graphics.setStroke(new BasicStroke(Math.max(lineWidthPt, 0.5f)));
        graphics.draw(new Rectangle2D.Float(x, y, width, height));
    }

    @Override
    public void fillRect(float x, float y, float width, float height, Color color) {
        graphics.setColor(color);
        graphics.fill(new Rectangle2D.Float(x, y, width, height));
    }

    @Override
    public void rotate(float centreX, float centreY, float angleDeg) {
        saved.push(graphics.getTransform());
        graphics.rotate(Math.toRadians(-angleDeg), centreX, centreY);
    }

    @Override
    public void restore() {
        graphics.setTransform(saved.pop());
    }
}
