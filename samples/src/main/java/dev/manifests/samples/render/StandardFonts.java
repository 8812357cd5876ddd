package dev.manifests.samples.render;

import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The PDF Standard 14 fonts behind the page model's {@link Font}s, and text measurement with their metrics, so
 * layouts place and wrap text exactly as the PDF shows it. Only WinAnsi characters can be printed.
 */
public final class StandardFonts {

    private static final Map<Font.Family, Standard14Fonts.FontName> REGULAR = new EnumMap<>(Map.of(
            Font.Family.SANS, Standard14Fonts.FontName.HELVETICA,
            Font.Family.SERIF, Standard14Fonts.FontName.TIMES_ROMAN,
            Font.Family.MONO, Standard14Fonts.FontName.COURIER));
    private static final Map<Font.Family, Standard14Fonts.FontName> BOLD = new EnumMap<>(Map.of(
            Font.Family.SANS, Standard14Fonts.FontName.HELVETICA_BOLD,
            Font.Family.SERIF, Standard14Fonts.FontName.TIMES_BOLD,
            Font.Family.MONO, Standard14Fonts.FontName.COURIER_BOLD));

    /** PDFBox fonts cache glyph widths in plain maps, so each thread measures with its own instances. */
    private static final ThreadLocal<Map<Standard14Fonts.FontName, PDType1Font>> MEASURING =
            ThreadLocal.withInitial(() -> new EnumMap<>(Standard14Fonts.FontName.class));

    private StandardFonts() {
    }

    static Standard14Fonts.FontName fontName(Font font) {
        return (font.bold() ? BOLD : REGULAR).get(font.family());
    }

    /** This thread's font for measuring; PDF writers use {@link #forOneDocument()} because saving marks fonts. */
    static PDType1Font pdfFont(Font font) {
        return MEASURING.get().computeIfAbsent(fontName(font), PDType1Font::new);
    }

    /** Fresh font objects for one PDF document, so documents written on different threads share nothing. */
    static Function<Font, PDType1Font> forOneDocument() {
        Map<Standard14Fonts.FontName, PDType1Font> fonts = new EnumMap<>(Standard14Fonts.FontName.class);
        return font -> fonts.computeIfAbsent(fontName(font), PDType1Font::new);
    }

    /** Width of {@code text} in points; fails with IllegalArgumentException for characters outside WinAnsi. */
    public static float width(String text, Font font) {
        try {
            return pdfFont(font).getStringWidth(text) / 1000f * font.sizePt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Breaks {@code text} into lines no wider than {@code maxWidth}, at spaces; a word wider than the line is
     * broken only when it cannot fit alone.
     */
    public static List<String> wrap(String text, Font font, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, font) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (width(rest, font) > maxWidth && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(rest.substring(0, cut), font) > maxWidth) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
