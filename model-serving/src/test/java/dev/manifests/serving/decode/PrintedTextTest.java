package dev.manifests.serving.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PrintedTextTest {

    private static byte[] piece(String text) {
        return PrintedText.reduce(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCodeIsPrintedOnlyAsWordsOfItsOwnUpToWhatOcrConfuses() {
        PrintedText printed = PrintedText.of("Manifest No.: HLCUVKY394098336\nANNU 968377-6 seal 0OU304564, voy. 412E");
        assertThat(printed.printsCode(bytes("HLCUVKY394098336"))).isTrue();
        assertThat(printed.printsCode(bytes("HLCU"))).as("the start of a longer word").isFalse();
        assertThat(printed.printsCode(bytes("VKY394098336"))).as("the end of a longer word").isFalse();
        assertThat(printed.printsCode(bytes("ANNU9683776"))).as("printed as several words").isTrue();
        assertThat(printed.printsCode(bytes("ANNU"))).isTrue();
        assertThat(printed.printsCode(bytes("OOU304564"))).as("0 read for O").isTrue();
        assertThat(printed.printsCode(bytes("OOU3O4S64"))).isTrue();
        assertThat(printed.printsCode(bytes("412E"))).isTrue();
        assertThat(printed.printsCode(bytes("412F"))).isFalse();
        assertThat(printed.printsCode(bytes("-/"))).as("no letter or digit").isFalse();
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

    @Test
    void aValueStartsOnlyWhereAPrintedWordStarts() {
        PrintedText printed = PrintedText.of("two thousands abc cartons");
        assertThat(printed.start().allows(piece("sab"))).isFalse();
        assertThat(printed.start().allows(piece("sand"))).isFalse();
        assertThat(printed.start().allows(piece("abc"))).isTrue();
        assertThat(printed.start().allows(piece("Thousand"))).isTrue();
        PrintedText.Copy value = printed.start();
        value.extend(piece("ab"));
        assertThat(value.allows(piece("c"))).isTrue();
    }

    @Test
    void knowsWhenAValueStopsInsideAPrintedWordWhereverItOccurs() {
        PrintedText printed = PrintedText.of("Carrier: Matson Navigation Company, Inc. (MATSON NAVIG.)");
        PrintedText.Copy carrier = printed.start();
        carrier.extend(piece("Matson Nav"));
        assertThat(carrier.midWord()).isTrue();
        carrier.extend(piece("ig"));
        assertThat(carrier.midWord()).as("NAVIG. ends a word").isFalse();
        carrier.extend(piece("ation"));
        assertThat(carrier.midWord()).isFalse();
        carrier.extend(piece(" Comp"));
        assertThat(carrier.midWord()).isTrue();
        assertThat(printed.start().midWord()).as("an empty value").isFalse();
    }

    @Test
    void theEndOfTheTextEndsAWordAndANonAsciiCharacterIsALetter() {
        PrintedText printed = PrintedText.of("Müller GmbH");
        PrintedText.Copy name = printed.start();
        name.extend(piece("M"));
        assertThat(name.midWord()).isTrue();
        assertThat(printed.start().allows(piece("ller"))).as("ü does not end the word").isFalse();
        name.extend(piece("üller Gmb"));
        assertThat(name.midWord()).isTrue();
        name.extend(piece("H"));
        assertThat(name.midWord()).isFalse();
    }

    @Test
    void givesTheRestOfTheWordAsPrintedWhenItIsTheSameWhereverTheValueOccurs() {
        PrintedText printed = PrintedText.of("Carrier: Matson Navigation Co.\nBy: MATSON NAVIGATION CO.");
        PrintedText.Copy carrier = printed.start();
        carrier.extend(piece("Matson Navig"));
        assertThat(carrier.restOfWord((byte) 'g')).as("the rest printed after a g").isEqualTo(bytes("ation"));
        assertThat(carrier.restOfWord((byte) 'G')).as("the rest printed after a G").isEqualTo(bytes("ATION"));
        assertThat(carrier.restOfWord((byte) '-')).as("neither: the first").isEqualTo(bytes("ation"));

        PrintedText once = PrintedText.of("Carrier: Matson Navigation Co.\nBy: MATSON LINES");
        PrintedText.Copy value = once.start();
        value.extend(piece("MATSON NAVIG"));
        assertThat(value.restOfWord((byte) 'G')).as("the only occurrence, as printed").isEqualTo(bytes("ation"));
        value.extend(piece("ation"));
        assertThat(value.restOfWord((byte) 'n')).as("at a word end").isNull();
        assertThat(once.start().restOfWord((byte) 'n')).as("an empty value").isNull();
    }

    @Test
    void theRestOfTheWordIsTheSameBytesAtEveryOccurrenceOrNothing() {
        PrintedText printed = PrintedText.of("ZIM Integrated (ZIM Integrated) ZIM Intl");
        PrintedText.Copy carrier = printed.start();
        carrier.extend(piece("ZIM Inte"));
        assertThat(carrier.restOfWord((byte) 'e')).as("Intl no longer matches").isEqualTo(bytes("grated"));
        PrintedText.Copy shorter = printed.start();
        shorter.extend(piece("ZIM Int"));
        assertThat(shorter.restOfWord((byte) 't')).as("egrated, egrated and l").isNull();
    }

    @Test
    void theRestOfTheWordIsTakenFromTheOccurrencesInsideAWordOnly() {
        PrintedText printed = PrintedText.of("SCAC: SEAB\nCarrier: Seaboard Marine Ltd");
        PrintedText.Copy carrier = printed.start();
        carrier.extend(piece("Seab"));
        assertThat(carrier.midWord()).as("SEAB ends a word").isFalse();
        assertThat(carrier.restOfWord((byte) 'b')).isEqualTo(bytes("oard"));
        PrintedText.Copy code = PrintedText.of("SCAC: SEAB\nSCAC again: SEAB").start();
        code.extend(piece("SEAB"));
        assertThat(code.restOfWord((byte) 'B')).as("a word end everywhere").isNull();
    }

    @Test
    void theRestOfAWordEndsAtTheTextsEndAndKeepsNonAsciiBytes() {
        PrintedText printed = PrintedText.of("Consignee: Müller");
        PrintedText.Copy name = printed.start();
        name.extend(piece("M"));
        assertThat(name.restOfWord((byte) 'M')).isEqualTo(bytes("üller"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
