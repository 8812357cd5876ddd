package dev.manifests.job.metrics;

import dev.manifests.job.sink.DocumentOutcome;
import dev.manifests.job.sink.MetricsRows;
import dev.manifests.schema.ExtractionMetrics;
import dev.manifests.schema.ExtractionStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PricingTest {

    private static final Pricing PRICES = new Pricing(2.50, 2.50, 10.00);

    @Test
    void pricesDeviceTimeByTheHour() {
        // 720,000 ms is a fifth of an hour
        assertThat(PRICES.deviceCostUsd(720_000)).isCloseTo(0.50, within(1e-12));
    }

    @Test
    void pricesHostedTokensPerMillionInputAndOutput() {
        assertThat(PRICES.hostedCostUsd(1_000_000, 100_000)).isCloseTo(2.50 + 1.00, within(1e-12));
    }

    @Test
    void fillsTheMetricsRecordOfADocumentWithBothCosts() {
        DocumentOutcome outcome = dev.manifests.job.sink.SampleOutcomes.extracted(
                ExtractionStatus.REVIEW, Map.of("shipper.name", 0.2, "vesselName", 0.7));

        ExtractionMetrics metrics = MetricsRows.metricsOf(outcome, dev.manifests.job.sink.SampleOutcomes.LINEAGE, PRICES);

        assertThat(metrics.getStatus()).isEqualTo(ExtractionStatus.REVIEW);
        assertThat(metrics.getCostUsd()).isCloseTo(0.50, within(1e-12));
        assertThat(metrics.getHostedLlmCostUsd()).isCloseTo((1000 * 2.50 + 200 * 10.00) / 1e6, within(1e-12));
        assertThat(metrics.getMinConfidence()).isEqualTo(0.2);
        assertThat(metrics.getLineage().getSha256()).isEqualTo(outcome.raw().sha256());
        assertThat(metrics.getFailedStep()).isNull();
    }
}
