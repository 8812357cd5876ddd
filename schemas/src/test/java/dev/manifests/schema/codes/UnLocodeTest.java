package dev.manifests.schema.codes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnLocodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"NLRTM", "USNYC", "CNSHA", "DEHAM", "SGSIN", "GBLGP", "USLA2", "NL RTM"})
    void acceptsRealLocationCodes(String code) {
        assertThat(UnLocode.isWellFormed(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NLRT", "NLRTMX", "nlrtm", "XXRTM", "QQABC", "NLRT1", "NLRT0", "NL-RTM", "N1RTM"})
    void rejectsMalformedCodesAndUnknownCountries(String code) {
        assertThat(UnLocode.isWellFormed(code)).isFalse();
    }
}
