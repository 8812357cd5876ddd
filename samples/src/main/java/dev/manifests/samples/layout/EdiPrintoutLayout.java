package dev.manifests.samples.layout;

import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.render.StandardFonts;
import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;

import java.util.List;
import java.util.Random;

/**
 * A fixed-width printout from an old EDI or mainframe system: Courier, upper-case captions padded with dots,
 * rule lines of '=' and '-', one line per container with details indented below.
 */
final class EdiPrintoutLayout implements Layout {

    private static final int WIDTH = 92;

    @Override
    public String id() {
        return "edi-fixed-width";
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random).withWeight(PrintStyle.WeightStyle.PLAIN_KG);
        int variant = random.nextInt(12);
        Font font = Font.mono(8);
        Sheet sheet = new Sheet(Page.A4_WIDTH, Page.A4_HEIGHT, 36);
        String title = Words.title(document.getDocumentType(), variant);
        String report = "RPT" + (100 + random.nextInt(900)) + "-" + (char) ('A' + random.nextInt(26));
        sheet.runningHeader(s -> {
            s.line(s.left(), pad(report + "  " + title + " " + document.getBillOfLadingNumber(), WIDTH - 12)
                    + "(CONTINUED)", font);
            s.line(s.left(), "-".repeat(WIDTH), font);
        });
        sheet.line(sheet.left(), "=".repeat(WIDTH), font);
        sheet.line(sheet.left(), pad(report + "   " + document.getCarrier().getName(), 60) + title, font);
        sheet.line(sheet.left(), "=".repeat(WIDTH), font);
        List<DocumentFacts.Fact> facts = new java.util.ArrayList<>(DocumentFacts.references(document, Labels.SHORT,
                style, variant));
        facts.addAll(DocumentFacts.routing(document, Labels.SHORT, style));
        for (DocumentFacts.Fact fact : facts) {
            sheet.line(sheet.left(), dots(fact.label().toUpperCase(), 18) + " " + fact.value(), font);
        }
        sheet.line(sheet.left(), "-".repeat(WIDTH), font);
        party(sheet, "SHIPPER", PrintStyle.party(document.getShipper()), font);
        party(sheet, "CONSIGNEE", PrintStyle.party(document.getConsignee()), font);
        party(sheet, "NOTIFY", document.getNotifyParty() == null ? List.of("SAME AS CONSIGNEE")
                : PrintStyle.party(document.getNotifyParty()), font);
        sheet.line(sheet.left(), "-".repeat(WIDTH), font);
        sheet.line(sheet.left(), pad("SEQ", 4) + pad("CONTAINER", 15) + pad("SEAL", 13) + pad("TYPE", 6)
                + pad("PKGS", 16) + pad("WEIGHT " + style.weightUnit(), 14) + "VOL " + style.volumeUnit(), font);
        sheet.line(sheet.left(), "-".repeat(WIDTH), font);
        int seq = 1;
        for (Container container : document.getContainers()) {
            String line = pad(String.format("%03d", seq++), 4)
                    + pad(style.container(container.getContainerNumber()), 15)
                    + pad(container.getSealNumber() == null ? "" : container.getSealNumber(), 13)
                    + pad(container.getSizeTypeCode() == null ? "" : container.getSizeTypeCode(), 6)
                    + pad(style.count(container.getPackageCount()) + " " + container.getPackageType(), 16)
                    + pad(style.weightNumber(container.getGrossWeightKg()), 14)
                    + (container.getVolumeM3() == null ? "" : style.volumeNumber(container.getVolumeM3()));
            List<String> description = StandardFonts.wrap(container.getDescription(), font,
                    StandardFonts.width("x".repeat(WIDTH - 10), font));
            sheet.ensure(font.leadingPt() * (2 + description.size()));
            sheet.line(sheet.left(), line, font);
            for (int i = 0; i < description.size(); i++) {
                sheet.line(sheet.left(), (i == 0 ? "    DESC: " : "          ") + description.get(i), font);
            }
            if (!container.getHsCodes().isEmpty()) {
                sheet.line(sheet.left(), "    HS  : " + String.join(" ", container.getHsCodes()), font);
            }
        }
        sheet.line(sheet.left(), "-".repeat(WIDTH), font);
        sheet.line(sheet.left(), "** " + Words.totals(document.getTotals(), style, 0) + " **", font);
        sheet.line(sheet.left(), "=".repeat(WIDTH), font);
        sheet.line(sheet.left(), "*** END OF REPORT ***", font);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()),
                document.getBillOfLadingNumber(), document.getCarrier().getName(), sheet.finish(true, font));
    }

    private static void party(Sheet sheet, String caption, List<String> lines, Font font) {
        for (int i = 0; i < lines.size(); i++) {
            sheet.line(sheet.left(), (i == 0 ? dots(caption, 18) : " ".repeat(18)) + " " + lines.get(i), font);
        }
    }

    /** Pads to {@code width}, always leaving at least one space so values never run together. */
    static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    static String dots(String caption, int width) {
        return caption.length() >= width ? caption + ":" : caption + ".".repeat(width - caption.length()) + ":";
    }
}
