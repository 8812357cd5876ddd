package dev.manifests.samples.render;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

/** Writes scans of a rendered document: an image-only PDF, one PNG (pages stacked) or a multi-page TIFF. */
final class WriteScan {

    static final int PDF_DPI = 150;
    static final int IMAGE_DPI = 200;

    private WriteScan() {
    }

    static byte[] pdf(RenderedDocument document, Random random) {
        List<BufferedImage> scans = ScanPages.scan(document, PDF_DPI, random);
        try (PDDocument pdf = new PDDocument()) {
            for (int i = 0; i < scans.size(); i++) {
                Page page = document.pages().get(i);
                PDPage pdfPage = new PDPage(new PDRectangle(page.widthPt(), page.heightPt()));
                pdf.addPage(pdfPage);
                PDImageXObject image = JPEGFactory.createFromImage(pdf, scans.get(i), 0.7f, PDF_DPI);
                try (PDPageContentStream stream = new PDPageContentStream(pdf, pdfPage)) {
                    stream.drawImage(image, 0, 0, page.widthPt(), page.heightPt());
                }
            }
            WritePdf.describe(pdf, document, random);
            pdf.getDocumentInformation().setProducer("ScanStation 2.1");
            return WritePdf.save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(RenderedDocument document, Random random) {
        List<BufferedImage> scans = ScanPages.scan(document, IMAGE_DPI, random);
        BufferedImage image = scans.size() == 1 ? scans.get(0) : stack(scans);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] tiff(RenderedDocument document, Random random) {
        List<BufferedImage> scans = ScanPages.scan(document, IMAGE_DPI, random);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
                writer.prepareWriteSequence(null);
                for (BufferedImage scan : scans) {
                    writer.writeToSequence(new IIOImage(scan, null, null), param);
                }
                writer.endWriteSequence();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage stack(List<BufferedImage> scans) {
        int gap = 24;
        int width = scans.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int height = scans.stream().mapToInt(BufferedImage::getHeight).sum() + gap * (scans.size() - 1);
        BufferedImage stacked = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = stacked.createGraphics();
        try {
            graphics.setColor(new Color(160, 160, 160));
            graphics.fillRect(0, 0, width, height);
            int y = 0;
            for (BufferedImage scan : scans) {
                graphics.drawImage(scan, 0, y, null);
                y += scan.getHeight() + gap;
            }
        } finally {
            graphics.dispose();
        }
        return stacked;
    }
}
