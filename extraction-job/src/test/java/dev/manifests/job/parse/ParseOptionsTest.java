package dev.manifests.job.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParseOptionsTest {

    @Test
    void defaultsAreTheDocumentedLimits() {
        ParseOptions defaults = ParseOptions.defaults();

        assertThat(defaults.maxBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(defaults.maxChars()).isEqualTo(200_000);
        assertThat(defaults.timeoutMillis()).isEqualTo(60_000);
        assertThat(defaults.ocrEnabled()).isTrue();
        assertThat(defaults.ocrLanguage()).isEqualTo("eng");
        assertThat(defaults.ocrPageSegmentation()).isEqualTo(6);
        assertThat(defaults.ocrEraseRuledLines()).isTrue();
    }

    @Test
    void refusesLimitsThatCannotBeMet() {
        assertThatThrownBy(() -> ParseOptions.defaults().withMaxBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> ParseOptions.defaults().withTimeoutMillis(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeoutMillis");
        assertThatThrownBy(() -> ParseOptions.defaults().withOcrLanguage("eng; rm -rf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ocrLanguage");
        assertThatThrownBy(() -> ParseOptions.defaults().withOcrPageSegmentation(14))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ocrPageSegmentation");
    }

    @Test
    void writesSizesInUnitsAnOperatorReads() {
        assertThat(DocumentParser.size(512)).isEqualTo("512 bytes");
        assertThat(DocumentParser.size(3584)).isEqualTo("3.5 KiB");
        assertThat(DocumentParser.size(16L * 1024 * 1024)).isEqualTo("16 MiB");
        assertThat(DocumentParser.size((long) (1.6 * 1024 * 1024))).isEqualTo("1.6 MiB");
    }
}
