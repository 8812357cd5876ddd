package dev.manifests.samples.layout;

import dev.manifests.samples.render.Block;
import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.schema.ShippingDocument;

import java.util.List;
import java.util.Random;

import static dev.manifests.samples.layout.ContainerColumns.Kind;
import static dev.manifests.samples.layout.ContainerColumns.spec;

/**
 * A landscape cargo manifest: voyage particulars as label/value lines across the top, the parties in a strip of
 * boxes, then one wide table of containers that runs over as many pages as it needs.
 */
final class ManifestTableLayout implements Layout {

    private static final List<ContainerColumns.Spec> COLUMNS = List.of(
            spec(Kind.ITEM, "Item", 0.35f),
            spec(Kind.CONTAINER, "Container number", 1.2f),
            spec(Kind.SIZE_TYPE, "Size/\nType", 0.5f),
            spec(Kind.SEAL, "Seal number", 0.9f),
            spec(Kind.PACKAGE_COUNT, "No. of\npkgs", 0.55f),
            spec(Kind.PACKAGE_TYPE, "Kind of\npackages", 0.9f),
            spec(Kind.DESCRIPTION, "Description of goods", 2.6f),
            spec(Kind.HS, "HS code(s)", 0.9f),
            spec(Kind.WEIGHT, "Gross weight\n({W})", 0.9f),
            spec(Kind.VOLUME, "Volume\n({V})", 0.7f));

    @Override
    public String id() {
        return "cargo-manifest-landscape";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random);
        int variant = random.nextInt(12);
        Sheet sheet = new Sheet(Page.A4_HEIGHT, Page.A4_WIDTH, 28);
        String title = Words.title(document.getDocumentType(), variant);
        String numberLabel = Words.numberLabel(document.getDocumentType(), variant);
        String carrier = document.getCarrier().getName();
        Font info = Font.sans(8);
        sheet.runningHeader(s -> {
            s.lineAt(Font.sansBold(9), s.left(), carrier + " - " + title, s.left() + 420, numberLabel + " "
                    + document.getBillOfLadingNumber());
            s.advance(4);
        });
        sheet.add(new Block.Logo(sheet.left(), sheet.y() + 16, carrier, Font.sansBold(16), false));
        sheet.add(new Block.Text(sheet.right() - 200, sheet.y() + 14, title, Font.sansBold(14)));
        sheet.advance(24);
        sheet.rule(1f);
        sheet.advance(4);
        List<DocumentFacts.Fact> facts = new java.util.ArrayList<>(DocumentFacts.references(document,
                Labels.EXPORTER, style, variant));
        facts.addAll(DocumentFacts.routing(document, Labels.EXPORTER, style));
        float col = sheet.contentWidth() / 3;
        for (int i = 0; i < facts.size(); i += 3) {
            Object[] cells = new Object[6];
            int n = 0;
            for (int j = 0; j < 3; j++) {
                cells[n++] = sheet.left() + j * col;
                cells[n++] = i + j < facts.size() ? facts.get(i + j).label() + ": " + facts.get(i + j).value() : "";
            }
            sheet.lineAt(info, cells);
        }
        sheet.advance(4);
        float third = sheet.contentWidth() / 3;
        List<String> notify = document.getNotifyParty() == null ? List.of("SAME AS CONSIGNEE")
                : PrintStyle.party(document.getNotifyParty());
        sheet.boxRow(sheet.left(), new float[] {third, third, third}, List.of("Shipper", "Consignee", "Notify"),
                List.of(PrintStyle.party(document.getShipper()), PrintStyle.party(document.getConsignee()), notify),
                Font.sans(6.5f), Font.sans(7.5f), 40);
        sheet.advance(6);
        Font body = Font.sans(7.5f);
        ContainerColumns.Laid laid = ContainerColumns.lay(document.getContainers(), COLUMNS, sheet.contentWidth(),
                Font.sansBold(7), body, style);
        sheet.table(sheet.left(), laid.columns(), laid.rows(),
                Font.sansBold(7), body, true, title + " " + document.getBillOfLadingNumber() + " (continued)");
        sheet.advance(6);
        sheet.line(sheet.left(), Words.totals(document.getTotals(), style, variant), Font.sansBold(8.5f));
        sheet.advance(10);
        sheet.line(sheet.left(), "Master / Agent signature: ______________________    Checked by: __________",
                info);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), carrier, sheet.finish(true, Font.sans(7)));
    }
}
