package dev.manifests.job.sink;

import dev.manifests.schema.Container;
import dev.manifests.schema.Lineage;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import org.apache.avro.generic.GenericData;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.util.List;

/** Turns each valid document into one row of {@code manifest_containers} per container, in document order. */
public final class ContainerRows implements FlatMapFunction<DocumentOutcome, RowData> {

    private static final long serialVersionUID = 1L;

    private final LineageContext lineage;

    public ContainerRows(LineageContext lineage) {
        this.lineage = lineage;
    }

    @Override
    public void flatMap(DocumentOutcome outcome, Collector<RowData> out) throws InvalidRecordException {
        if (!outcome.valid()) {
            return;
        }
        ShippingDocument record = CanonicalJson.fromJson(outcome.recordJson(), outcome.documentId());
        Lineage rowLineage = lineage.of(outcome.raw());
        List<Container> containers = record.getContainers();
        for (int index = 0; index < containers.size(); index++) {
            GenericData.Record key = new GenericData.Record(ManifestTable.Extras.CONTAINER_KEY);
            key.put("documentId", outcome.documentId());
            key.put("containerIndex", index);
            out.collect(ManifestTable.MANIFEST_CONTAINERS.row(key, containers.get(index), rowLineage));
        }
    }
}
