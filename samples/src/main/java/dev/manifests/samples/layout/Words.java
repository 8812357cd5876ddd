package dev.manifests.samples.layout;

import dev.manifests.schema.DocumentType;
import dev.manifests.schema.FreightTerms;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;

import java.util.List;
import java.util.Random;

/** Titles, number captions, totals lines and the boilerplate clauses that forms print around the data. */
final class Words {

    static final List<String> CLAUSES = List.of(
            "RECEIVED by the Carrier from the Shipper in apparent good order and condition unless otherwise"
                    + " indicated herein, the Goods, or the container(s) or package(s) said to contain the cargo herein"
                    + " mentioned, to be carried subject to all the terms and conditions provided for on the face and"
                    + " back of this Bill of Lading.",
            "SHIPPER'S LOAD, STOW AND COUNT. SAID TO CONTAIN. Weight, measure, marks, numbers, quality, contents"
                    + " and value as declared by the Shipper, unknown to the Carrier.",
            "In accepting this document the Merchant expressly accepts and agrees to all its stipulations,"
                    + " exceptions and conditions, whether written, typed, stamped or printed.",
            "IN WITNESS whereof the number of original Bills of Lading stated below all of this tenor and date has"
                    + " been signed, one of which being accomplished the others to stand void.",
            "Carrier not responsible for loss or damage howsoever arising prior to loading into and after discharge"
                    + " from the vessel. Demurrage and detention as per tariff.",
            "The Merchant warrants that the goods are packed, marked and described in compliance with applicable"
                    + " regulations. All disputes shall be subject to the jurisdiction of the courts at the Carrier's"
                    + " principal place of business.");

    static final List<String> FORWARDERS = List.of("NORDIC CARGO LINES GMBH", "PACIFIC BRIDGE LOGISTICS LTD",
            "ATLAS FREIGHT SERVICES BV", "SILVERLINE GLOBAL FORWARDING", "BLUEWATER SHIPPING AGENCIES",
            "MERIDIAN OCEAN LOGISTICS INC");

    private Words() {
    }

    static String title(DocumentType type, int variant) {
        return switch (type) {
            case BILL_OF_LADING -> List.of("BILL OF LADING", "OCEAN BILL OF LADING",
                    "BILL OF LADING FOR OCEAN TRANSPORT", "COMBINED TRANSPORT BILL OF LADING").get(variant % 4);
            case HOUSE_BILL_OF_LADING -> List.of("HOUSE BILL OF LADING", "HOUSE B/L",
                    "HOUSE BILL OF LADING (FORWARDER)").get(variant % 3);
            case SEA_WAYBILL -> List.of("SEA WAYBILL", "NON-NEGOTIABLE SEA WAYBILL").get(variant % 2);
            case CARGO_MANIFEST -> List.of("CARGO MANIFEST", "FREIGHT MANIFEST", "OUTWARD CARGO MANIFEST")
                    .get(variant % 3);
        };
    }

    /** Title for e-mail subjects and metadata. */
    static String shortTitle(DocumentType type) {
        return switch (type) {
            case BILL_OF_LADING -> "Bill of Lading";
            case HOUSE_BILL_OF_LADING -> "House Bill of Lading";
            case SEA_WAYBILL -> "Sea Waybill";
            case CARGO_MANIFEST -> "Cargo Manifest";
        };
    }

    static String numberLabel(DocumentType type, int variant) {
        return switch (type) {
            case BILL_OF_LADING -> List.of("B/L No.", "Bill of Lading No.", "B/L NUMBER").get(variant % 3);
            case HOUSE_BILL_OF_LADING -> List.of("HB/L No.", "House B/L No.", "HBL NUMBER").get(variant % 3);
            case SEA_WAYBILL -> List.of("Waybill No.", "SWB No.", "SEA WAYBILL NUMBER").get(variant % 3);
            case CARGO_MANIFEST -> List.of("Manifest No.", "Manifest Ref.", "MANIFEST NUMBER").get(variant % 3);
        };
    }

    static String freight(FreightTerms terms, int variant) {
        String word = terms == FreightTerms.PREPAID ? "PREPAID" : "COLLECT";
        return switch (variant % 3) {
            case 0 -> "FREIGHT " + word;
            case 1 -> word;
            default -> "Freight " + word.charAt(0) + word.substring(1).toLowerCase();
        };
    }

    static String issuer(ShippingDocument document, Random random) {
        if (document.getDocumentType() == DocumentType.HOUSE_BILL_OF_LADING) {
            return PrintStyle.pick(FORWARDERS, random);
        }
        return document.getCarrier().getName();
    }

    /** The totals as one line, e.g. "TOTAL: 3 CONTAINERS, 1,200 CARTONS, 45,000.000 KGS, 66.000 CBM". */
    static String totals(Totals totals, PrintStyle style, int variant) {
        StringBuilder line = new StringBuilder();
        line.append(variant % 2 == 0 ? "TOTAL: " : "Totals: ");
        line.append(style.count(totals.getContainerCount())).append(totals.getContainerCount() == 1
                ? " CONTAINER" : " CONTAINERS");
        line.append(", ").append(style.count(totals.getPackageCount())).append(" PACKAGES");
        line.append(", ").append(style.weight(totals.getGrossWeightKg()));
        if (totals.getVolumeM3() != null) {
            line.append(", ").append(style.volume(totals.getVolumeM3()));
        }
        return line.toString();
    }

    /** Noise under the table: the container count in words, as carriers print it. */
    static String sayTotal(int containers) {
        String[] words = {"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
                "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN",
                "NINETEEN", "TWENTY"};
        String word = containers < words.length ? words[containers] : Integer.toString(containers);
        return "SAY: " + word + " (" + containers + ") CONTAINER" + (containers == 1 ? "" : "S") + " ONLY";
    }
}
