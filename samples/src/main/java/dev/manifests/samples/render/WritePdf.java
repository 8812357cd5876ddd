package dev.manifests.samples.render;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.Random;

/** Writes a rendered document as a PDF with a real text layer (Standard 14 fonts, WinAnsi encoding). */
final class WritePdf {

    private WritePdf() {
    }

    static byte[] write(RenderedDocument document, Random random) {
        try (PDDocument pdf = new PDDocument()) {
            var fonts = StandardFonts.forOneDocument();
            for (Page page : document.pages()) {
                PDPage pdfPage = new PDPage(new PDRectangle(page.widthPt(), page.heightPt()));
                pdf.addPage(pdfPage);
                try (PDPageContentStream stream = new PDPageContentStream(pdf, pdfPage)) {
                    PaintPage.paint(page, new PdfCanvas(stream, page.heightPt(), fonts));
                }
            }
            describe(pdf, document, random);
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets title, creator, dates and the file identifier from {@code random}, so equal seeds give equal bytes. */
    static void describe(PDDocument pdf, RenderedDocument document, Random random) {
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(document.title() + " " + document.reference());
        info.setCreator(document.issuer() + " documentation system");
        info.setProducer("FormWriter 4.2");
        Calendar created = FixedClock.calendar(random);
        info.setCreationDate(created);
        info.setModificationDate(created);
        byte[] id = new byte[16];
        random.nextBytes(id);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }
}
