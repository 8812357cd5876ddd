package dev.manifests.samples.values;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PatternsTest {

    @Test
    void expandsDigitsLettersAndDirectionsKeepingLiterals() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            assertThat(Patterns.expand("MAEU#########", random)).matches("MAEU[0-9]{9}");
            assertThat(Patterns.expand("MEDU@@######", random)).matches("MEDU[A-Z]{2}[0-9]{6}");
            assertThat(Patterns.expand("###^", random)).matches("[0-9]{3}[NSEW]");
            assertThat(Patterns.expand("**-*", random)).matches("[A-Z0-9]{2}-[A-Z0-9]");
        }
    }

    @Test
    void winAnsiAcceptsLatinOneAndEuroButNotPolishOrCyrillic() {
        assertThat(WinAnsi.canPrint("Müller & Söhne, Großstraße 5, 12 € – Œuvre")).isTrue();
        assertThat(WinAnsi.canPrint("Gdańsk")).isFalse();
        assertThat(WinAnsi.canPrint("Москва")).isFalse();
    }
}
