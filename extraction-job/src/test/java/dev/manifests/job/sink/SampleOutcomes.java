package dev.manifests.job.sink;

import dev.manifests.job.extract.ExtractionFigures;
import dev.manifests.job.extract.ModelIdentity;
import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import dev.manifests.schema.ExtractionStatus;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A valid document's outcome and lineage, shared by the sink and metrics tests. */
public final class SampleOutcomes {

    private SampleOutcomes() {
    }

    /** A valid record in canonical JSON, pipeline fields included. */
    public static final String RECORD = "{\"documentId\":\"bol-7\",\"documentType\":\"BILL_OF_LADING\","
            + "\"billOfLadingNumber\":\"MAEU123456789\",\"bookingNumber\":null,"
            + "\"shipper\":{\"name\":\"Nordic Timber AB\",\"address\":\"Hamngatan 1, Gothenburg\",\"countryCode\":\"SE\"},"
            + "\"consignee\":{\"name\":\"Hamburg Imports GmbH\",\"address\":null,\"countryCode\":\"DE\"},"
            + "\"notifyParty\":null,\"carrier\":{\"name\":\"Maersk\",\"scac\":\"MAEU\"},"
            + "\"vesselName\":\"MAERSK ELBA\",\"voyageNumber\":\"245W\","
            + "\"portOfLoading\":{\"name\":\"Gothenburg\",\"unlocode\":\"SEGOT\"},"
            + "\"portOfDischarge\":{\"name\":\"Hamburg\",\"unlocode\":\"DEHAM\"},"
            + "\"placeOfReceipt\":null,\"placeOfDelivery\":null,\"dateOfIssue\":\"2025-03-14\","
            + "\"shippedOnBoardDate\":null,\"freightTerms\":\"PREPAID\","
            + "\"containers\":[{\"containerNumber\":\"MSCU1234565\",\"sealNumber\":\"SE-1\",\"sizeTypeCode\":\"22G1\","
            + "\"packageCount\":10,\"packageType\":\"PALLETS\",\"grossWeightKg\":1200.5,\"volumeM3\":null,"
            + "\"description\":\"SAWN TIMBER\",\"hsCodes\":[\"440710\"]},"
            + "{\"containerNumber\":\"CSQU3054383\",\"sealNumber\":null,\"sizeTypeCode\":null,"
            + "\"packageCount\":5,\"packageType\":\"CRATES\",\"grossWeightKg\":800,\"volumeM3\":12.5,"
            + "\"description\":\"PLANED BOARDS\",\"hsCodes\":[]}],"
            + "\"totals\":{\"containerCount\":2,\"packageCount\":15,\"grossWeightKg\":2000.5,\"volumeM3\":null}}";

    public static final LineageContext LINEAGE = new LineageContext("3.3.1", new ModelIdentity("manifest-mini", "1.0.0"), "1.0");

    public static DocumentOutcome extracted(ExtractionStatus status, Map<String, Double> confidence) {
        byte[] bytes = "%PDF-1.7".getBytes(StandardCharsets.UTF_8);
        RawDocument raw = new RawDocument("bol-7", bytes, Map.of("filename", "bol-7.pdf"), "manifests.raw", 1, 99L,
                1_741_910_400_000L, ReadRawDocument.sha256(bytes));
        ExtractionFigures figures = new ExtractionFigures(confidence, 1000, 200, 60, 1, 5, 900, 720_000.0);
        return new DocumentOutcome(raw, status, null, null, "application/pdf", 1500, 30, figures, RECORD, RECORD);
    }
}
