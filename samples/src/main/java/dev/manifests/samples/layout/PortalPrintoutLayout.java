package dev.manifests.samples.layout;

import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A carrier web portal's printed page: section headings with rules, "Label: value" lines in two columns, and the
 * equipment listed one container per block of lines rather than in a table.
 */
final class PortalPrintoutLayout implements Layout {

    @Override
    public String id() {
        return "portal-printout";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random).withDate(PrintStyle.DateStyle.LONG);
        int variant = random.nextInt(12);
        Sheet sheet = new Sheet(Page.LETTER_WIDTH, Page.LETTER_HEIGHT, 40);
        String carrier = document.getCarrier().getName();
        Font plain = Font.sans(9);
        Font heading = Font.sansBold(11);
        sheet.line(sheet.left(), carrier + " | eServices | Document view", Font.sans(7));
        sheet.advance(4);
        sheet.line(sheet.left(), Words.title(document.getDocumentType(), variant) + " "
                + document.getBillOfLadingNumber(), Font.sansBold(16));
        sheet.advance(4);
        section(sheet, "Shipment details", heading);
        twoColumns(sheet, DocumentFacts.references(document, Labels.CLASSIC, style, variant), plain);
        section(sheet, "Routing", heading);
        twoColumns(sheet, DocumentFacts.routing(document, Labels.CLASSIC, style), plain);
        section(sheet, "Parties", heading);
        party(sheet, "Shipper", PrintStyle.party(document.getShipper()), plain);
        party(sheet, "Consignee", PrintStyle.party(document.getConsignee()), plain);
        party(sheet, "Notify party", document.getNotifyParty() == null ? List.of("Same as consignee")
                : PrintStyle.party(document.getNotifyParty()), plain);
        section(sheet, "Equipment (" + document.getContainers().size() + ")", heading);
        for (Container container : document.getContainers()) {
            List<DocumentFacts.Fact> facts = new ArrayList<>();
            facts.add(new DocumentFacts.Fact("Container", style.container(container.getContainerNumber())));
            if (container.getSizeTypeCode() != null) {
                facts.add(new DocumentFacts.Fact("Size/type", container.getSizeTypeCode()));
            }
            if (container.getSealNumber() != null) {
                facts.add(new DocumentFacts.Fact("Seal", container.getSealNumber()));
            }
            facts.add(new DocumentFacts.Fact("Packages", style.count(container.getPackageCount()) + " "
                    + container.getPackageType()));
            facts.add(new DocumentFacts.Fact("Gross weight", style.weight(container.getGrossWeightKg())));
            if (container.getVolumeM3() != null) {
                facts.add(new DocumentFacts.Fact("Volume", style.volume(container.getVolumeM3())));
            }
            if (!container.getHsCodes().isEmpty()) {
                facts.add(new DocumentFacts.Fact("HS codes", String.join(", ", container.getHsCodes())));
            }
            sheet.ensure(plain.leadingPt() * 6);
            twoColumns(sheet, facts, plain);
            sheet.paragraph(sheet.left() + 10, sheet.contentWidth() - 10, "Cargo: " + container.getDescription(),
                    plain);
            sheet.advance(6);
        }
        section(sheet, "Totals", heading);
        sheet.line(sheet.left(), Words.totals(document.getTotals(), style, 1), plain);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), carrier, sheet.finish(true, Font.sans(7)));
    }

    private static void section(Sheet sheet, String title, Font font) {
        sheet.advance(6);
        sheet.ensure(font.leadingPt() * 3);
        sheet.line(sheet.left(), title, font);
        sheet.rule(0.5f);
        sheet.advance(4);
    }

    private static void twoColumns(Sheet sheet, List<DocumentFacts.Fact> facts, Font font) {
        float half = sheet.contentWidth() / 2;
        for (int i = 0; i < facts.size(); i += 2) {
            DocumentFacts.Fact a = facts.get(i);
            if (i + 1 < facts.size()) {
                DocumentFacts.Fact b = facts.get(i + 1);
                sheet.lineAt(font, sheet.left() + 10, a.label() + ": " + a.value(), sheet.left() + half,
                        b.label() + ": " + b.value());
            } else {
                sheet.lineAt(font, sheet.left() + 10, a.label() + ": " + a.value());
            }
        }
    }

    private static void party(Sheet sheet, String caption, List<String> lines, Font font) {
        sheet.line(sheet.left() + 10, caption + ":", font.asBold());
        for (String line : lines) {
            sheet.line(sheet.left() + 24, line, font);
        }
        sheet.advance(3);
    }
}
