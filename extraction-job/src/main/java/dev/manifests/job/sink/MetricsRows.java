package dev.manifests.job.sink;

import dev.manifests.job.extract.ExtractionFigures;
import dev.manifests.job.metrics.MetricNames;
import dev.manifests.job.metrics.Pricing;
import dev.manifests.schema.ExtractionMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;

import java.util.Locale;

/**
 * Turns every document's outcome into its row of {@code extraction_metrics}, pricing its device time and what a
 * hosted LLM would have charged, and keeps the running cost gauges (cost per 1,000 documents, savings).
 */
public final class MetricsRows extends RichMapFunction<DocumentOutcome, RowData> {

    private static final long serialVersionUID = 1L;

    private final LineageContext lineage;
    private final Pricing pricing;

    private transient long documents;
    private transient double costUsd;
    private transient double hostedCostUsd;

    public MetricsRows(LineageContext lineage, Pricing pricing) {
        this.lineage = lineage;
        this.pricing = pricing;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        group.gauge(MetricNames.COST_PER_1000_DOCUMENTS, (Gauge<Double>) () -> documents == 0 ? 0.0 : costUsd / documents * 1000);
        group.gauge(MetricNames.SAVINGS_USD, (Gauge<Double>) () -> hostedCostUsd - costUsd);
        group.gauge(MetricNames.SAVINGS_FACTOR, (Gauge<Double>) () -> costUsd == 0 ? 0.0 : hostedCostUsd / costUsd);
    }

    @Override
    public RowData map(DocumentOutcome outcome) {
        ExtractionMetrics metrics = metricsOf(outcome, lineage, pricing);
        documents++;
        costUsd += metrics.getCostUsd();
        hostedCostUsd += metrics.getHostedLlmCostUsd();
        return ManifestTable.EXTRACTION_METRICS.row(metrics);
    }

    /** The metrics record of one document. */
    public static ExtractionMetrics metricsOf(DocumentOutcome outcome, LineageContext lineage, Pricing pricing) {
        ExtractionFigures figures = outcome.figures();
        return ExtractionMetrics.newBuilder()
                .setDocumentId(outcome.documentId())
                .setStatus(outcome.status())
                .setFailedStep(outcome.failedStep() == null ? null : outcome.failedStep().name().toLowerCase(Locale.ROOT))
                .setReason(outcome.reason())
                .setContentType(outcome.contentType())
                .setTextChars(outcome.textChars())
                .setTokensIn(figures.tokensIn())
                .setTokensOut(figures.tokensOut())
                .setTokensDecoded(figures.tokensDecoded())
                .setParts(figures.parts())
                .setParseMillis(outcome.parseMillis())
                .setQueueMillis(figures.queueMillis())
                .setExtractMillis(figures.extractMillis())
                .setDeviceMillis(figures.deviceMillis())
                .setCostUsd(pricing.deviceCostUsd(figures.deviceMillis()))
                .setHostedLlmCostUsd(pricing.hostedCostUsd(figures.tokensIn(), figures.tokensOut()))
                .setMinConfidence(figures.minConfidence())
                .setFieldConfidence(new java.util.HashMap<>(figures.fieldConfidence()))
                .setLineage(lineage.of(outcome.raw()))
                .build();
    }
}
