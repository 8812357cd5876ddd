package dev.manifests.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DocumentParserTest {

    private static final String PDF = "application/pdf";
    private static final DocumentParser PARSER = new DocumentParser(ParseOptions.defaults());
    private static final String[][] RULED_TABLE = {
        {"Container", "Seal", "Gross kg"},
        {"MSKU9070323", "4471123", "18250.5"},
        {"CSQU3054383", "ML0981", "7329.0"}};

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    @Test
    void extractsTextOfPdf() {
        byte[] pdf = TestFiles.pdf("BILL OF LADING", "B/L No. MAEU240012345", "Container MSKU9070323");

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(pdf, "bl.pdf", PDF));

        assertThat(parsed.contentType()).isEqualTo(PDF);
        assertThat(parsed.text()).contains("BILL OF LADING", "MAEU240012345", "MSKU9070323");
    }

    @Test
    void detectsTypeFromBytesWhenNameAndTypeAreMissing() {
        byte[] pdf = TestFiles.pdf("SEA WAYBILL");

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(pdf, null, null));

        assertThat(parsed.contentType()).isEqualTo(PDF);
        assertThat(parsed.text()).contains("SEA WAYBILL");
    }

    @Test
    void extractsTextOfDocx() {
        byte[] docx = TestFiles.docx("CARGO MANIFEST", "Vessel: EVER GIVEN", "Voyage 0123W");

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(docx, "manifest.docx", null));

        assertThat(parsed.contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(parsed.text()).contains("CARGO MANIFEST", "EVER GIVEN", "0123W");
    }

    @Test
    void extractsCellsOfXlsx() {
        byte[] xlsx = TestFiles.xlsx(new String[][] {
            {"Container", "Packages", "Gross kg"},
            {"CSQU3054383", "120 CARTONS", "18250.5"}});

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(xlsx, "manifest.xlsx", null));

        assertThat(parsed.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(parsed.text()).contains("CSQU3054383", "120 CARTONS", "18250.5");
    }

    @Test
    void extractsEmailBodyThenAttachedPdf() {
        byte[] attachment = TestFiles.pdf("ATTACHED BILL OF LADING", "Container CSQU3054383");
        byte[] eml = TestFiles.emailWithPdf("Please find the B/L attached. Booking 7788123.", "bl.pdf", attachment);

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(eml, "bl.eml", "message/rfc822"));

        assertThat(parsed.contentType()).isEqualTo("message/rfc822");
        assertThat(parsed.text()).contains("Booking 7788123", "ATTACHED BILL OF LADING", "CSQU3054383");
        assertThat(parsed.text().indexOf("Booking 7788123"))
                .isLessThan(parsed.text().indexOf("ATTACHED BILL OF LADING"));
    }

    @Test
    void extractsPlainText() {
        byte[] txt = "SHIPPER: ACME GMBH\nCONSIGNEE: GLOBEX LLC\nPORT OF LOADING: HAMBURG (DEHAM)\n"
                .getBytes(StandardCharsets.UTF_8);

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(txt, "bl.txt", "text/plain"));

        assertThat(parsed.contentType()).isEqualTo("text/plain");
        assertThat(parsed.text()).contains("ACME GMBH", "GLOBEX LLC", "DEHAM");
    }

    @Test
    void readsContainerNumberFromScannedPngWithOcr() {
        assertThat(PARSER.ocrAvailable()).as("the tesseract binary is installed").isTrue();
        byte[] png = TestFiles.png("BILL OF LADING", "CONTAINER NO. MSKU9070323", "SEAL 4471123");

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(png, "scan.png", "image/png"));

        assertThat(parsed.contentType()).isEqualTo("image/png");
        assertThat(parsed.text().replace(" ", "")).contains("MSKU9070323");
    }

    @Test
    void readsImageOnlyPdfWithOcr() {
        byte[] scan = TestFiles.scannedPdf("SEA WAYBILL", "CONTAINER CSQU3054383");

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(scan, "scan.pdf", PDF));

        assertThat(parsed.text().replace(" ", "")).contains("CSQU3054383");
    }

    @Test
    void readsTheCellsOfAGridLinedTableInAScanRowByRow() {
        byte[] png = TestFiles.png(TestFiles.ruledTable(0.8, RULED_TABLE));

        String text = parsed(PARSER.parse(png, "scan.png", "image/png")).text().replace(" ", "");

        assertThat(text).contains("MSKU9070323", "4471123", "18250.5", "CSQU3054383", "7329.0");
        assertThat(text.indexOf("MSKU9070323")).isLessThan(text.indexOf("4471123"));
        assertThat(text.indexOf("4471123")).isLessThan(text.indexOf("CSQU3054383"));
    }

    @Test
    void readsAGridLinedTableOnAnImageOnlyPdfPage() {
        byte[] scan = TestFiles.scannedPdf(TestFiles.ruledTable(-0.5, RULED_TABLE));

        String text = parsed(PARSER.parse(scan, "scan.pdf", PDF)).text().replace(" ", "");

        assertThat(text).contains("MSKU9070323", "4471123", "CSQU3054383", "7329.0");
    }

    @Test
    void readsEveryPageOfAMultiPageTiffInOrder() {
        byte[] tiff = TestFiles.tiff(TestFiles.render("PAGE ONE", "CONTAINER MSKU9070323"),
                TestFiles.ruledTable(0, RULED_TABLE));

        String text = parsed(PARSER.parse(tiff, "fax.tiff", "image/tiff")).text().replace(" ", "");

        assertThat(text).contains("PAGEONE", "MSKU9070323", "CSQU3054383");
        assertThat(text.indexOf("PAGEONE")).isLessThan(text.indexOf("CSQU3054383"));
    }

    @Test
    void leavesPicturesOnTextPdfPagesUnread() {
        byte[] pdf = TestFiles.pdfWithTextAndPicture("BILL OF LADING MAEU240012345", "STAMPED ORIGINAL");

        ParseOutcome.Parsed parsed = parsed(PARSER.parse(pdf, "bl.pdf", PDF));

        assertThat(parsed.text()).contains("MAEU240012345").doesNotContain("STAMPED");
    }

    @Test
    void refusesEncryptedPdf() {
        byte[] pdf = TestFiles.encryptedPdf("SECRET BILL OF LADING");

        ParseOutcome.Failed failed = failed(PARSER.parse(pdf, "locked.pdf", PDF));

        assertThat(failed.reason()).isEqualTo("encrypted PDF: a password is required");
        assertThat(failed.contentType()).isEqualTo(PDF);
    }

    @Test
    void refusesCorruptPdf() {
        byte[] pdf = TestFiles.pdf("BILL OF LADING");
        byte[] corrupt = Arrays.copyOf(pdf, 60);

        ParseOutcome.Failed failed = failed(PARSER.parse(corrupt, "broken.pdf", PDF));

        assertThat(failed.reason()).startsWith("corrupt or unreadable application/pdf: ");
    }

    @Test
    void refusesZeroByteDocument() {
        ParseOutcome.Failed failed = failed(PARSER.parse(new byte[0], "empty.pdf", PDF));

        assertThat(failed.reason()).isEqualTo("zero-byte document");
    }

    @Test
    void refusesDocumentOverByteLimitBeforeParsing() {
        try (DocumentParser small = new DocumentParser(ParseOptions.defaults().withMaxBytes(1024 * 1024))) {
            byte[] big = new byte[(int) (1.6 * 1024 * 1024)];
            Arrays.fill(big, (byte) 'A');

            ParseOutcome.Failed failed = failed(small.parse(big, "big.txt", "text/plain"));

            assertThat(failed.reason()).isEqualTo("document is 1.6 MiB, over the 1 MiB limit");
            assertThat(failed.contentType()).isNull();
        }
    }

    @Test
    void refusesTextOverCharacterLimit() {
        try (DocumentParser small = new DocumentParser(ParseOptions.defaults().withMaxChars(1_000))) {
            byte[] txt = "CONTAINER MSKU9070323\n".repeat(200).getBytes(StandardCharsets.UTF_8);

            ParseOutcome.Failed failed = failed(small.parse(txt, "long.txt", "text/plain"));

            assertThat(failed.reason()).isEqualTo("text over 1000 characters");
        }
    }

    @Test
    void countsAttachmentTextAgainstCharacterLimit() {
        try (DocumentParser small = new DocumentParser(ParseOptions.defaults().withMaxChars(2_000))) {
            String[] lines = new String[40];
            Arrays.fill(lines, "CONTAINER MSKU9070323 120 CARTONS 18250.5 KG 31.2 M3");
            byte[] eml = TestFiles.emailWithPdf("B/L attached.", "bl.pdf", TestFiles.pdf(lines));

            ParseOutcome.Failed failed = failed(small.parse(eml, "bl.eml", null));

            assertThat(failed.reason()).isEqualTo("text over 2000 characters");
        }
    }

    @Test
    void stopsParseOverTimeLimit() {
        try (DocumentParser hasty = new DocumentParser(ParseOptions.defaults().withTimeoutMillis(1))) {
            byte[] longPdf = TestFiles.pdfPages(300, "CARGO MANIFEST PAGE", "CONTAINER CSQU3054383 40 PALLETS");

            ParseOutcome.Failed failed = failed(hasty.parse(longPdf, "long.pdf", PDF));

            assertThat(failed.reason()).isEqualTo("parse timed out after 1 ms");
        }
    }

    @Test
    void reportsDocumentWithoutText() {
        byte[] blank = TestFiles.pdf();

        ParseOutcome.Failed failed = failed(PARSER.parse(blank, "blank.pdf", PDF));

        assertThat(failed.reason()).startsWith("no text found");
    }

    @Test
    void reportsImageWithoutTextWhenOcrIsDisabled() {
        try (DocumentParser noOcr = new DocumentParser(ParseOptions.defaults().withOcrEnabled(false))) {
            byte[] png = TestFiles.png("CONTAINER NO. MSKU9070323");

            ParseOutcome.Failed failed = failed(noOcr.parse(png, "scan.png", "image/png"));

            assertThat(failed.reason()).isEqualTo("no text found: the image has no text layer and OCR is disabled");
        }
    }

    @Test
    void reportsUnsupportedType() {
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);

        ParseOutcome.Failed failed = failed(PARSER.parse(binary, "blob.bin", null));

        assertThat(failed.reason()).isEqualTo("unsupported document type application/octet-stream");
    }

    @Test
    void servesManyThreadsWithOneParser() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<ParseOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                byte[] txt = ("DOCUMENT " + i + "\n").getBytes(StandardCharsets.UTF_8);
                results.add(callers.submit(() -> PARSER.parse(txt, null, "text/plain")));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(parsed(results.get(i).get()).text()).contains("DOCUMENT " + i);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void namesTikaVersion() {
        assertThat(DocumentParser.tikaVersion()).isEqualTo("3.3.1");
    }

    private static ParseOutcome.Parsed parsed(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return (ParseOutcome.Parsed) outcome;
    }

    private static ParseOutcome.Failed failed(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Failed.class);
        return (ParseOutcome.Failed) outcome;
    }
}
