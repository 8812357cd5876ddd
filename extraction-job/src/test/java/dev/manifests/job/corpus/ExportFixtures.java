package dev.manifests.job.corpus;

import dev.manifests.schema.Carrier;
import dev.manifests.schema.Container;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.Location;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Labelled documents for export tests. */
final class ExportFixtures {

    private ExportFixtures() {
    }

    static LabelledDocument document(String id, String format, byte[] bytes) {
        return new LabelledDocument(id, "train", "test-layout", format, false, false, bytes,
                id + "." + format.toLowerCase(Locale.ROOT), manifest(id, "MAEU" + id.hashCode()));
    }

    static ShippingDocument manifest(String documentId, String billOfLading) {
        Container container = Container.newBuilder()
                .setContainerNumber("CSQU3054383").setSealNumber(null).setSizeTypeCode("22G1")
                .setPackageCount(10).setPackageType("PALLETS").setGrossWeightKg(5000.0).setVolumeM3(null)
                .setDescription("STEEL PIPES").setHsCodes(List.of("730630")).build();
        return ShippingDocument.newBuilder()
                .setDocumentId(documentId)
                .setDocumentType(DocumentType.SEA_WAYBILL)
                .setBillOfLadingNumber(billOfLading)
                .setBookingNumber(null)
                .setShipper(Party.newBuilder().setName("ACME GMBH").setAddress(null).setCountryCode("DE").build())
                .setConsignee(Party.newBuilder().setName("GLOBEX LLC").setAddress(null).setCountryCode("US").build())
                .setNotifyParty(null)
                .setCarrier(Carrier.newBuilder().setName("MAERSK").setScac("MAEU").build())
                .setVesselName(null).setVoyageNumber(null)
                .setPortOfLoading(Location.newBuilder().setName("Hamburg").setUnlocode("DEHAM").build())
                .setPortOfDischarge(Location.newBuilder().setName("Newark").setUnlocode("USEWR").build())
                .setPlaceOfReceipt(null).setPlaceOfDelivery(null)
                .setDateOfIssue(LocalDate.of(2026, 11, 2)).setShippedOnBoardDate(null).setFreightTerms(null)
                .setContainers(List.of(container))
                .setTotals(Totals.newBuilder().setContainerCount(1).setPackageCount(10).setGrossWeightKg(5000.0)
                        .setVolumeM3(null).build())
                .build();
    }
}
