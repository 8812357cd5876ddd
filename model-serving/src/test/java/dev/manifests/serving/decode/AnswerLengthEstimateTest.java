package dev.manifests.serving.decode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerLengthEstimateTest {

    @Test
    void countsEachContainerNumberOnceHoweverItIsSpaced() {
        String text = "MSKU1234565 20 CARTONS\nTGHU 765432-1 4 PALLETS\nsummary: MSKU 123456 5, TGHU7654321";
        assertThat(AnswerLengthEstimate.containersIn(text)).isEqualTo(2);
    }

    @Test
    void growsByTheFixedAmountPerContainer() {
        AnswerLengthEstimate estimate = new AnswerLengthEstimate(500, 120);
        assertThat(estimate.estimate("BILL OF LADING no containers")).isEqualTo(500);
        assertThat(estimate.estimate("MSKU1234565\nTGHU7654321")).isEqualTo(740);
    }
}
