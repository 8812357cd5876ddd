package dev.manifests.schema.json;

import dev.manifests.schema.ShippingDocument;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    private final ShippingDocument document = SampleRecords.billOfLading();

    @Test
    void modelJsonRoundTripsWithAccentsQuotesAndNulls() throws Exception {
        String json = CanonicalJson.toModelJson(document);

        ShippingDocument parsed = CanonicalJson.fromJson(json, "doc-0001");

        assertThat(parsed).isEqualTo(document);
        assertThat(CanonicalJson.toModelJson(parsed)).isEqualTo(json);
    }

    @Test
    void fullJsonRoundTripsWithItsOwnDocumentId() throws Exception {
        String json = CanonicalJson.toJson(document);

        assertThat(json).startsWith("{\"documentId\":\"doc-0001\",\"documentType\":\"BILL_OF_LADING\"");
        assertThat(CanonicalJson.fromJson(json, null)).isEqualTo(document);
    }

    @Test
    void argumentDocumentIdWinsOverTheJson() throws Exception {
        assertThat(CanonicalJson.fromJson(CanonicalJson.toJson(document), "other").getDocumentId()).isEqualTo("other");
    }

    @Test
    void modelJsonLeavesOutPipelineFieldsAndWritesNulls() {
        String json = CanonicalJson.toModelJson(document);

        assertThat(json).startsWith("{\"documentType\":\"BILL_OF_LADING\",\"billOfLadingNumber\":\"MAEU123456789\","
                + "\"bookingNumber\":null,\"shipper\":{\"name\":\"Société Générale d'Exportation S.à r.l.\"");
        assertThat(json).doesNotContain("documentId").contains("\"notifyParty\":null");
    }

    @Test
    void writesCompactJsonWithCanonicalNumbersDatesAndEscapes() {
        String json = CanonicalJson.toModelJson(document);

        assertThat(json).doesNotContain(": ").doesNotContain(", \"");
        assertThat(json).contains("\"grossWeightKg\":20000,").contains("\"grossWeightKg\":1234.567,")
                .contains("\"volumeM3\":67.5").contains("\"dateOfIssue\":\"2025-03-07\"")
                .contains("\"freightTerms\":\"PREPAID\"")
                .contains("\"description\":\"Ceramic tableware, \\\"porcelain\\\" sets\\\\boxed\"")
                .contains("Machine parts\\u0009for pumps")
                .contains("\"hsCodes\":[\"841370\",\"848180\"]");
    }

    @Test
    void decimalsNeverUseExponentNotation() {
        assertThat(CanonicalJson.decimal(20000.0)).isEqualTo("20000");
        assertThat(CanonicalJson.decimal(1e7)).isEqualTo("10000000");
        assertThat(CanonicalJson.decimal(0.0004)).isEqualTo("0");
        assertThat(CanonicalJson.decimal(0.0005)).isEqualTo("0.001");
        assertThat(CanonicalJson.decimal(12.10)).isEqualTo("12.1");
        assertThat(CanonicalJson.decimal(1234.5678)).isEqualTo("1234.568");
    }

    @Test
    void rejectsWrongTypeNamingTheContainerPath() {
        String json = CanonicalJson.toModelJson(document).replace("\"grossWeightKg\":1234.567", "\"grossWeightKg\":\"heavy\"");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("containers[1].grossWeightKg: wrong type: expected number, found string");
    }

    @Test
    void rejectsMissingRequiredField() {
        String json = CanonicalJson.toModelJson(document).replace("\"packageCount\":10,", "");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d"))
                .hasMessage("containers[1].packageCount: missing");
    }

    @Test
    void rejectsMissingDocumentIdWhenNoneIsGiven() {
        assertThatThrownBy(() -> CanonicalJson.fromJson(CanonicalJson.toModelJson(document), null))
                .hasMessage("documentId: missing");
    }

    @Test
    void rejectsBadDate() {
        String json = CanonicalJson.toModelJson(document).replace("2025-03-07", "2025-02-30");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d"))
                .hasMessageStartingWith("dateOfIssue: bad date '2025-02-30'");
    }

    @Test
    void rejectsUnknownEnumSymbol() {
        String json = CanonicalJson.toModelJson(document).replace("\"PREPAID\"", "\"PAID\"");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d"))
                .hasMessage("freightTerms: unknown enum symbol 'PAID' (expected one of PREPAID, COLLECT)");
    }

    @Test
    void rejectsUnknownField() {
        String json = CanonicalJson.toModelJson(document).replace("\"scac\":\"MAEU\"", "\"scac\":\"MAEU\",\"iata\":\"X\"");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d")).hasMessage("carrier.iata: unknown field");
    }

    @Test
    void rejectsNullInRequiredField() {
        String json = CanonicalJson.toModelJson(document).replace("\"name\":\"Hamburg\"", "\"name\":null");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d"))
                .hasMessage("portOfDischarge.name: wrong type: expected string, found null");
    }

    @Test
    void rejectsFractionalCount() {
        String json = CanonicalJson.toModelJson(document).replace("\"containerCount\":2", "\"containerCount\":2.5");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d"))
                .hasMessage("totals.containerCount: wrong type: expected integer, found number");
    }

    @Test
    void rejectsTextThatIsNotJson() {
        String truncated = CanonicalJson.toModelJson(document).substring(0, 100);

        assertThatThrownBy(() -> CanonicalJson.fromJson(truncated, "d"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> CanonicalJson.fromJson("{\"documentType\":1} trailing", "d"))
                .hasMessageStartingWith("not valid JSON");
    }

    @Test
    void rejectsDuplicateKeys() {
        String json = CanonicalJson.toModelJson(document).replace("\"voyageNumber\":\"245W\"",
                "\"voyageNumber\":\"245W\",\"voyageNumber\":\"246W\"");

        assertThatThrownBy(() -> CanonicalJson.fromJson(json, "d")).hasMessageContaining("voyageNumber");
    }

    @Test
    void writesAnySchemaWithoutCodeChanges() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Probe", "fields": [
                  {"name": "id", "type": "string", "filledBy": "pipeline"},
                  {"name": "added", "type": ["null", "double"], "default": null},
                  {"name": "flag", "type": "boolean"},
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "count", "type": "long"}
                ]}""");
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", "p-1");
        record.put("added", 2.5e-4);
        record.put("flag", true);
        record.put("tags", List.of("a\u0001", "é"));
        record.put("count", 12345678901L);

        assertThat(CanonicalJson.write(record, false))
                .isEqualTo("{\"added\":0,\"flag\":true,\"tags\":[\"a\\u0001\",\"é\"],\"count\":12345678901}");
        assertThat(CanonicalJson.write(record, true)).startsWith("{\"id\":\"p-1\",\"added\":0,");
    }
}
