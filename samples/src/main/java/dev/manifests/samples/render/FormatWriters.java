package dev.manifests.samples.render;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes a {@link RenderedDocument} in any {@link DocumentFormat}. Deterministic for a given {@link Random}: every
 * date, identifier and boundary a format embeds is drawn from it, never from the clock.
 */
public final class FormatWriters {

    private FormatWriters() {
    }

    public static byte[] write(RenderedDocument document, DocumentFormat format, Random random) {
        return switch (format) {
            case PDF -> WritePdf.write(document, random);
            case PDF_SCANNED -> WriteScan.pdf(document, random);
            case PNG -> WriteScan.png(document, random);
            case TIFF -> WriteScan.tiff(document, random);
            case DOCX -> WriteDocx.write(document, random);
            case XLSX -> WriteXlsx.write(document, random);
            case EML_BODY -> WriteEml.writeBody(document, random);
            case EML_ATTACHMENT -> WriteEml.writeWithAttachment(document, random);
            case TXT -> ProjectText.project(document).getBytes(StandardCharsets.UTF_8);
        };
    }
}
