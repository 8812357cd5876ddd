package dev.manifests.samples.layout;

import dev.manifests.schema.Location;
import dev.manifests.schema.ShippingDocument;

import java.util.ArrayList;
import java.util.List;

/** Label/value pairs of a record's header fields, skipping absent values, for layouts that list them as lines. */
final class DocumentFacts {

    /** One printed field: caption and value. */
    record Fact(String label, String value) {
    }

    private DocumentFacts() {
    }

    static List<Fact> references(ShippingDocument document, Labels labels, PrintStyle style, int variant) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(Words.numberLabel(document.getDocumentType(), variant), document.getBillOfLadingNumber()));
        if (document.getBookingNumber() != null) {
            facts.add(new Fact(labels.booking(), document.getBookingNumber()));
        }
        facts.add(new Fact(labels.carrier(), document.getCarrier().getName()));
        if (document.getCarrier().getScac() != null) {
            facts.add(new Fact("SCAC", document.getCarrier().getScac()));
        }
        if (document.getVesselName() != null) {
            facts.add(new Fact(labels.vessel(), style.vessel(document.getVesselName())));
        }
        if (document.getVoyageNumber() != null) {
            facts.add(new Fact(labels.voyage(), document.getVoyageNumber()));
        }
        if (document.getDateOfIssue() != null) {
            facts.add(new Fact(labels.dateOfIssue(), style.date(document.getDateOfIssue())));
        }
        if (document.getShippedOnBoardDate() != null) {
            facts.add(new Fact(labels.shippedOnBoard(), style.date(document.getShippedOnBoardDate())));
        }
        if (document.getFreightTerms() != null) {
            facts.add(new Fact(labels.freight(), Words.freight(document.getFreightTerms(), variant + 1)));
        }
        return facts;
    }

    static List<Fact> routing(ShippingDocument document, Labels labels, PrintStyle style) {
        List<Fact> facts = new ArrayList<>();
        addPlace(facts, labels.placeOfReceipt(), document.getPlaceOfReceipt(), style);
        addPlace(facts, labels.portOfLoading(), document.getPortOfLoading(), style);
        addPlace(facts, labels.portOfDischarge(), document.getPortOfDischarge(), style);
        addPlace(facts, labels.placeOfDelivery(), document.getPlaceOfDelivery(), style);
        return facts;
    }

    private static void addPlace(List<Fact> facts, String label, Location location, PrintStyle style) {
        if (location != null) {
            facts.add(new Fact(label, style.place(location)));
        }
    }
}
