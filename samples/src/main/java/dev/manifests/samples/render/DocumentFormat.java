package dev.manifests.samples.render;

/** The file formats the corpus writes, with their extension and media type. */
public enum DocumentFormat {
    PDF("pdf", "application/pdf"),
    PDF_SCANNED("pdf", "application/pdf"),
    PNG("png", "image/png"),
    TIFF("tiff", "image/tiff"),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    EML_BODY("eml", "message/rfc822"),
    EML_ATTACHMENT("eml", "message/rfc822"),
    TXT("txt", "text/plain");

    private final String extension;
    private final String mediaType;

    DocumentFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** True for formats whose text only OCR can recover. */
    public boolean needsOcr() {
        return this == PDF_SCANNED || this == PNG || this == TIFF;
    }
}
