package dev.manifests.job.parse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Reads a scan with Tesseract after erasing its ruled lines ({@link RuledLines}), page by page. It takes the
 * place of Tika's Tesseract parser for every type that parser reads, so both images and the rendered pages of
 * image-only PDFs pass through it. An image Java cannot decode, or one too large to clean in memory, goes to
 * Tesseract as it is.
 */
final class ScanOcrParser implements Parser {

    private static final long serialVersionUID = 1L;

    /** Largest page cleaned, in pixels (about A3 at 300 dpi); a larger one is read as it is. */
    static final long MAX_PIXELS = 20_000_000L;

    private static final MediaType PNG = MediaType.image("png");

    private final Parser tesseract;

    ScanOcrParser(Parser tesseract) {
        this.tesseract = tesseract;
    }

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return tesseract.getSupportedTypes(context);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        TikaInputStream image = TikaInputStream.get(stream);
        List<BufferedImage> pages = readPages(image);
        if (pages.isEmpty()) {
            tesseract.parse(image, handler, metadata, context);
            return;
        }
        XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
        xhtml.startDocument();
        for (BufferedImage page : pages) {
            Metadata pageMetadata = new Metadata();
            pageMetadata.set(Metadata.CONTENT_TYPE, PNG.toString());
            try (TikaInputStream cleaned = TikaInputStream.get(png(RuledLines.erase(page)))) {
                tesseract.parse(cleaned, new EmbeddedContentHandler(new BodyContentHandler(xhtml)), pageMetadata,
                        context);
            }
        }
        xhtml.endDocument();
    }

    /** The pages of the image, or none when Java cannot decode it or a page is too large to clean. */
    private static List<BufferedImage> readPages(TikaInputStream image) throws IOException {
        List<BufferedImage> pages = new ArrayList<>();
        // reading from the file Tika keeps (or spools) leaves the stream where it is, for Tesseract if need be
        try (ImageInputStream in = new FileImageInputStream(image.getPath().toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return List.of();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                int count = reader.getNumImages(true);
                for (int index = 0; index < count; index++) {
                    if ((long) reader.getWidth(index) * reader.getHeight(index) > MAX_PIXELS) {
                        return List.of();
                    }
                    pages.add(reader.read(index));
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException undecodable) {
            // a format or variant javax.imageio lacks: Tesseract reads more of them than Java does
            return List.of();
        }
        return pages;
    }

    private static byte[] png(BufferedImage page) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(page.getWidth() * page.getHeight() / 8);
        ImageIO.write(page, "png", out);
        return out.toByteArray();
    }
}
