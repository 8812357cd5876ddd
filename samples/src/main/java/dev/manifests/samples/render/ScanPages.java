package dev.manifests.samples.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns pages into grayscale scans: rasterised at a scanner resolution, then slightly skewed, blurred and specked
 * with dust, as a flatbed scan of a printed form looks. Text stays legible to OCR.
 */
final class ScanPages {

    private ScanPages() {
    }

    static List<BufferedImage> scan(RenderedDocument document, int dpi, Random random) {
        List<BufferedImage> scans = new ArrayList<>();
        for (Page page : document.pages()) {
            scans.add(degrade(rasterise(page, dpi), random));
        }
        return scans;
    }

    static BufferedImage rasterise(Page page, int dpi) {
        float pixelsPerPoint = dpi / 72f;
        int width = Math.round(page.widthPt() * pixelsPerPoint);
        int height = Math.round(page.heightPt() * pixelsPerPoint);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            PaintPage.paint(page, new RasterCanvas(graphics, pixelsPerPoint));
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static BufferedImage degrade(BufferedImage clean, Random random) {
        int width = clean.getWidth();
        int height = clean.getHeight();
        BufferedImage skewed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = skewed.createGraphics();
        try {
            graphics.setColor(new Color(250, 250, 250));
            graphics.fillRect(0, 0, width, height);
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            double angle = Math.toRadians((random.nextDouble() - 0.5) * 1.2);
            graphics.rotate(angle, width / 2.0, height / 2.0);
            graphics.translate((random.nextDouble() - 0.5) * 12, (random.nextDouble() - 0.5) * 12);
            graphics.drawImage(clean, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        float[] weights = {1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f};
        BufferedImage blurred = new ConvolveOp(new Kernel(3, 3, weights), ConvolveOp.EDGE_NO_OP, null)
                .filter(skewed, null);
        var raster = blurred.getRaster();
        int specks = width * height / 3000;
        for (int i = 0; i < specks; i++) {
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            raster.setSample(x, y, 0, 90 + random.nextInt(120));
        }
        return blurred;
    }
}
