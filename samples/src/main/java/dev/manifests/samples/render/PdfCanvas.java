package dev.manifests.samples.render;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** A {@link Canvas} on one PDF page's content stream; flips the y axis to PDF's bottom-left origin. */
final class PdfCanvas implements Canvas {

    private final PDPageContentStream stream;
    private final float pageHeight;
    private final Function<Font, PDType1Font> fonts;

    PdfCanvas(PDPageContentStream stream, float pageHeight, Function<Font, PDType1Font> fonts) {
        this.stream = stream;
        this.fonts = fonts;
        this.pageHeight = pageHeight;
    }

    @Override
    public void text(float x, float baseline, String text, Font font, Color color) {
        if (text.isEmpty()) {
            return;
        }
        try {
            stream.setNonStrokingColor(color);
            stream.beginText();
            stream.setFont(fonts.apply(font), font.sizePt());
            stream.newLineAtOffset(x, pageHeight - baseline);
            stream.showText(text);
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void line(float x1, float y1, float x2, float y2, float lineWidthPt, Color color) {
        try {
            stream.setStrokingColor(color);
            stream.setLineWidth(lineWidthPt);
            stream.moveTo(x1, pageHeight - y1);
            stream.lineTo(x2, pageHeight - y2);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void rect(float x, float y, float width, float height, float lineWidthPt, Color color) {
        try {
            stream.setStrokingColor(color);
            stream.setLineWidth(lineWidthPt);
            stream.addRect(x, pageHeight - y - height, width, height);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void fillRect(float x, float y, float width, float height, Color color) {
        try {
            stream.setNonStrokingColor(color);
            stream.addRect(x, pageHeight - y - height, width, height);
            stream.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void rotate(float centreX, float centreY, float angleDeg) {
        try {
            stream.saveGraphicsState();
            float cx = centreX;
            float cy = pageHeight - centreY;
            stream.transform(Matrix.getTranslateInstance(cx, cy));
            stream.transform(Matrix.getRotateInstance(Math.toRadians(angleDeg), 0, 0));
            stream.transform(Matrix.getTranslateInstance(-cx, -cy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore() {
        try {
            stream.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
