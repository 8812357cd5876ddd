package dev.manifests.schema.codes;

/**
 * The letters and digits OCR takes for one another in printed codes: O and 0, I and L for 1, S and 5, B and 8, Z and
 * 2, G and 6. The decoder matches codes against scanned text up to these, and container numbers, whose letters and
 * digits each have their own places, are read back through them.
 */
public final class OcrConfusions {

    private OcrConfusions() {
    }

    /** The digit OCR reads a letter as, if it is one of the confused letters (either case); else the character. */
    public static char digitFor(char c) {
        return switch (c) {
            case 'O', 'o' -> '0';
            case 'I', 'i', 'L', 'l' -> '1';
            case 'S', 's' -> '5';
            case 'B', 'b' -> '8';
            case 'Z', 'z' -> '2';
            case 'G', 'g' -> '6';
            default -> c;
        };
    }

    /** The upper-case letter OCR reads a digit as, if it is one of the confused digits; else the character. */
    public static char letterFor(char c) {
        return switch (c) {
            case '0' -> 'O';
            case '1' -> 'I';
            case '5' -> 'S';
            case '8' -> 'B';
            case '2' -> 'Z';
            case '6' -> 'G';
            default -> c;
        };
    }
}
