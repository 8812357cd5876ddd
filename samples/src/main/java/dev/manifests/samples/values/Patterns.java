package dev.manifests.samples.values;

import java.util.Random;

/**
 * Expands the number patterns of the data files: {@code #} a digit, {@code @} an upper-case letter, {@code *} a
 * letter or digit, {@code ^} a voyage direction (N, S, E or W); every other character stands for itself.
 */
public final class Patterns {

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LETTERS_AND_DIGITS = LETTERS + "0123456789";
    private static final String DIRECTIONS = "NSEW";

    private Patterns() {
    }

    public static String expand(String pattern, Random random) {
        StringBuilder out = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '#' -> out.append((char) ('0' + random.nextInt(10)));
                case '@' -> out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                case '*' -> out.append(LETTERS_AND_DIGITS.charAt(random.nextInt(LETTERS_AND_DIGITS.length())));
                case '^' -> out.append(DIRECTIONS.charAt(random.nextInt(DIRECTIONS.length())));
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
