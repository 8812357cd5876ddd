package dev.manifests.samples.layout;

import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.render.StandardFonts;
import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A dot-matrix printout on continuous paper: the parties side by side in two text columns, routing as caption
 * pairs, and one block of dotted captions per container instead of a table.
 */
final class DotMatrixBlocksLayout implements Layout {

    private static final int WIDTH = 84;

    @Override
    public String id() {
        return "dot-matrix-blocks";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random).withDate(PrintStyle.DateStyle.DAY_MON_YEAR);
        int variant = random.nextInt(12);
        Font font = Font.mono(8.5f);
        Font bold = Font.monoBold(8.5f);
        Sheet sheet = new Sheet(Page.LETTER_WIDTH, Page.LETTER_HEIGHT, 40);
        String title = Words.title(document.getDocumentType(), variant);
        String carrier = document.getCarrier().getName().toUpperCase();
        float column = StandardFonts.width("x", font);
        sheet.runningHeader(s -> {
            s.line(s.left(), title + "  NO: " + document.getBillOfLadingNumber() + "  (CONT'D)", bold);
            s.line(s.left(), "-".repeat(WIDTH), font);
        });
        sheet.lineAt(bold, sheet.left(), carrier, sheet.left() + column * (WIDTH - title.length()), title);
        String number = "NO: " + document.getBillOfLadingNumber();
        sheet.lineAt(font, sheet.left() + column * (WIDTH - number.length()), number);
        sheet.line(sheet.left(), "-".repeat(WIDTH), font);
        List<String> left = new ArrayList<>(List.of("SHIPPER/EXPORTER:"));
        left.addAll(PrintStyle.party(document.getShipper()));
        List<String> right = new ArrayList<>(List.of("CONSIGNEE:"));
        right.addAll(PrintStyle.party(document.getConsignee()));
        List<String> leftWrapped = wrapAll(left, font, column * 40);
        List<String> rightWrapped = wrapAll(right, font, column * 40);
        for (int i = 0; i < Math.max(leftWrapped.size(), rightWrapped.size()); i++) {
            sheet.lineAt(font, sheet.left(), i < leftWrapped.size() ? leftWrapped.get(i) : "",
                    sheet.left() + column * 43, i < rightWrapped.size() ? rightWrapped.get(i) : "");
        }
        sheet.advance(4);
        List<String> notify = document.getNotifyParty() == null ? List.of("SAME AS CONSIGNEE")
                : PrintStyle.party(document.getNotifyParty());
        sheet.line(sheet.left(), "NOTIFY PARTY: " + notify.get(0), font);
        for (String line : notify.subList(1, notify.size())) {
            sheet.line(sheet.left() + column * 14, line, font);
        }
        sheet.line(sheet.left(), "-".repeat(WIDTH), font);
        List<DocumentFacts.Fact> facts = new ArrayList<>(DocumentFacts.references(document, Labels.EXPORTER, style,
                variant));
        facts.remove(0);
        facts.addAll(DocumentFacts.routing(document, Labels.EXPORTER, style));
        for (int i = 0; i < facts.size(); i += 2) {
            String a = facts.get(i).label().toUpperCase() + ": " + facts.get(i).value();
            String b = i + 1 < facts.size() ? facts.get(i + 1).label().toUpperCase() + ": "
                    + facts.get(i + 1).value() : "";
            sheet.lineAt(font, sheet.left(), a, sheet.left() + column * 43, b);
        }
        sheet.line(sheet.left(), "-".repeat(WIDTH), font);
        int index = 1;
        int total = document.getContainers().size();
        for (Container container : document.getContainers()) {
            List<String> description = StandardFonts.wrap(container.getDescription(), font, column * (WIDTH - 14));
            sheet.ensure(font.leadingPt() * (5 + description.size()));
            sheet.line(sheet.left(), "CONTAINER " + index++ + " OF " + total, bold);
            String seal = container.getSealNumber() == null ? "" : "SEAL ..... " + container.getSealNumber();
            String type = container.getSizeTypeCode() == null ? "" : "TYPE ..... " + container.getSizeTypeCode();
            sheet.lineAt(font, sheet.left() + column * 2, "NUMBER .... " + style.container(container
                    .getContainerNumber()), sheet.left() + column * 30, seal, sheet.left() + column * 58, type);
            sheet.line(sheet.left() + column * 2, "PACKAGES .. " + style.count(container.getPackageCount()) + " "
                    + container.getPackageType(), font);
            for (int i = 0; i < description.size(); i++) {
                sheet.line(sheet.left() + column * 2, (i == 0 ? "GOODS ..... " : "            ")
                        + description.get(i), font);
            }
            if (!container.getHsCodes().isEmpty()) {
                sheet.line(sheet.left() + column * 2, "HS ........ " + String.join(" ", container.getHsCodes()),
                        font);
            }
            sheet.lineAt(font, sheet.left() + column * 2, "WEIGHT .... " + style.weight(container.getGrossWeightKg()),
                    sheet.left() + column * 30, container.getVolumeM3() == null ? ""
                            : "VOLUME ... " + style.volume(container.getVolumeM3()));
            sheet.advance(4);
        }
        sheet.line(sheet.left(), "=".repeat(WIDTH), font);
        sheet.line(sheet.left(), Words.totals(document.getTotals(), style, 0), bold);
        sheet.line(sheet.left(), "=".repeat(WIDTH), font);
        sheet.advance(6);
        sheet.paragraph(sheet.left(), column * WIDTH, Words.CLAUSES.get(1).toUpperCase(), font);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), document.getCarrier().getName(), sheet.finish(true, font));
    }

    private static List<String> wrapAll(List<String> lines, Font font, float width) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(StandardFonts.wrap(line, font, width));
        }
        return wrapped;
    }
}
