package dev.manifests.samples.layout;

import dev.manifests.schema.Carrier;
import dev.manifests.schema.Container;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.FreightTerms;
import dev.manifests.schema.Location;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;
import dev.manifests.schema.codes.Iso6346;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Ground-truth records for layout and writer tests: every optional field filled, or every one left out. */
public final class SampleShipments {

    private SampleShipments() {
    }

    public static String containerNumber(String owner, int serial) {
        String firstTen = owner + String.format("%06d", serial);
        return firstTen + Iso6346.checkDigit(firstTen);
    }

    /** A record with every field set and {@code containerCount} containers. */
    public static ShippingDocument full(DocumentType type, int containerCount) {
        List<Container> containers = new ArrayList<>();
        double weight = 0;
        double volume = 0;
        int packages = 0;
        for (int i = 0; i < containerCount; i++) {
            double kg = 12000 + i * 1017.25 + 0.6;
            double m3 = 28.5 + i * 0.7;
            int count = 400 + i * 13;
            containers.add(Container.newBuilder()
                    .setContainerNumber(containerNumber("MSCU", 123450 + i * 7))
                    .setSealNumber("SL" + (884200 + i))
                    .setSizeTypeCode(i % 2 == 0 ? "45G1" : "22G1")
                    .setPackageCount(count)
                    .setPackageType(i % 3 == 0 ? "CARTONS" : "PALLETS")
                    .setGrossWeightKg(kg)
                    .setVolumeM3(m3)
                    .setDescription("STAINLESS STEEL KITCHEN SINKS AND FITTINGS, LOT " + (i + 1)
                            + " PACKED ON EURO PALLETS")
                    .setHsCodes(List.of("732410", i % 2 == 0 ? "848180" : "732490"))
                    .build());
            weight += kg;
            volume += m3;
            packages += count;
        }
        return ShippingDocument.newBuilder()
                .setDocumentId("sample-full")
                .setDocumentType(type)
                .setBillOfLadingNumber("MEDUHB123456")
                .setBookingNumber("BK7781220")
                .setShipper(new Party("Müller Maschinenbau GmbH", "Industriestraße 12, 20457 Hamburg, Germany", "DE"))
                .setConsignee(new Party("Pacific Home Supply Inc.", "1200 Harbor Blvd, Long Beach, CA 90802, USA",
                        "US"))
                .setNotifyParty(new Party("Coastal Customs Brokers LLC", "55 Ocean Ave, Long Beach, CA 90802",
                        "US"))
                .setCarrier(new Carrier("Mediterranean Shipping Company", "MSCU"))
                .setVesselName("MSC AURORA")
                .setVoyageNumber("FW245W")
                .setPortOfLoading(new Location("Hamburg", "DEHAM"))
                .setPortOfDischarge(new Location("Long Beach", "USLGB"))
                .setPlaceOfReceipt(new Location("Nuremberg", "DENUE"))
                .setPlaceOfDelivery(new Location("Phoenix", "USPHX"))
                .setDateOfIssue(LocalDate.of(2026, 11, 23))
                .setShippedOnBoardDate(LocalDate.of(2026, 11, 21))
                .setFreightTerms(FreightTerms.PREPAID)
                .setContainers(containers)
                .setTotals(new Totals(containerCount, packages, Math.round(weight * 1000) / 1000.0,
                        Math.round(volume * 1000) / 1000.0))
                .build();
    }

    /** A record with every optional field null. */
    public static ShippingDocument sparse(DocumentType type) {
        Container container = Container.newBuilder()
                .setContainerNumber(containerNumber("TGHU", 998877))
                .setPackageCount(12)
                .setPackageType("DRUMS")
                .setGrossWeightKg(4800)
                .setDescription("INDUSTRIAL ADHESIVE, NON HAZARDOUS")
                .setHsCodes(List.of())
                .build();
        return ShippingDocument.newBuilder()
                .setDocumentId("sample-sparse")
                .setDocumentType(type)
                .setBillOfLadingNumber("ONEYRTMA0042")
                .setShipper(new Party("Van Dijk Chemicals B.V.", null, null))
                .setConsignee(new Party("Andes Industrial S.A.", "Av. Providencia 1234, Santiago", "CL"))
                .setCarrier(new Carrier("Ocean Network Express", null))
                .setPortOfLoading(new Location("Rotterdam", "NLRTM"))
                .setPortOfDischarge(new Location("San Antonio", null))
                .setContainers(List.of(container))
                .setTotals(new Totals(1, 12, 4800.0, null))
                .build();
    }
}
