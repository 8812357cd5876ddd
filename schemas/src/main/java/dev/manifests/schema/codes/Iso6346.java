package dev.manifests.schema.codes;

import java.util.Locale;

/**
 * ISO 6346 freight container numbers: owner code (3 letters), category identifier (U, J or Z), a six-digit serial
 * number and a check digit computed over the first ten characters.
 */
public final class Iso6346 {

    private Iso6346() {
    }

    /**
     * Computes the check digit of an owner code, category identifier and serial number.
     *
     * @param firstTen four letters followed by six digits, e.g. {@code "CSQU305438"}
     * @return the check digit, {@code '0'} to {@code '9'}
     * @throws IllegalArgumentException if {@code firstTen} is not four letters and six digits
     */
    public static char checkDigit(String firstTen) {
        if (firstTen == null || firstTen.length() != 10) {
            throw new IllegalArgumentException("expected 4 letters and 6 digits, got " + firstTen);
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = Character.toUpperCase(firstTen.charAt(i));
            int value;
            if (i < 4 && c >= 'A' && c <= 'Z') {
                value = letterValue(c);
            } else if (i >= 4 && c >= '0' && c <= '9') {
                value = c - '0';
            } else {
                throw new IllegalArgumentException("expected 4 letters and 6 digits, got " + firstTen);
            }
            sum += value << i;
        }
        // a remainder of 10 is written as 0 (the standard advises owners not to issue such serial numbers)
        return (char) ('0' + (sum % 11) % 10);
    }

    /**
     * Tells whether a container number is well formed and carries the right check digit. Spaces and dashes, as
     * printed on documents ("CSQU 305438-3"), are ignored; letters must be upper case.
     */
    public static boolean isValid(String containerNumber) {
        if (containerNumber == null) {
            return false;
        }
        String compact = normalise(containerNumber);
        if (!compact.matches("[A-Z]{3}[UJZ][0-9]{7}")) {
            return false;
        }
        return checkDigit(compact.substring(0, 10)) == compact.charAt(10);
    }

    /**
     * The container number a misread one stands for. Where OCR has read a letter of the owner code or category as a
     * digit, or a digit of the serial or check digit as a letter ({@code ZIMUS772433}, {@code TCLUO178367}), the
     * characters are read back through {@link OcrConfusions} to the kind their place holds; the reading is taken
     * only when it carries the right check digit. A number that is already valid, or that no such reading makes
     * valid (a document's own wrong check digit among them), is returned as it is.
     */
    public static String readBack(String containerNumber) {
        if (containerNumber == null || isValid(containerNumber)) {
            return containerNumber;
        }
        String compact = normalise(containerNumber);
        if (compact.length() != 11) {
            return containerNumber;
        }
        char[] read = compact.toUpperCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < read.length; i++) {
            read[i] = i < 4 ? OcrConfusions.letterFor(read[i]) : OcrConfusions.digitFor(read[i]);
        }
        String candidate = new String(read);
        return isValid(candidate) ? candidate : containerNumber;
    }

    /** Removes the spaces and dashes that documents print inside container numbers. */
    public static String normalise(String containerNumber) {
        return containerNumber.replaceAll("[\\s-]", "");
    }

    /** Letter values start at 10 for A and skip the multiples of 11 (11, 22, 33). */
    private static int letterValue(char letter) {
        int value = 10;
        for (char c = 'A'; c < letter; c++) {
            value++;
            if (value % 11 == 0) {
                value++;
            }
        }
        return value;
    }
}
