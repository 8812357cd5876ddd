package dev.manifests.job.sink;

import dev.manifests.job.extract.ExtractionFigures;
import dev.manifests.job.extract.ModelIdentity;
import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import dev.manifests.schema.ExtractionStatus;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.iceberg.types.Types;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestTableTest {

    private static <T> List<RowData> collect(org.apache.flink.api.common.functions.FlatMapFunction<T, RowData> function,
                                             T input) throws Exception {
        List<RowData> rows = new ArrayList<>();
        function.flatMap(input, new Collector<>() {
            @Override
            public void collect(RowData row) {
                rows.add(row);
            }

            @Override
            public void close() {
            }
        });
        return rows;
    }

    private static int column(ManifestTable table, String name) {
        List<Types.NestedField> columns = table.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(table.tableName() + " has no column " + name);
    }

    @Test
    void flattensTheRecordHeaderAndLineageIntoSnakeCaseColumns() {
        assertThat(ManifestTable.MANIFESTS.schema().columns()).extracting(Types.NestedField::name)
                .startsWith("document_id", "document_type", "bill_of_lading_number", "booking_number", "shipper_name")
                .contains("port_of_loading_unlocode", "carrier_scac", "totals_gross_weight_kg", "status",
                        "min_confidence", "topic", "partition", "offset", "sha256", "filename", "tika_version",
                        "model_name", "model_version", "schema_version", "ingested_at")
                .doesNotContain("containers", "container_number");
        assertThat(ManifestTable.MANIFEST_CONTAINERS.schema().columns()).extracting(Types.NestedField::name)
                .startsWith("document_id", "container_index", "container_number")
                .contains("hs_codes", "ingested_at");
        assertThat(ManifestTable.EXTRACTION_METRICS.schema().findField("field_confidence").type().isMapType()).isTrue();
        assertThat(ManifestTable.EXTRACTION_ACCURACY.schema().columns()).extracting(Types.NestedField::name)
                .startsWith("document_id", "field_path", "expected", "extracted", "correct");
    }

    @Test
    void partitionsEveryTableByDayOfIngestion() {
        for (ManifestTable table : ManifestTable.values()) {
            assertThat(table.partitionSpec().fields()).singleElement()
                    .satisfies(field -> assertThat(field.transform().toString()).isEqualTo("day"));
        }
    }

    @Test
    void writesOneManifestRowWithLineageAndOneRowPerContainer() throws Exception {
        DocumentOutcome outcome = SampleOutcomes.extracted(ExtractionStatus.EXTRACTED, Map.of("billOfLadingNumber", 0.9));

        List<RowData> manifests = collect(new ManifestRows(SampleOutcomes.LINEAGE), outcome);
        assertThat(manifests).hasSize(1);
        RowData manifest = manifests.get(0);
        ManifestTable table = ManifestTable.MANIFESTS;
        assertThat(manifest.getString(column(table, "document_id")).toString()).isEqualTo("bol-7");
        assertThat(manifest.getString(column(table, "shipper_name")).toString()).isEqualTo("Nordic Timber AB");
        assertThat(manifest.isNullAt(column(table, "notify_party_name"))).isTrue();
        assertThat(manifest.getInt(column(table, "date_of_issue"))).isEqualTo((int) LocalDate.of(2025, 3, 14).toEpochDay());
        assertThat(manifest.getString(column(table, "status")).toString()).isEqualTo("EXTRACTED");
        assertThat(manifest.getLong(column(table, "offset"))).isEqualTo(99L);
        assertThat(manifest.getString(column(table, "model_name")).toString()).isEqualTo("manifest-mini");
        assertThat(manifest.getTimestamp(column(table, "ingested_at"), 6).getMillisecond()).isEqualTo(1_741_910_400_000L);

        List<RowData> containers = collect(new ContainerRows(SampleOutcomes.LINEAGE), outcome);
        ManifestTable containerTable = ManifestTable.MANIFEST_CONTAINERS;
        assertThat(containers).extracting(row -> row.getString(column(containerTable, "container_number")).toString())
                .containsExactly("MSCU1234565", "CSQU3054383");
        assertThat(containers).extracting(row -> row.getInt(column(containerTable, "container_index"))).containsExactly(0, 1);
        assertThat(containers.get(0).getArray(column(containerTable, "hs_codes")).getString(0).toString()).isEqualTo("440710");
    }

    @Test
    void writesNoManifestRowForADeadLetter() throws Exception {
        DocumentOutcome failed = DocumentOutcome.failedToParse(SampleOutcomes.extracted(ExtractionStatus.EXTRACTED, Map.of()).raw(),
                "zero-byte document", null, 0);

        assertThat(collect(new ManifestRows(SampleOutcomes.LINEAGE), failed)).isEmpty();
        assertThat(collect(new ContainerRows(SampleOutcomes.LINEAGE), failed)).isEmpty();
    }

    @Test
    void comparesAnAuditedDocumentFieldByField() throws Exception {
        DocumentOutcome outcome = SampleOutcomes.extracted(ExtractionStatus.EXTRACTED, Map.of());
        ShippingDocument expected = CanonicalJson.fromJson(SampleOutcomes.RECORD, "bol-7");
        expected.setVesselName("MAERSK EMDEN");
        Map<String, String> headers = new java.util.HashMap<>(outcome.raw().headers());
        headers.put("expected", CanonicalJson.toJson(expected));
        RawDocument audited = new RawDocument("bol-7", outcome.raw().bytes(), headers, "manifests.raw", 1, 99L,
                1_741_910_400_000L, outcome.raw().sha256());
        DocumentOutcome auditedOutcome = new DocumentOutcome(audited, outcome.status(), null, null, outcome.contentType(),
                outcome.textChars(), outcome.parseMillis(), outcome.figures(), outcome.extractedJson(), outcome.recordJson());

        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(new CompareWithExpected(SampleOutcomes.LINEAGE)))) {
            harness.open();
            harness.processElement(auditedOutcome, 0L);
            harness.processElement(outcome, 0L);

            List<RowData> rows = harness.extractOutputValues();
            ManifestTable table = ManifestTable.EXTRACTION_ACCURACY;
            assertThat(rows).as("one row per field of the audited document only").isNotEmpty()
                    .allSatisfy(row -> assertThat(row.getString(column(table, "document_id")).toString()).isEqualTo("bol-7"));
            assertThat(rows).filteredOn(row -> !row.getBoolean(column(table, "correct")))
                    .extracting(row -> row.getString(column(table, "field_path")).toString())
                    .containsExactly("vesselName");
        }
    }
}
