package dev.manifests.serving.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PrintedTextTest {

    private static byte[] piece(String text) {
        return PrintedText.reduce(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void matchesUpToCaseSpacingAndPunctuation() {
        PrintedText printed = PrintedText.of("Carrier: HAPAG-LLOYD AG\nContainer DFSU 904704-4");
        PrintedText.Copy carrier = printed.start();
        carrier.extend(piece("Hapag"));
        assertThat(carrier.allows(piece(" Lloyd"))).isTrue();
        assertThat(carrier.allows(piece(" Lloid"))).isFalse();
        assertThat(printed.start().allows(piece("DFSU9047044"))).isTrue();
    }

    @Test
    void followsEveryOccurrenceUntilTheValueTellsThemApart() {
        PrintedText printed = PrintedText.of("TGBU 3544744 and TGBU 7348343");
        PrintedText.Copy number = printed.start();
        number.extend(piece("TGBU"));
        assertThat(number.allows(piece("7"))).isTrue();
        assertThat(number.allows(piece("3"))).isTrue();
        number.extend(piece("73"));
        assertThat(number.allows(piece("5"))).isFalse();
        assertThat(number.allows(piece("48343"))).isTrue();
        assertThat(number.holds()).isTrue();
    }

    @Test
    void punctuationAloneIsAlwaysAllowedAndNonAsciiLettersMustMatch() {
        PrintedText printed = PrintedText.of("Müller GmbH");
        PrintedText.Copy name = printed.start();
        assertThat(name.allows(piece(", "))).isTrue();
        assertThat(name.allows(piece("Mül"))).isTrue();
        assertThat(name.allows(piece("Mul"))).isFalse();
    }
}
