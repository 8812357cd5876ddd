package dev.manifests.serving.decode;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.serving.decode.JsonPlan.ArrayNode;
import dev.manifests.serving.decode.JsonPlan.DateNode;
import dev.manifests.serving.decode.JsonPlan.DecimalNode;
import dev.manifests.serving.decode.JsonPlan.EnumNode;
import dev.manifests.serving.decode.JsonPlan.Field;
import dev.manifests.serving.decode.JsonPlan.IntegerNode;
import dev.manifests.serving.decode.JsonPlan.Node;
import dev.manifests.serving.decode.JsonPlan.NullableNode;
import dev.manifests.serving.decode.JsonPlan.RecordNode;
import dev.manifests.serving.decode.JsonPlan.StringNode;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPlanTest {

    private final DecodeOptions options = DecodeOptions.defaults();
    private final RecordNode root = JsonPlan.of(ShippingDocument.getClassSchema(), options).root();

    @Test
    void keepsSchemaOrderAndLeavesOutPipelineFields() {
        assertThat(root.fields()).extracting(Field::name).containsExactly("documentType", "billOfLadingNumber",
                "bookingNumber", "shipper", "consignee", "notifyParty", "carrier", "vesselName", "voyageNumber",
                "portOfLoading", "portOfDischarge", "placeOfReceipt", "placeOfDelivery", "dateOfIssue",
                "shippedOnBoardDate", "freightTerms", "containers", "totals");
    }

    @Test
    void mapsEachAvroTypeToItsValueKind() {
        assertThat(field(root, "documentType")).isEqualTo(new EnumNode(
                java.util.List.of("BILL_OF_LADING", "HOUSE_BILL_OF_LADING", "SEA_WAYBILL", "CARGO_MANIFEST")));
        assertThat(field(root, "billOfLadingNumber")).isEqualTo(new StringNode(options.maxStringTokens(), true, true));
        assertThat(field(root, "bookingNumber")).isEqualTo(new NullableNode(new StringNode(options.maxStringTokens(), true, true)));
        assertThat(field(root, "vesselName")).isEqualTo(new NullableNode(new StringNode(options.maxStringTokens(), true, false)));
        RecordNode carrier = (RecordNode) field(root, "carrier");
        assertThat(field(carrier, "scac")).as("a carrier code is a code, not held to the text while written")
                .isEqualTo(new NullableNode(new StringNode(options.maxStringTokens(), false, true)));
        assertThat(field(root, "dateOfIssue")).isEqualTo(new NullableNode(new DateNode()));
        assertThat(field(root, "freightTerms")).isEqualTo(new NullableNode(new EnumNode(java.util.List.of("PREPAID", "COLLECT"))));
        Node notify = field(root, "notifyParty");
        assertThat(notify).isInstanceOf(NullableNode.class);
        assertThat(((RecordNode) ((NullableNode) notify).value()).fields()).extracting(Field::name)
                .containsExactly("name", "address", "countryCode");
        RecordNode totals = (RecordNode) field(root, "totals");
        assertThat(field(totals, "containerCount")).isEqualTo(new IntegerNode(JsonPlan.INT_DIGITS));
        assertThat(field(totals, "grossWeightKg")).isEqualTo(new DecimalNode(12, 3));
        assertThat(field(totals, "volumeM3")).isEqualTo(new NullableNode(new DecimalNode(12, 3)));
    }

    @Test
    void containersAreAnArrayOfRecordsWithAnArrayOfStrings() {
        ArrayNode containers = (ArrayNode) field(root, "containers");
        assertThat(containers.maxItems()).isEqualTo(options.maxArrayItems());
        RecordNode container = (RecordNode) containers.items();
        assertThat(container.fields()).extracting(Field::name).containsExactly("containerNumber", "sealNumber",
                "sizeTypeCode", "packageCount", "packageType", "grossWeightKg", "volumeM3", "description", "hsCodes");
        assertThat(field(container, "hsCodes")).isEqualTo(new ArrayNode(new StringNode(options.maxStringTokens(), true, true),
                options.maxArrayItems()));
    }

    @Test
    void schemaPropertiesOverrideTheBoundsOfOneField() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[
                  {"name":"code","type":"string","maxTokens":4},
                  {"name":"note","type":["null","string"],"default":null,"maxTokens":40},
                  {"name":"lines","type":{"type":"array","items":"long"},"maxItems":7},
                  {"name":"id","type":"string","filledBy":"pipeline"}]}""");
        RecordNode plan = JsonPlan.of(schema, options).root();
        assertThat(plan.fields()).extracting(Field::name).containsExactly("code", "note", "lines");
        assertThat(field(plan, "code")).isEqualTo(new StringNode(4));
        assertThat(field(plan, "note")).isEqualTo(new NullableNode(new StringNode(40)));
        assertThat(field(plan, "lines")).isEqualTo(new ArrayNode(new IntegerNode(JsonPlan.LONG_DIGITS), 7));
    }

    @Test
    void marksFieldsPrintedInTheDocumentVerbatim() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[
                  {"name":"number","type":"string","verbatim":true},
                  {"name":"codes","type":{"type":"array","items":"string"},"verbatim":true},
                  {"name":"kind","type":"string"}]}""");
        RecordNode plan = JsonPlan.of(schema, options).root();
        assertThat(((StringNode) field(plan, "number")).verbatim()).isTrue();
        assertThat(((StringNode) ((ArrayNode) field(plan, "codes")).items()).verbatim()).isTrue();
        assertThat(((StringNode) field(plan, "kind")).verbatim()).isFalse();
        RecordNode container = (RecordNode) ((ArrayNode) field(root, "containers")).items();
        assertThat(((StringNode) field(container, "packageType")).verbatim()).as("normalised, not copied").isFalse();
        assertThat(((StringNode) field(container, "containerNumber")).verbatim()).isTrue();
    }

    @Test
    void rejectsAVerbatimPropertyThatIsNotABoolean() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"number","type":"string","verbatim":"yes"}]}""");
        assertThatThrownBy(() -> JsonPlan.of(schema, options)).hasMessageContaining("field number").hasMessageContaining("verbatim");
    }

    @Test
    void rejectsUnionsOfSeveralValueTypes() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"x","type":["null","string","int"]}]}""");
        assertThatThrownBy(() -> JsonPlan.of(schema, options)).hasMessageContaining("field x");
    }

    private static Node field(RecordNode record, String name) {
        return record.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }
}
