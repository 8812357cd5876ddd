package dev.manifests.job.validate;

import dev.manifests.schema.Carrier;
import dev.manifests.schema.Container;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.FreightTerms;
import dev.manifests.schema.Location;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;
import java.time.LocalDate;
import java.util.List;

/** A bill of lading that passes every rule, for tests to break one field at a time. */
final class Manifests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    /** The text of the document {@link #valid()} comes from, as far as identifiers and stated totals go. */
    static final String PRINTED = "BILL OF LADING No. MAEU240012345  Booking 7788123\n"
            + "Containers: CSQU3054383 seal SE-1, MSKU9070323\n"
            + "TOTAL: 2 CONTAINERS  200 PACKAGES  30,350.500 KGS  95.3 CBM\n";

    private Manifests() {
    }

    static ShippingDocument valid() {
        return ShippingDocument.newBuilder()
                .setDocumentId("bl-0001")
                .setDocumentType(DocumentType.BILL_OF_LADING)
                .setBillOfLadingNumber("MAEU240012345")
                .setBookingNumber("7788123")
                .setShipper(party("ACME MASCHINENBAU GMBH", "Industriestrasse 5, 20095 Hamburg, Germany", "DE"))
                .setConsignee(party("GLOBEX TRADING LLC", "100 Harbor Blvd, Newark, NJ 07114, USA", "US"))
                .setNotifyParty(null)
                .setCarrier(Carrier.newBuilder().setName("Maersk A/S").setScac("MAEU").build())
                .setVesselName("MAERSK ESSEN")
                .setVoyageNumber("245W")
                .setPortOfLoading(location("Hamburg", "DEHAM"))
                .setPortOfDischarge(location("Newark", "USEWR"))
                .setPlaceOfReceipt(null)
                .setPlaceOfDelivery(location("Chicago", "USCHI"))
                .setDateOfIssue(LocalDate.of(2026, 11, 2))
                .setShippedOnBoardDate(LocalDate.of(2026, 10, 30))
                .setFreightTerms(FreightTerms.PREPAID)
                .setContainers(List.of(
                        container("CSQU3054383", 120, 18250.5, 55.2, "845811"),
                        container("MSKU9070323", 80, 12100.0, 40.1, "847130")))
                .setTotals(Totals.newBuilder()
                        .setContainerCount(2).setPackageCount(200).setGrossWeightKg(30350.5).setVolumeM3(95.3)
                        .build())
                .build();
    }

    static Container container(String number, int packages, double grossKg, Double volumeM3, String... hsCodes) {
        return Container.newBuilder()
                .setContainerNumber(number)
                .setSealNumber("SL" + number.substring(4))
                .setSizeTypeCode("45G1")
                .setPackageCount(packages)
                .setPackageType("CARTONS")
                .setGrossWeightKg(grossKg)
                .setVolumeM3(volumeM3)
                .setDescription("MACHINE PARTS")
                .setHsCodes(List.of(hsCodes))
                .build();
    }

    static Location location(String name, String unlocode) {
        return Location.newBuilder().setName(name).setUnlocode(unlocode).build();
    }

    private static Party party(String name, String address, String country) {
        return Party.newBuilder().setName(name).setAddress(address).setCountryCode(country).build();
    }
}
