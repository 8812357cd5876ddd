package dev.manifests.schema.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Iso6346Test {

    @Test
    void computesCheckDigitOfKnownContainers() {
        assertThat(Iso6346.checkDigit("CSQU305438")).isEqualTo('3');
        assertThat(Iso6346.checkDigit("MSKU907032")).isEqualTo('3');
        assertThat(Iso6346.checkDigit("TOLU473478")).isEqualTo('7');
    }

    @Test
    void writesRemainderTenAsZero() {
        // the standard writes a remainder of 10 as 0, so such a number must still validate
        String withRemainderTen = findSerialWithRemainderTen("ABCU");
        assertThat(Iso6346.checkDigit(withRemainderTen)).isEqualTo('0');
        assertThat(Iso6346.isValid(withRemainderTen + "0")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CSQU3054383", "MSKU9070323", "CSQU 305438 3", "CSQU 305438-3", "TOLU4734787"})
    void acceptsRealContainerNumbers(String number) {
        assertThat(Iso6346.isValid(number)).isTrue();
    }

    @Test
    void rejectsContainerNumberWithWrongCheckDigit() {
        assertThat(Iso6346.isValid("CSQU3054384")).isFalse();
        assertThat(Iso6346.isValid("MSKU9070320")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "CSQU305438", "CSQX3054383", "CSQ3054383", "csqu3054383", "CSQU30543833", "C5QU3054383"})
    void rejectsMalformedContainerNumbers(String number) {
        assertThat(Iso6346.isValid(number)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(Iso6346.isValid(null)).isFalse();
    }

    @Test
    void acceptsDetachableEquipmentAndTrailerCategories() {
        String equipment = "ABCJ123456";
        String trailer = "ABCZ123456";
        assertThat(Iso6346.isValid(equipment + Iso6346.checkDigit(equipment))).isTrue();
        assertThat(Iso6346.isValid(trailer + Iso6346.checkDigit(trailer))).isTrue();
    }

    @Test
    void checkDigitRefusesMalformedInput() {
        assertThatThrownBy(() -> Iso6346.checkDigit("CSQU30543")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Iso6346.checkDigit("CSQUX05438")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String findSerialWithRemainderTen(String ownerAndCategory) {
        for (int serial = 0; serial < 1_000_000; serial++) {
            String candidate = ownerAndCategory + String.format("%06d", serial);
            if (remainder(candidate) == 10) {
                return candidate;
            }
        }
        throw new AssertionError("no serial number gives remainder 10");
    }

    /** Independent restatement of the standard's table, so the test does not reuse the code under test. */
    private static int remainder(String firstTen) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int[] values = {10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35,
            36, 37, 38};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = firstTen.charAt(i);
            int value = i < 4 ? values[letters.indexOf(c)] : c - '0';
            sum += value * (1 << i);
        }
        return sum % 11;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZIMUS772433", "ZIMU5772433", "21MU5772433", "TCLUO178367", "TCLU 0I78367", "ZIMU577Z433"})
    void readsMisreadContainerNumbersBackToTheValidOne(String misread) {
        String expected = misread.startsWith("TCLU") ? "TCLU0178367" : "ZIMU5772433";
        assertThat(Iso6346.readBack(misread)).isEqualTo(expected);
    }

    @Test
    void leavesNumbersNoReadingMakesValidAsPrinted() {
        // a document's own wrong check digit is not a misread
        assertThat(Iso6346.readBack("ZIMU5772434")).isEqualTo("ZIMU5772434");
        assertThat(Iso6346.readBack("ZIMUS772434")).isEqualTo("ZIMUS772434");
        assertThat(Iso6346.readBack("ZIMU577243")).isEqualTo("ZIMU577243");
        assertThat(Iso6346.readBack("CSQU 305438-3")).isEqualTo("CSQU 305438-3");
        assertThat(Iso6346.readBack(null)).isNull();
    }
}
