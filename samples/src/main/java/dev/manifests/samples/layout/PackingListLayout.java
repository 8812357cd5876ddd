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
 * A packing-list style sheet as forwarders send with the bill: references in a grid at the top right, parties
 * stacked at the left, and a quantity table whose description column comes first.
 */
final class PackingListLayout implements Layout {

    private static final List<ContainerColumns.Spec> COLUMNS = List.of(
            spec(Kind.DESCRIPTION, "Description of goods", 2.4f),
            spec(Kind.HS, "HS code", 0.8f),
            spec(Kind.PACKAGE_COUNT, "Qty", 0.5f),
            spec(Kind.PACKAGE_TYPE, "Unit", 0.8f),
            spec(Kind.CONTAINER_AND_SEAL, "Container / Seal", 1.3f),
            spec(Kind.WEIGHT, "G.W. {W}", 0.8f),
            spec(Kind.VOLUME, "Meas. {V}", 0.7f));

    @Override
    public String id() {
        return "packing-list-table";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random).withDate(PrintStyle.DateStyle.DOTTED);
        int variant = random.nextInt(12);
        Sheet sheet = new Sheet(Page.A4_WIDTH, Page.A4_HEIGHT, 40);
        String issuer = Words.issuer(document, random);
        String title = Words.title(document.getDocumentType(), variant);
        Font bold = Font.sansBold(9);
        Font plain = Font.sans(9);
        sheet.runningHeader(s -> {
            s.lineAt(bold, s.left(), title + " - " + document.getBillOfLadingNumber(), s.right() - 60, "continued");
            s.advance(6);
        });
        sheet.add(new Block.Logo(sheet.left(), sheet.y() + 14, issuer, Font.serifBold(14), false));
        sheet.advance(22);
        sheet.centred(title, Font.sansBold(15));
        sheet.advance(8);
        float top = sheet.y();
        float half = sheet.contentWidth() / 2;
        List<String> left = new ArrayList<>();
        left.add("Consignor:");
        left.addAll(PrintStyle.party(document.getShipper()));
        left.add("");
        left.add("Consignee:");
        left.addAll(PrintStyle.party(document.getConsignee()));
        left.add("");
        left.add("Notify:");
        left.addAll(document.getNotifyParty() == null ? List.of("SAME AS CONSIGNEE")
                : PrintStyle.party(document.getNotifyParty()));
        for (String line : left) {
            for (String wrapped : StandardFonts.wrap(line, plain, half - 20)) {
                sheet.line(sheet.left(), wrapped, line.endsWith(":") ? bold : plain);
            }
        }
        float leftBottom = sheet.y();
        sheet.moveTo(top);
        List<DocumentFacts.Fact> facts = new ArrayList<>(DocumentFacts.routing(document, Labels.CONSIGNOR, style));
        facts.addAll(0, DocumentFacts.references(document, Labels.CONSIGNOR, style, variant));
        for (DocumentFacts.Fact fact : facts) {
            sheet.boxRow(sheet.left() + half, new float[] {half * 0.42f, half * 0.58f}, List.of("", ""),
                    List.of(List.of(fact.label()), List.of(fact.value())), Font.sans(5), plain, 14);
        }
        sheet.moveTo(Math.max(leftBottom, sheet.y()) + 12);
        Font body = Font.sans(8);
        ContainerColumns.Laid laid = ContainerColumns.lay(document.getContainers(), COLUMNS, sheet.contentWidth(),
                Font.sansBold(8), body, style);
        sheet.table(sheet.left(), laid.columns(), laid.rows(),
                Font.sansBold(8), body, true, null);
        sheet.advance(8);
        sheet.line(sheet.left(), Words.totals(document.getTotals(), style, variant), bold);
        sheet.advance(16);
        sheet.line(sheet.left(), "Prepared by: Export Department, " + issuer, plain);
        sheet.line(sheet.left(), "Signature and company stamp: ____________________", plain);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), issuer, sheet.finish(sheet.pageCount() > 1, Font.sans(7)));
    }
}
