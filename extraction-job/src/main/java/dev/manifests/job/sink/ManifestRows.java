package dev.manifests.job.sink;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import org.apache.avro.generic.GenericData;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/** Turns each valid document into its row of the {@code manifests} table. */
public final class ManifestRows implements FlatMapFunction<DocumentOutcome, RowData> {

    private static final long serialVersionUID = 1L;

    private final LineageContext lineage;

    public ManifestRows(LineageContext lineage) {
        this.lineage = lineage;
    }

    @Override
    public void flatMap(DocumentOutcome outcome, Collector<RowData> out) throws InvalidRecordException {
        if (!outcome.valid()) {
            return;
        }
        ShippingDocument record = CanonicalJson.fromJson(outcome.recordJson(), outcome.documentId());
        GenericData.Record status = new GenericData.Record(ManifestTable.Extras.MANIFEST_STATUS);
        status.put("status", outcome.status().name());
        status.put("reviewReason", outcome.reason());
        status.put("minConfidence", outcome.figures().minConfidence());
        out.collect(ManifestTable.MANIFESTS.row(record, status, lineage.of(outcome.raw())));
    }
}
