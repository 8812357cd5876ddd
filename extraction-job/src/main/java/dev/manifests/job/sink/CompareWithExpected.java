package dev.manifests.job.sink;

import dev.manifests.job.metrics.MetricNames;
import dev.manifests.schema.AccuracyRow;
import dev.manifests.schema.Lineage;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.FieldComparison;
import dev.manifests.schema.json.FieldOutcome;
import dev.manifests.schema.json.InvalidRecordException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each audited document (one that carried the {@code expected} header) with what the job made of it,
 * field by field, into rows of {@code extraction_accuracy}. A document that failed or broke a rule is compared
 * too, with the model's JSON when it fits the schema and with nothing otherwise, so accuracy counts every audited
 * document and not only the ones that got through.
 */
public final class CompareWithExpected extends RichFlatMapFunction<DocumentOutcome, RowData> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CompareWithExpected.class);

    private final LineageContext lineage;

    private transient Counter audited;
    private transient Counter unreadableExpected;
    private transient long fields;
    private transient long correctFields;

    public CompareWithExpected(LineageContext lineage) {
        this.lineage = lineage;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        audited = group.counter(MetricNames.AUDITED_DOCUMENTS);
        unreadableExpected = group.counter(MetricNames.UNREADABLE_EXPECTED);
        group.gauge(MetricNames.AUDIT_ACCURACY, (Gauge<Double>) () -> fields == 0 ? 0.0 : (double) correctFields / fields);
    }

    @Override
    public void flatMap(DocumentOutcome outcome, Collector<RowData> out) {
        if (!outcome.raw().audited()) {
            return;
        }
        ShippingDocument expected;
        try {
            expected = CanonicalJson.fromJson(outcome.raw().expectedJson(), outcome.documentId());
        } catch (InvalidRecordException e) {
            // the sender's expectation is broken, not the document: count it and say so, the document itself is
            // already accounted for in the other tables
            unreadableExpected.inc();
            LOG.warn("document {}: its expected header is not a ShippingDocument ({}); no accuracy rows",
                    outcome.documentId(), e.getMessage());
            return;
        }
        audited.inc();
        Lineage rowLineage = lineage.of(outcome.raw());
        for (FieldOutcome field : FieldComparison.compare(expected, extracted(outcome))) {
            fields++;
            if (field.correct()) {
                correctFields++;
            }
            out.collect(ManifestTable.EXTRACTION_ACCURACY.row(AccuracyRow.newBuilder()
                    .setDocumentId(outcome.documentId())
                    .setFieldPath(field.path())
                    .setExpected(field.expected())
                    .setExtracted(field.extracted())
                    .setCorrect(field.correct())
                    .setLineage(rowLineage)
                    .build()));
        }
    }

    /** The record the job made of the document, or null when it made none that fits the schema. */
    private static ShippingDocument extracted(DocumentOutcome outcome) {
        String json = outcome.recordJson() != null ? outcome.recordJson() : outcome.extractedJson();
        if (json == null) {
            return null;
        }
        try {
            return CanonicalJson.fromJson(json, outcome.documentId());
        } catch (InvalidRecordException e) {
            return null;
        }
    }
}
