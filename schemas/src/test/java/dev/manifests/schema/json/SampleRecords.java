package dev.manifests.schema.json;

import dev.manifests.schema.Carrier;
import dev.manifests.schema.Container;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.FreightTerms;
import dev.manifests.schema.Location;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Records built by hand for the JSON and comparison tests. */
final class SampleRecords {

    private SampleRecords() {
    }

    static ShippingDocument billOfLading() {
        List<Container> containers = new ArrayList<>();
        containers.add(Container.newBuilder()
                .setContainerNumber("MSCU1234566").setSealNumber("ML-4471920").setSizeTypeCode("45G1")
                .setPackageCount(1200).setPackageType("CARTONS").setGrossWeightKg(20000.0).setVolumeM3(67.5)
                .setDescription("Ceramic tableware, \"porcelain\" sets\\boxed").setHsCodes(new ArrayList<>(List.of("691110")))
                .build());
        containers.add(Container.newBuilder()
                .setContainerNumber("TGHU8765432").setSealNumber(null).setSizeTypeCode(null)
                .setPackageCount(10).setPackageType("PALLETS").setGrossWeightKg(1234.567).setVolumeM3(null)
                .setDescription("Machine parts\tfor pumps").setHsCodes(new ArrayList<>(List.of("841370", "848180")))
                .build());
        return ShippingDocument.newBuilder()
                .setDocumentId("doc-0001")
                .setDocumentType(DocumentType.BILL_OF_LADING)
                .setBillOfLadingNumber("MAEU123456789")
                .setBookingNumber(null)
                .setShipper(Party.newBuilder().setName("Société Générale d'Exportation S.à r.l.")
                        .setAddress("12, Rue de l'Église, 69002 Lyon, France").setCountryCode("FR").build())
                .setConsignee(Party.newBuilder().setName("Müller & Söhne GmbH").setAddress("Großstraße 5, 20095 Hamburg")
                        .setCountryCode("DE").build())
                .setNotifyParty(null)
                .setCarrier(Carrier.newBuilder().setName("Maersk A/S").setScac("MAEU").build())
                .setVesselName("MAERSK ESSEN")
                .setVoyageNumber("245W")
                .setPortOfLoading(Location.newBuilder().setName("Le Havre").setUnlocode("FRLEH").build())
                .setPortOfDischarge(Location.newBuilder().setName("Hamburg").setUnlocode("DEHAM").build())
                .setPlaceOfReceipt(null)
                .setPlaceOfDelivery(Location.newBuilder().setName("München").setUnlocode(null).build())
                .setDateOfIssue(LocalDate.of(2025, 3, 7))
                .setShippedOnBoardDate(LocalDate.of(2025, 3, 6))
                .setFreightTerms(FreightTerms.PREPAID)
                .setContainers(containers)
                .setTotals(Totals.newBuilder().setContainerCount(2).setPackageCount(1210)
                        .setGrossWeightKg(21234.567).setVolumeM3(67.5).build())
                .build();
    }
}
