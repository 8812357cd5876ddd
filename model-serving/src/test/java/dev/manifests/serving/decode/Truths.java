package dev.manifests.serving.decode;

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

/** Hand-written ground truths and the document texts they were read from. */
final class Truths {

    private Truths() {
    }

    /** A bill of lading with every optional field set and two containers. */
    static ShippingDocument full() {
        return new ShippingDocument("doc-1", DocumentType.BILL_OF_LADING, "MAEU245338912", "BKG778812",
                new Party("Hanse Maschinenbau GmbH", "Am Sandtorkai 12, 20457 Hamburg, Germany", "DE"),
                new Party("Pacific Tools Co. Ltd", "88 Harbour Road, Wan Chai, Hong Kong", "HK"),
                new Party("Pacific Forwarding Ltd", null, "HK"),
                new Carrier("MAERSK LINE", "MAEU"),
                "MAERSK ESSEN", "412E",
                new Location("Hamburg", "DEHAM"),
                new Location("Hong Kong", "HKHKG"),
                null,
                new Location("Shenzhen", null),
                LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1),
                FreightTerms.PREPAID,
                List.of(
                        new Container("MSKU1234565", "SL998877", "45G1", 120, "CARTONS", 12345.6, 58.25,
                                "MACHINE PARTS, SPARE GEARS", List.of("847990", "848340")),
                        new Container("TGHU7654321", null, "22G1", 20, "PALLETS", 20000.0, null,
                                "HAND TOOLS", List.of())),
                new Totals(2, 140, 32345.6, 58.25));
    }

    /** A sea waybill with every optional field null and no containers. */
    static ShippingDocument sparse() {
        return new ShippingDocument("doc-2", DocumentType.SEA_WAYBILL, "SWB0001", null,
                new Party("Nordic Fish AS", null, null),
                new Party("Iberia Foods SA", null, "ES"),
                null,
                new Carrier("CMA CGM", null),
                null, null,
                new Location("Bergen", "NOBGO"),
                new Location("Vigo", "ESVGO"),
                null, null, null, null, null,
                List.of(),
                new Totals(0, 0, 0.0, null));
    }

    /** The text of {@link #sparse()} as a document would print it. */
    static String sparseText() {
        return String.join("\n",
                "SEA WAYBILL                    No. SWB0001",
                "Shipper: Nordic Fish AS",
                "Consignee: Iberia Foods SA, Spain",
                "Carrier: CMA CGM",
                "Port of Loading: Bergen (NOBGO)   Port of Discharge: Vigo (ESVGO)");
    }

    /** The text of {@link #full()} as a document would print it. */
    static String fullText() {
        return String.join("\n",
                "BILL OF LADING                 B/L No. MAEU245338912",
                "Booking No.: BKG778812",
                "Shipper: Hanse Maschinenbau GmbH",
                "Am Sandtorkai 12, 20457 Hamburg, Germany",
                "",
                "Consignee: Pacific Tools Co. Ltd",
                "88 Harbour Road, Wan Chai, Hong Kong",
                "Notify: Pacific Forwarding Ltd, Hong Kong",
                "Carrier: MAERSK LINE (SCAC MAEU)",
                "Vessel: MV MAERSK ESSEN   Voyage: 412E",
                "Port of Loading: Hamburg (DEHAM)   Port of Discharge: Hong Kong (HKHKG)",
                "Place of Delivery: Shenzhen",
                "Date of issue: 29.02.2024   Shipped on board: 01.03.2024   FREIGHT PREPAID",
                "",
                "Container       Seal      Type  Pkgs  Kind     Weight kg  m3",
                "MSKU1234565  SL998877  45G1  120  CARTONS  12,345.6  58.25  MACHINE PARTS, SPARE GEARS  HS 847990 848340",
                "TGHU7654321            22G1  20   PALLETS  20,000.0         HAND TOOLS",
                "",
                "TOTAL: 2 containers, 140 packages, 32,345.6 kg, 58.25 m3");
    }
}
