package dev.manifests.samples.render;

import java.awt.Color;

/** A drawing surface in page coordinates (points, origin top left), implemented for PDF and for raster images. */
interface Canvas {

    void text(float x, float baseline, String text, Font font, Color color);

    void line(float x1, float y1, float x2, float y2, float lineWidthPt, Color color);

    void rect(float x, float y, float width, float height, float lineWidthPt, Color color);

    void fillRect(float x, float y, float width, float height, Color color);

    /** Rotates what is drawn until {@link #restore()} by {@code angleDeg} counter-clockwise around a point. */
    void rotate(float centreX, float centreY, float angleDeg);

    void restore();
}
