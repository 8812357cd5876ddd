package dev.manifests.samples.corpus;

import dev.manifests.samples.render.DocumentFormat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How often each format is written: weighted toward the cheap text formats, scans rarer (they cost OCR time at
 * every later step), restricted to the formats asked for.
 */
public final class FormatMix {

    private static final Map<DocumentFormat, Integer> WEIGHTS = new EnumMap<>(Map.of(
            DocumentFormat.TXT, 24,
            DocumentFormat.PDF, 26,
            DocumentFormat.DOCX, 12,
            DocumentFormat.XLSX, 10,
            DocumentFormat.EML_BODY, 8,
            DocumentFormat.EML_ATTACHMENT, 8,
            DocumentFormat.PDF_SCANNED, 5,
            DocumentFormat.PNG, 4,
            DocumentFormat.TIFF, 3));

    private final List<DocumentFormat> formats;
    private final int[] cumulative;

    public FormatMix(Set<DocumentFormat> allowed) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("no formats to write: name at least one");
        }
        this.formats = new ArrayList<>(EnumSet.copyOf(allowed));
        this.cumulative = new int[formats.size()];
        int total = 0;
        for (int i = 0; i < formats.size(); i++) {
            total += WEIGHTS.get(formats.get(i));
            cumulative[i] = total;
        }
    }

    public DocumentFormat pick(Random random) {
        int draw = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return formats.get(i);
            }
        }
        return formats.get(formats.size() - 1);
    }

    /** The command-line name of a format: pdf, scanned-pdf, png, tiff, docx, xlsx, eml-body, eml-attachment, txt. */
    public static String cliName(DocumentFormat format) {
        return switch (format) {
            case PDF_SCANNED -> "scanned-pdf";
            default -> format.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /**
     * Parses a comma-separated list of format names; {@code eml} means both e-mail forms and {@code all} every
     * format.
     */
    public static Set<DocumentFormat> parse(String list) {
        Set<DocumentFormat> formats = EnumSet.noneOf(DocumentFormat.class);
        for (String raw : list.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            switch (name) {
                case "all" -> formats.addAll(EnumSet.allOf(DocumentFormat.class));
                case "eml" -> formats.addAll(EnumSet.of(DocumentFormat.EML_BODY, DocumentFormat.EML_ATTACHMENT));
                default -> formats.add(byName(name));
            }
        }
        return formats;
    }

    private static DocumentFormat byName(String name) {
        for (DocumentFormat format : DocumentFormat.values()) {
            if (cliName(format).equals(name) || format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        List<String> known = new ArrayList<>();
        for (DocumentFormat format : DocumentFormat.values()) {
            known.add(cliName(format));
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; known: " + String.join(", ", known)
                + ", eml, all");
    }
}
