package dev.manifests.job.parse;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Builds real documents of each format in memory, the way senders' software writes them. */
public final class TestFiles {

    private TestFiles() {
    }

    public static byte[] pdf(String... lines) {
        return pdfPages(1, lines);
    }

    /** A text PDF with the same lines on each of {@code pages} pages. */
    public static byte[] pdfPages(int pages, String... lines) {
        try (PDDocument document = new PDDocument()) {
            for (int p = 0; p < pages; p++) {
                addTextPage(document, lines);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encryptedPdf(String... lines) {
        try (PDDocument document = new PDDocument()) {
            addTextPage(document, lines);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose only page is a picture of the lines, as a scanner writes it. */
    public static byte[] scannedPdf(String... lines) {
        return scannedPdf(render(lines));
    }

    /** A text PDF whose page also carries a picture of other words, like a logo or a stamp. */
    public static byte[] pdfWithTextAndPicture(String text, String pictured) {
        try (PDDocument document = new PDDocument()) {
            addTextPage(document, text);
            PDPage page = document.getPage(0);
            PDImageXObject image = LosslessFactory.createFromImage(document, render(pictured));
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true)) {
                content.drawImage(image, 50, 300, 500, 500f * image.getHeight() / image.getWidth());
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] docx(String... paragraphs) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String paragraph : paragraphs) {
                document.createParagraph().createRun().setText(paragraph);
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xlsx(String[][] rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("Manifest");
            for (int r = 0; r < rows.length; r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart e-mail with a plain-text body and a PDF attachment. */
    public static byte[] emailWithPdf(String body, String attachmentName, byte[] pdf) {
        String boundary = "----=_Part_0_20261124";
        String attachment = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pdf);
        String message = "From: exports@shipper.example\r\n"
                + "To: imports@consignee.example\r\n"
                + "Subject: Bill of lading\r\n"
                + "Date: Tue, 24 Nov 2026 08:00:00 +0000\r\n"
                + "Message-ID: <bl-1@shipper.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + body + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/pdf; name=\"" + attachmentName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + attachmentName + "\"\r\n"
                + "\r\n"
                + attachment + "\r\n"
                + "--" + boundary + "--\r\n";
        return message.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] png(String... lines) {
        return png(render(lines));
    }

    public static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multi-page TIFF, one page per image, as a fax server or a scanner's feeder writes it. */
    public static byte[] tiff(BufferedImage... pages) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A PDF whose only page is the given picture, as a scanner writes it. */
    public static byte[] scannedPdf(BufferedImage picture) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(document, picture);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float width = PDRectangle.A4.getWidth() - 60;
                float height = width * image.getHeight() / image.getWidth();
                content.drawImage(image, 30, PDRectangle.A4.getHeight() - 30 - height, width, height);
            }
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A grid-lined table as printed forms have it, on an A5 page at 200 dpi, turned by {@code skewDegrees} as a
     * scan is: every cell boxed by 2-pixel rules that nearly touch the text.
     */
    public static BufferedImage ruledTable(double skewDegrees, String[]... rows) {
        int[] columnWidths = new int[rows[0].length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                columnWidths[c] = Math.max(columnWidths[c], 24 * row[c].length() + 24);
            }
        }
        int rowHeight = 44;
        int tableWidth = java.util.Arrays.stream(columnWidths).sum();
        BufferedImage image = new BufferedImage(1654, 1169, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.rotate(Math.toRadians(skewDegrees), image.getWidth() / 2.0, image.getHeight() / 2.0);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 34));
            g.setStroke(new java.awt.BasicStroke(2f));
            int top = 100;
            int left = 100;
            for (int r = 0; r <= rows.length; r++) {
                g.drawLine(left, top + r * rowHeight, left + tableWidth, top + r * rowHeight);
            }
            int x = left;
            for (int c = 0; c <= columnWidths.length; c++) {
                g.drawLine(x, top, x, top + rows.length * rowHeight);
                x += c < columnWidths.length ? columnWidths[c] : 0;
            }
            for (int r = 0; r < rows.length; r++) {
                x = left;
                for (int c = 0; c < rows[r].length; c++) {
                    g.drawString(rows[r][c], x + 8, top + r * rowHeight + 34);
                    x += columnWidths[c];
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Black text on white at about 300 dpi scale, the resolution Tesseract reads best. */
    public static BufferedImage render(String... lines) {
        int lineHeight = 60;
        BufferedImage image = new BufferedImage(1400, 80 + lineHeight * lines.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
            for (int i = 0; i < lines.length; i++) {
                g.drawString(lines[i], 40, 70 + i * lineHeight);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void addTextPage(PDDocument document, String... lines) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
            content.setLeading(14);
            content.newLineAtOffset(50, 780);
            for (String line : lines) {
                content.showText(line);
                content.newLine();
            }
            content.endText();
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.save(out);
            return out.toByteArray();
        }
    }
}
