package dev.manifests.samples.render;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/** A {@link Canvas} that keeps only the text it is given and where, for projections onto character grids. */
final class CollectText implements Canvas {

    /** A piece of text at its painted position. */
    record Placed(float x, float baseline, String text) {
    }

    private final List<Placed> placed = new ArrayList<>();

    List<Placed> placed() {
        return placed;
    }

    @Override
    public void text(float x, float baseline, String text, Font font, Color color) {
        if (!text.isBlank()) {
            placed.add(new Placed(x, baseline, text));
        }
    }

    @Override
    public void line(float x1, float y1, float x2, float y2, float lineWidthPt, Color color) {
        // shapes carry no text
    }

    @Override
    public void rect(float x, float y, float width, float height, float lineWidthPt, Color color) {
        // shapes carry no text
    }

    @Override
    public void fillRect(float x, float y, float width, float height, Color color) {
        // shapes carry no text
    }

    @Override
    public void rotate(float centreX, float centreY, float angleDeg) {
        // a stamp's text is kept where it stands, unrotated, as a printout would list it
    }

    @Override
    public void restore() {
        // nothing was rotated
    }
}
