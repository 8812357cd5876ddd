package dev.manifests.samples.values;

import java.nio.charset.Charset;

/**
 * The character set every generated value must fit: Windows-1252 (WinAnsiEncoding), the only one the PDF
 * Standard 14 fonts of the layouts can print.
 */
public final class WinAnsi {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private WinAnsi() {
    }

    public static boolean canPrint(String text) {
        return text == null || WINDOWS_1252.newEncoder().canEncode(text);
    }
}
