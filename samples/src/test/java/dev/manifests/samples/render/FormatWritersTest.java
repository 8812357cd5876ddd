package dev.manifests.samples.render;

import dev.manifests.samples.layout.Layouts;
import dev.manifests.samples.layout.SampleShipments;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.ShippingDocument;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.extractor.XSSFExcelExtractor;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FormatWritersTest {

    private static final ShippingDocument RECORD = SampleShipments.full(DocumentType.BILL_OF_LADING, 3);
    private static final RenderedDocument RENDERED = Layouts.byId("ocean-master-bl").render(RECORD, new Random(1));
    private static final String SECOND_CONTAINER = RECORD.getContainers().get(1).getSealNumber();

    @ParameterizedTest
    @EnumSource(DocumentFormat.class)
    void sameSeedGivesIdenticalBytes(DocumentFormat format) {
        byte[] first = FormatWriters.write(RENDERED, format, new Random(42));
        byte[] second = FormatWriters.write(RENDERED, format, new Random(42));
        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void pdfHasATextLayerPdfBoxReads() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(FormatWriters.write(RENDERED, DocumentFormat.PDF, new Random(1)))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(RENDERED.pages().size());
            assertThat(new PDFTextStripper().getText(pdf)).contains(RECORD.getBillOfLadingNumber(),
                    SECOND_CONTAINER);
        }
    }

    @Test
    void scannedPdfHasImagesAndNoText() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(FormatWriters.write(RENDERED, DocumentFormat.PDF_SCANNED,
                new Random(1)))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(RENDERED.pages().size());
            assertThat(new PDFTextStripper().getText(pdf).trim()).isEmpty();
            assertThat(pdf.getPage(0).getResources().getXObjectNames()).hasSize(1);
        }
    }

    @Test
    void docxOpensInPoiWithTheValues() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(
                FormatWriters.write(RENDERED, DocumentFormat.DOCX, new Random(1))));
             XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
            assertThat(docx.getTables()).isNotEmpty();
            assertThat(extractor.getText()).contains(RECORD.getBillOfLadingNumber(), SECOND_CONTAINER,
                    RECORD.getShipper().getName());
        }
    }

    @Test
    void xlsxOpensInPoiWithTheContainerGrid() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                FormatWriters.write(RENDERED, DocumentFormat.XLSX, new Random(1))));
             XSSFExcelExtractor extractor = new XSSFExcelExtractor(workbook)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            assertThat(extractor.getText()).contains(RECORD.getBillOfLadingNumber(), SECOND_CONTAINER);
        }
    }

    @Test
    void emlBodyParsesWithTheDocumentTextAsBody() throws IOException {
        Message message = parse(FormatWriters.write(RENDERED, DocumentFormat.EML_BODY, new Random(1)));
        assertThat(message.getSubject()).contains(RECORD.getBillOfLadingNumber());
        assertThat(message.getFrom()).hasSize(1);
        assertThat(message.getDate()).isNotNull();
        assertThat(text((TextBody) message.getBody())).contains(SECOND_CONTAINER, RECORD.getShipper().getName());
    }

    @Test
    void emlAttachmentCarriesThePdf() throws IOException {
        Message message = parse(FormatWriters.write(RENDERED, DocumentFormat.EML_ATTACHMENT, new Random(1)));
        Multipart multipart = (Multipart) message.getBody();
        assertThat(multipart.getBodyParts()).hasSize(2);
        Entity attachment = multipart.getBodyParts().get(1);
        assertThat(attachment.getDispositionType()).isEqualTo("attachment");
        assertThat(attachment.getFilename()).endsWith(".pdf");
        byte[] pdfBytes;
        try (InputStream in = ((BinaryBody) attachment.getBody()).getInputStream()) {
            pdfBytes = in.readAllBytes();
        }
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(SECOND_CONTAINER);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DocumentFormat.class, names = {"PNG", "TIFF"})
    void scansAreGrayscaleImagesImageIoReads(DocumentFormat format) throws IOException {
        byte[] bytes = FormatWriters.write(RENDERED, format, new Random(1));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            var image = reader.read(0);
            assertThat(image.getWidth()).isGreaterThan(1000);
            assertThat(image.getColorModel().getNumComponents()).isEqualTo(1);
            reader.dispose();
        }
    }

    @Test
    void textProjectionKeepsEveryContainerOnItsOwnLine() {
        String text = new String(FormatWriters.write(RENDERED, DocumentFormat.TXT, new Random(1)),
                StandardCharsets.UTF_8);
        assertThat(text).contains(RECORD.getBillOfLadingNumber());
        assertThat(text.lines().filter(line -> line.contains("SEAL SL8842")).count())
                .isEqualTo(RECORD.getContainers().size());
    }

    private static Message parse(byte[] eml) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(eml));
    }

    private static String text(TextBody body) throws IOException {
        try (InputStream in = body.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
