package dev.manifests.samples.layout;

import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.schema.Container;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A forwarder's e-mail that states the shipment in free-text sentences instead of a form. */
final class EmailNarrativeLayout implements Layout {

    private static final List<String> GREETINGS = List.of("Dear Customer,", "Dear all,", "Hello team,",
            "Dear Sirs,");

    @Override
    public String id() {
        return "email-narrative";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random);
        int variant = random.nextInt(12);
        Font font = random.nextBoolean() ? Font.sans(10) : Font.serif(10.5f);
        Sheet sheet = new Sheet(Page.LETTER_WIDTH, Page.LETTER_HEIGHT, 60);
        String issuer = Words.issuer(document, random);
        String title = Words.title(document.getDocumentType(), variant);
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(PrintStyle.pick(GREETINGS, random));
        StringBuilder first = new StringBuilder("We confirm the details of " + "the " + title
                + " no. " + document.getBillOfLadingNumber());
        if (document.getBookingNumber() != null) {
            first.append(" (booking ").append(document.getBookingNumber()).append(")");
        }
        first.append(", issued by ").append(issuer);
        if (document.getDateOfIssue() != null) {
            first.append(" on ").append(style.date(document.getDateOfIssue()));
        }
        first.append(". The ocean carrier is ").append(document.getCarrier().getName());
        if (document.getCarrier().getScac() != null) {
            first.append(" (SCAC ").append(document.getCarrier().getScac()).append(")");
        }
        first.append('.');
        paragraphs.add(first.toString());
        StringBuilder route = new StringBuilder("The cargo ");
        if (document.getPlaceOfReceipt() != null) {
            route.append("was received at ").append(style.place(document.getPlaceOfReceipt())).append(" and ");
        }
        route.append("is loaded at ").append(style.place(document.getPortOfLoading()));
        if (document.getVesselName() != null) {
            route.append(" on board the vessel ").append(document.getVesselName());
        }
        if (document.getVoyageNumber() != null) {
            route.append(", voyage ").append(document.getVoyageNumber());
        }
        route.append(", for discharge at ").append(style.place(document.getPortOfDischarge()));
        if (document.getPlaceOfDelivery() != null) {
            route.append(" and final delivery to ").append(style.place(document.getPlaceOfDelivery()));
        }
        route.append('.');
        if (document.getShippedOnBoardDate() != null) {
            route.append(" The goods were shipped on board on ").append(style.date(document.getShippedOnBoardDate()))
                    .append('.');
        }
        if (document.getFreightTerms() != null) {
            route.append(" Freight is ").append(document.getFreightTerms().name().toLowerCase()).append('.');
        }
        paragraphs.add(route.toString());
        paragraphs.add("The shipper is " + party(document.getShipper()) + ". The consignee is "
                + party(document.getConsignee()) + ". "
                + (document.getNotifyParty() == null ? "Notify party: same as consignee."
                : "Please notify " + party(document.getNotifyParty()) + "."));
        int count = document.getContainers().size();
        paragraphs.add("The shipment consists of " + count + (count == 1 ? " container:" : " containers:"));
        for (Container container : document.getContainers()) {
            StringBuilder line = new StringBuilder("- Container " + style.container(container.getContainerNumber()));
            if (container.getSizeTypeCode() != null) {
                line.append(" (").append(container.getSizeTypeCode()).append(")");
            }
            if (container.getSealNumber() != null) {
                line.append(", seal ").append(container.getSealNumber());
            }
            line.append(", holding ").append(style.count(container.getPackageCount())).append(' ')
                    .append(container.getPackageType()).append(" of ").append(container.getDescription());
            if (!container.getHsCodes().isEmpty()) {
                line.append(" (HS ").append(String.join(", ", container.getHsCodes())).append(")");
            }
            line.append(", gross weight ").append(style.weight(container.getGrossWeightKg()));
            if (container.getVolumeM3() != null) {
                line.append(", ").append(style.volume(container.getVolumeM3()));
            }
            line.append('.');
            paragraphs.add(line.toString());
        }
        paragraphs.add("In total: " + Words.totals(document.getTotals(), style, 1).substring("Totals: ".length())
                + ".");
        paragraphs.add("Please let us know if anything needs to be amended before the documents are released.");
        paragraphs.add("Kind regards,\nExport Documentation\n" + issuer);
        for (String paragraph : paragraphs) {
            sheet.paragraph(paragraph.startsWith("- ") ? sheet.left() + 12 : sheet.left(),
                    sheet.contentWidth() - 12, paragraph, font);
            sheet.advance(paragraph.startsWith("- ") ? 2 : 8);
        }
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), issuer, sheet.finish(false, font));
    }

    private static String party(Party party) {
        StringBuilder text = new StringBuilder(party.getName());
        if (party.getAddress() != null) {
            text.append(", ").append(party.getAddress());
        }
        if (party.getCountryCode() != null && party.getAddress() == null) {
            text.append(" (").append(party.getCountryCode()).append(")");
        }
        return text.toString();
    }

}
