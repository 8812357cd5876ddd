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
 * A ruled summary sheet as agents file with customs: a four-column grid of particulars (caption, value, caption,
 * value), the parties in a three-column grid, and the containers with their descriptions on separate rows.
 */
final class ManifestSummaryLayout implements Layout {

    private static final List<ContainerColumns.Spec> COLUMNS = List.of(
            spec(Kind.ITEM, "No.", 0.3f),
            spec(Kind.CONTAINER, "Equipment", 1.1f),
            spec(Kind.SIZE_TYPE, "Type", 0.5f),
            spec(Kind.SEAL, "Seal(s)", 0.9f),
            spec(Kind.PACKAGE_COUNT, "Packages", 0.6f),
            spec(Kind.PACKAGE_TYPE, "Package type", 0.8f),
            spec(Kind.WEIGHT, "Weight ({W})", 0.9f),
            spec(Kind.VOLUME, "Volume ({V})", 0.7f),
            spec(Kind.HS, "Tariff no.", 0.8f),
            spec(Kind.DESCRIPTION, "Goods description", 1.8f));

    @Override
    public String id() {
        return "manifest-summary-grid";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random).withDate(PrintStyle.DateStyle.US);
        int variant = random.nextInt(12);
        Sheet sheet = new Sheet(Page.A4_WIDTH, Page.A4_HEIGHT, 32);
        String title = Words.title(document.getDocumentType(), variant);
        Font cell = Font.serif(8);
        Font head = Font.serifBold(8);
        sheet.runningHeader(s -> {
            s.line(s.left(), title + " " + document.getBillOfLadingNumber() + " - continuation", head);
            s.advance(4);
        });
        sheet.centred(title.toUpperCase(), Font.serifBold(16));
        sheet.centred("SUMMARY OF CARGO - " + document.getCarrier().getName(), Font.serif(9));
        sheet.advance(8);
        List<DocumentFacts.Fact> facts = new ArrayList<>(DocumentFacts.references(document, Labels.CLASSIC, style,
                variant));
        facts.addAll(DocumentFacts.routing(document, Labels.CLASSIC, style));
        float w = sheet.contentWidth();
        List<List<List<String>>> grid = new ArrayList<>();
        for (int i = 0; i < facts.size(); i += 2) {
            List<List<String>> row = new ArrayList<>();
            row.add(List.of(facts.get(i).label()));
            row.add(List.of(facts.get(i).value()));
            row.add(i + 1 < facts.size() ? List.of(facts.get(i + 1).label()) : List.of());
            row.add(i + 1 < facts.size() ? List.of(facts.get(i + 1).value()) : List.of());
            grid.add(row);
        }
        sheet.table(sheet.left(), List.of(new Block.Column("Particular", w * 0.2f),
                new Block.Column("Value", w * 0.3f), new Block.Column("Particular", w * 0.2f),
                new Block.Column("Value", w * 0.3f)), grid, head, cell, true, null);
        sheet.advance(8);
        float third = w / 3;
        List<String> notify = document.getNotifyParty() == null ? List.of("SAME AS CONSIGNEE")
                : PrintStyle.party(document.getNotifyParty());
        sheet.table(sheet.left(), List.of(new Block.Column("Shipper", third), new Block.Column("Consignee", third),
                        new Block.Column("Notify party", third)),
                List.of(List.of(wrap(PrintStyle.party(document.getShipper()), cell, third),
                        wrap(PrintStyle.party(document.getConsignee()), cell, third), wrap(notify, cell, third))),
                head, cell, true, null);
        sheet.advance(8);
        ContainerColumns.Laid laid = ContainerColumns.lay(document.getContainers(), COLUMNS, w, head, cell, style);
        sheet.table(sheet.left(), laid.columns(), laid.rows(), head, cell, true, "Equipment list continued");
        sheet.advance(6);
        sheet.line(sheet.left(), Words.totals(document.getTotals(), style, variant), head);
        sheet.advance(12);
        sheet.paragraph(sheet.left(), w, "We hereby declare that the above particulars are true and correct to the"
                + " best of our knowledge and that the cargo is as declared by the shippers. "
                + Words.CLAUSES.get(4), Font.serif(7));
        sheet.advance(16);
        sheet.line(sheet.left(), "Agent: ____________________________    Date / stamp: ______________", cell);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), document.getCarrier().getName(), sheet.finish(true, cell));
    }

    private static List<String> wrap(List<String> lines, Font font, float width) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(StandardFonts.wrap(line, font, width - 6));
        }
        return wrapped;
    }
}
