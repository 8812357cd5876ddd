package dev.manifests.samples.layout;

import dev.manifests.samples.render.Block;
import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.render.StandardFonts;
import dev.manifests.schema.ShippingDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.manifests.samples.layout.ContainerColumns.Kind;
import static dev.manifests.samples.layout.ContainerColumns.spec;

/**
 * A forwarder's shipping advice letter: letterhead, the consignee as addressee, a subject line naming the
 * document, a two-column particulars table and the container table, closed with a signature.
 */
final class AdviceLetterLayout implements Layout {

    private static final List<ContainerColumns.Spec> COLUMNS = List.of(
            spec(Kind.CONTAINER, "Container", 1.2f),
            spec(Kind.SIZE_TYPE, "ISO type", 0.6f),
            spec(Kind.SEAL, "Seal", 0.9f),
            spec(Kind.PACKAGES, "Packages", 1.1f),
            spec(Kind.WEIGHT, "Gross weight ({W})", 1.0f),
            spec(Kind.VOLUME, "Volume ({V})", 0.8f),
            spec(Kind.DESCRIPTION_AND_HS, "Goods", 2.2f));

    @Override
    public String id() {
        return "advice-letter";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random).withDate(PrintStyle.DateStyle.LONG);
        int variant = random.nextInt(12);
        Sheet sheet = new Sheet(Page.A4_WIDTH, Page.A4_HEIGHT, 50);
        String issuer = PrintStyle.pick(Words.FORWARDERS, random);
        String title = Words.title(document.getDocumentType(), variant);
        Font text = Font.serif(10);
        Font small = Font.serif(8);
        sheet.runningHeader(s -> {
            s.lineAt(small, s.left(), issuer, s.right() - 160, "Re: " + document.getBillOfLadingNumber()
                    + " (continued)");
            s.advance(6);
        });
        Font logo = Font.serifBold(18);
        sheet.add(new Block.Logo(sheet.right() - StandardFonts.width(issuer, logo), sheet.y() + 18, issuer, logo,
                false));
        sheet.advance(24);
        sheet.rightAligned("International Freight Forwarding - Sea - Air - Road", small);
        sheet.advance(18);
        sheet.line(sheet.left(), "To:", text.asBold());
        for (String line : PrintStyle.party(document.getConsignee())) {
            sheet.line(sheet.left(), line, text);
        }
        sheet.advance(10);
        if (document.getDateOfIssue() != null) {
            sheet.rightAligned("Date: " + style.date(document.getDateOfIssue()), text);
        }
        sheet.advance(10);
        sheet.line(sheet.left(), "Re: SHIPPING ADVICE - " + title + " No. " + document.getBillOfLadingNumber(),
                Font.serifBold(11));
        sheet.advance(8);
        sheet.paragraph(sheet.left(), sheet.contentWidth(), "Dear Sirs, we are pleased to advise the shipment"
                + " detailed below, which has been carried out on behalf of our principals. Please arrange customs"
                + " clearance and collection in good time to avoid demurrage.", text);
        sheet.advance(8);
        List<List<List<String>>> rows = new ArrayList<>();
        List<DocumentFacts.Fact> facts = new ArrayList<>(DocumentFacts.references(document, Labels.CONSIGNOR,
                style, variant));
        facts.addAll(DocumentFacts.routing(document, Labels.CONSIGNOR, style));
        float labelWidth = sheet.contentWidth() * 0.3f;
        float valueWidth = sheet.contentWidth() - labelWidth;
        for (DocumentFacts.Fact fact : facts) {
            rows.add(List.of(List.of(fact.label()), List.of(fact.value())));
        }
        rows.add(List.of(List.of("Shipper"), wrap(PrintStyle.party(document.getShipper()), small, valueWidth)));
        rows.add(List.of(List.of("Notify party"), document.getNotifyParty() == null ? List.of("Same as consignee")
                : wrap(PrintStyle.party(document.getNotifyParty()), small, valueWidth)));
        sheet.table(sheet.left(), List.of(new Block.Column("Particulars", labelWidth),
                new Block.Column("Details", valueWidth)), rows, Font.serifBold(8.5f), Font.serif(8.5f), true, null);
        sheet.advance(10);
        Font body = Font.serif(8);
        ContainerColumns.Laid laid = ContainerColumns.lay(document.getContainers(), COLUMNS, sheet.contentWidth(),
                Font.serifBold(8), body, style);
        sheet.table(sheet.left(), laid.columns(), laid.rows(), Font.serifBold(8), body, true,
                "Containers (continued)");
        sheet.advance(6);
        sheet.line(sheet.left(), Words.totals(document.getTotals(), style, variant), text.asBold());
        sheet.advance(14);
        sheet.line(sheet.left(), "Yours faithfully,", text);
        sheet.advance(20);
        sheet.line(sheet.left(), "for " + issuer, text);
        sheet.line(sheet.left(), "Export Operations", small);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), issuer, sheet.finish(sheet.pageCount() > 1, small));
    }

    private static List<String> wrap(List<String> lines, Font font, float width) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(StandardFonts.wrap(line, font, width - 6));
        }
        return wrapped;
    }
}
