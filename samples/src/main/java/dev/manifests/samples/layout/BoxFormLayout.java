package dev.manifests.samples.layout;

import dev.manifests.samples.render.Block;
import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.Page;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.render.StandardFonts;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.ShippingDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bill-of-lading style forms made of framed boxes: parties, routing and references in boxes (numbered on some
 * forms), a container table that continues on further pages, totals, clauses and stamps. One class, several
 * visibly different forms: the {@link Form} says how the boxes are arranged and captioned.
 */
final class BoxFormLayout implements Layout {

    /** How the boxes are arranged on the page. */
    enum Arrangement {
        /** Parties down the left, references and carrier down the right, routing in a row of four. */
        CLASSIC,
        /** Label/value boxes in two even columns, routing first. */
        TWO_COLUMN,
        /** Three parties in one row, references in a strip above, routing in a row of four. */
        COMPACT,
        /** References and issue date in a strip, each party in a full-width box, carriage and routing below. */
        STACKED
    }

    /** The look of one form family; start with {@link #of} and add features with the fluent methods. */
    record Form(String id, Font.Family family, Labels labels, Arrangement arrangement,
                List<ContainerColumns.Spec> columns, boolean numbered, boolean invertedLogo, List<String> stamps,
                int clauseCount, boolean letterSize, boolean rider) {

        static Form of(String id, Font.Family family, Labels labels, Arrangement arrangement,
                       List<ContainerColumns.Spec> columns) {
            return new Form(id, family, labels, arrangement, columns, false, false, List.of(), 0, false, false);
        }

        /** Captions numbered "1. Shipper", "2. Consignee", ... as carrier forms do. */
        Form withNumberedBoxes() {
            return new Form(id, family, labels, arrangement, columns, true, invertedLogo, stamps, clauseCount,
                    letterSize, rider);
        }

        /** The issuer's name knocked out of a black band. */
        Form withInvertedLogo() {
            return new Form(id, family, labels, arrangement, columns, numbered, true, stamps, clauseCount,
                    letterSize, rider);
        }

        /** Stamps of which one is put on the first page where there is room. */
        Form withStamps(String... texts) {
            return new Form(id, family, labels, arrangement, columns, numbered, invertedLogo, List.of(texts),
                    clauseCount, letterSize, rider);
        }

        Form withClauses(int count) {
            return new Form(id, family, labels, arrangement, columns, numbered, invertedLogo, stamps, count,
                    letterSize, rider);
        }

        /** US letter paper instead of A4. */
        Form onLetterPaper() {
            return new Form(id, family, labels, arrangement, columns, numbered, invertedLogo, stamps, clauseCount,
                    true, rider);
        }

        /** The particulars on a rider page: the front page only points to it. */
        Form withRider() {
            return new Form(id, family, labels, arrangement, columns, numbered, invertedLogo, stamps, clauseCount,
                    letterSize, true);
        }
    }

    private final Form form;

    BoxFormLayout(Form form) {
        this.form = form;
    }

    @Override
    public String id() {
        return form.id();
    }

    @Override
    public RenderedDocument render(ShippingDocument document, Random random) {
        PrintStyle style = PrintStyle.random(random);
        int variant = random.nextInt(12);
        float width = form.letterSize() ? Page.LETTER_WIDTH : Page.A4_WIDTH;
        float height = form.letterSize() ? Page.LETTER_HEIGHT : Page.A4_HEIGHT;
        Sheet sheet = new Sheet(width, height, 30);
        Font labelFont = new Font(form.family(), false, 6.5f);
        Font valueFont = new Font(form.family(), false, form.family() == Font.Family.MONO ? 8f : 8.5f);
        Font.Family family = form.family();
        String issuer = Words.issuer(document, random);
        String title = Words.title(document.getDocumentType(), variant);
        String numberLabel = Words.numberLabel(document.getDocumentType(), variant);
        String number = document.getBillOfLadingNumber();

        sheet.runningHeader(s -> {
            s.lineAt(new Font(family, true, 9), s.left(), issuer, s.right() - 200, title + " " + numberLabel + " "
                    + number);
            s.lineAt(valueFont, s.left(), "CONTINUATION SHEET");
            s.advance(4);
        });

        header(sheet, document, issuer, title, numberLabel, variant);
        Labeller label = new Labeller(form.numbered());
        switch (form.arrangement()) {
            case CLASSIC -> classic(sheet, document, style, label, labelFont, valueFont, numberLabel, variant);
            case TWO_COLUMN -> twoColumn(sheet, document, style, label, labelFont, valueFont, numberLabel, variant);
            case COMPACT -> compact(sheet, document, style, label, labelFont, valueFont, numberLabel, variant);
            case STACKED -> stacked(sheet, document, style, label, labelFont, valueFont, numberLabel, variant);
        }
        sheet.advance(6);
        Font headerFont = new Font(family, true, 7f);
        Font bodyFont = new Font(family, false, 7.5f);
        String particulars = label.next("Particulars furnished by the Shipper");
        if (form.rider()) {
            riderFront(sheet, document, style, particulars, labelFont, valueFont, variant);
            footer(sheet, document, style, label, labelFont, valueFont, variant);
            sheet.newPage();
            sheet.line(sheet.left(), "RIDER TO " + title + " " + numberLabel + " " + number,
                    new Font(family, true, 10));
            sheet.advance(4);
            particulars(sheet, document, style, particulars, labelFont, valueFont, headerFont, bodyFont,
                    numberLabel, number, variant);
        } else {
            particulars(sheet, document, style, particulars, labelFont, valueFont, headerFont, bodyFont,
                    numberLabel, number, variant);
            footer(sheet, document, style, label, labelFont, valueFont, variant);
        }
        Font clauseFont = new Font(family, false, 5.8f);
        for (int i = 0; i < form.clauseCount(); i++) {
            sheet.paragraph(sheet.left(), sheet.contentWidth(),
                    Words.CLAUSES.get((variant + i) % Words.CLAUSES.size()), clauseFont);
            sheet.advance(2);
        }
        List<Page> pages = stamp(sheet.finish(true, new Font(family, false, 7f)), document, style, random);
        return new RenderedDocument(id(), Words.shortTitle(document.getDocumentType()), number, issuer, pages);
    }

    private void particulars(Sheet sheet, ShippingDocument document, PrintStyle style, String caption,
                             Font labelFont, Font valueFont, Font headerFont, Font bodyFont, String numberLabel,
                             String number, int variant) {
        sheet.line(sheet.left(), caption, labelFont.asBold());
        ContainerColumns.Laid laid = ContainerColumns.lay(document.getContainers(), form.columns(),
                sheet.contentWidth(), headerFont, bodyFont, style);
        sheet.table(sheet.left(), laid.columns(), laid.rows(), headerFont, bodyFont, variant % 2 == 0,
                "PARTICULARS CONTINUED - " + numberLabel + " " + number);
        sheet.advance(4);
        Font totalsFont = new Font(form.family(), true, 8f);
        sheet.line(sheet.left() + 4, Words.totals(document.getTotals(), style, variant), totalsFont);
        sheet.line(sheet.left() + 4, Words.sayTotal(document.getTotals().getContainerCount()), valueFont);
        sheet.advance(6);
    }

    /** The front page of a form whose particulars are on a rider: a framed area pointing to it. */
    private void riderFront(Sheet sheet, ShippingDocument document, PrintStyle style, String caption,
                            Font labelFont, Font valueFont, int variant) {
        int containers = document.getContainers().size();
        List<String> lines = List.of("", "SHIPPER'S LOAD, STOW AND COUNT", "SAID TO CONTAIN:",
                Words.sayTotal(containers), "", "*** PARTICULARS AS PER ATTACHED RIDER ***", "");
        sheet.boxRow(sheet.left(), new float[] {sheet.contentWidth()}, List.of(caption), List.of(lines),
                labelFont, valueFont.asBold(), 150);
        sheet.advance(4);
    }

    private void header(Sheet sheet, ShippingDocument document, String issuer, String title, String numberLabel,
                        int variant) {
        Font logoFont = new Font(Font.Family.SANS, true, issuer.length() > 26 ? 13 : 17);
        float top = sheet.y();
        sheet.add(new Block.Logo(sheet.left() + (form.invertedLogo() ? 6 : 0), top + 20, issuer, logoFont,
                form.invertedLogo()));
        Font titleFont = new Font(form.family(), true, 12);
        float titleX = sheet.right() - StandardFonts.width(title, titleFont);
        sheet.add(new Block.Text(titleX, top + 16, title, titleFont));
        if (document.getDocumentType() == DocumentType.SEA_WAYBILL) {
            Font small = new Font(form.family(), true, 8);
            String text = "NON-NEGOTIABLE - NO ORIGINALS ISSUED";
            sheet.add(new Block.Text(sheet.right() - StandardFonts.width(text, small), top + 28, text, small));
        } else if (document.getDocumentType() == DocumentType.HOUSE_BILL_OF_LADING) {
            Font small = new Font(form.family(), false, 7);
            String text = "as agent for the carrier " + document.getCarrier().getName();
            sheet.add(new Block.Text(sheet.right() - StandardFonts.width(text, small), top + 28, text, small));
        }
        sheet.moveTo(top + 36);
        sheet.rule(1.2f);
        sheet.advance(3);
    }

    private void classic(Sheet sheet, ShippingDocument document, PrintStyle style, Labeller label, Font labelFont,
                         Font valueFont, String numberLabel, int variant) {
        Labels l = form.labels();
        float w = sheet.contentWidth();
        float[] halves = {w * 0.55f, w * 0.45f};
        List<String> refs = new ArrayList<>();
        refs.add(numberLabel + " " + document.getBillOfLadingNumber());
        if (document.getBookingNumber() != null) {
            refs.add(l.booking() + " " + document.getBookingNumber());
        }
        sheet.boxRow(sheet.left(), halves, List.of(label.next(l.shipper()), label.next("Document references")),
                List.of(PrintStyle.party(document.getShipper()), refs), labelFont, valueFont, 58);
        sheet.boxRow(sheet.left(), halves, List.of(label.next(l.consignee()), label.next(l.carrier())),
                List.of(PrintStyle.party(document.getConsignee()), carrierLines(document)), labelFont, valueFont, 58);
        sheet.boxRow(sheet.left(), halves, List.of(label.next(l.notifyParty()), label.next(l.placeOfReceipt())),
                List.of(notifyLines(document, variant), place(document.getPlaceOfReceipt(), style)), labelFont,
                valueFont, 48);
        float[] quarters = {w / 4, w / 4, w / 4, w / 4};
        sheet.boxRow(sheet.left(), quarters, List.of(label.next(l.vessel() + " / " + l.voyage()),
                        label.next(l.portOfLoading()), label.next(l.portOfDischarge()),
                        label.next(l.placeOfDelivery())),
                List.of(vesselLines(document, style), List.of(style.place(document.getPortOfLoading())),
                        List.of(style.place(document.getPortOfDischarge())),
                        place(document.getPlaceOfDelivery(), style)), labelFont, valueFont, 26);
    }

    private void twoColumn(Sheet sheet, ShippingDocument document, PrintStyle style, Labeller label,
                           Font labelFont, Font valueFont, String numberLabel, int variant) {
        Labels l = form.labels();
        float w = sheet.contentWidth();
        float[] halves = {w / 2, w / 2};
        List<String> booking = document.getBookingNumber() == null ? List.of() : List.of(document.getBookingNumber());
        sheet.boxRow(sheet.left(), halves, List.of(label.next(numberLabel), label.next(l.booking())),
                List.of(List.of(document.getBillOfLadingNumber()), booking), labelFont, valueFont, 22);
        sheet.boxRow(sheet.left(), halves, List.of(label.next(l.portOfLoading()), label.next(l.portOfDischarge())),
                List.of(List.of(style.place(document.getPortOfLoading())),
                        List.of(style.place(document.getPortOfDischarge()))), labelFont, valueFont, 22);
        sheet.boxRow(sheet.left(), halves, List.of(label.next(l.placeOfReceipt()), label.next(l.placeOfDelivery())),
                List.of(place(document.getPlaceOfReceipt(), style), place(document.getPlaceOfDelivery(), style)),
                labelFont, valueFont, 22);
        sheet.boxRow(sheet.left(), halves,
                List.of(label.next(l.vessel() + " / " + l.voyage()), label.next(l.carrier())),
                List.of(vesselLines(document, style), carrierLines(document)), labelFont, valueFont, 22);
        sheet.boxRow(sheet.left(), halves, List.of(label.next(l.shipper()), label.next(l.consignee())),
                List.of(PrintStyle.party(document.getShipper()), PrintStyle.party(document.getConsignee())),
                labelFont, valueFont, 50);
        sheet.boxRow(sheet.left(), halves, List.of(label.next(l.notifyParty()), label.next(l.freight())),
                List.of(notifyLines(document, variant), freightLines(document, variant)), labelFont, valueFont, 40);
    }

    private void compact(Sheet sheet, ShippingDocument document, PrintStyle style, Labeller label, Font labelFont,
                         Font valueFont, String numberLabel, int variant) {
        Labels l = form.labels();
        float w = sheet.contentWidth();
        float[] refs = {w / 3, w / 3, w / 3};
        List<String> booking = document.getBookingNumber() == null ? List.of() : List.of(document.getBookingNumber());
        sheet.boxRow(sheet.left(), refs, List.of(label.next(numberLabel), label.next(l.booking()),
                        label.next(l.carrier())),
                List.of(List.of(document.getBillOfLadingNumber()), booking, carrierLines(document)), labelFont,
                valueFont, 22);
        sheet.boxRow(sheet.left(), refs, List.of(label.next(l.shipper()), label.next(l.consignee()),
                        label.next(l.notifyParty())),
                List.of(PrintStyle.party(document.getShipper()), PrintStyle.party(document.getConsignee()),
                        notifyLines(document, variant)), labelFont, valueFont, 60);
        float[] quarters = {w / 4, w / 4, w / 4, w / 4};
        sheet.boxRow(sheet.left(), quarters, List.of(label.next(l.placeOfReceipt()), label.next(l.portOfLoading()),
                        label.next(l.portOfDischarge()), label.next(l.placeOfDelivery())),
                List.of(place(document.getPlaceOfReceipt(), style), List.of(style.place(document.getPortOfLoading())),
                        List.of(style.place(document.getPortOfDischarge())),
                        place(document.getPlaceOfDelivery(), style)), labelFont, valueFont, 24);
        sheet.boxRow(sheet.left(), new float[] {w / 2, w / 2},
                List.of(label.next(l.vessel()), label.next(l.voyage())),
                List.of(document.getVesselName() == null ? List.of() : List.of(style.vessel(document.getVesselName())),
                        document.getVoyageNumber() == null ? List.of() : List.of(document.getVoyageNumber())),
                labelFont, valueFont, 22);
    }

    private void stacked(Sheet sheet, ShippingDocument document, PrintStyle style, Labeller label, Font labelFont,
                         Font valueFont, String numberLabel, int variant) {
        Labels l = form.labels();
        float w = sheet.contentWidth();
        List<String> booking = document.getBookingNumber() == null ? List.of() : List.of(document.getBookingNumber());
        List<String> issued = document.getDateOfIssue() == null ? List.of()
                : List.of(style.date(document.getDateOfIssue()));
        sheet.boxRow(sheet.left(), new float[] {w * 0.4f, w * 0.3f, w * 0.3f},
                List.of(label.next(numberLabel), label.next(l.booking()), label.next(l.dateOfIssue())),
                List.of(List.of(document.getBillOfLadingNumber()), booking, issued), labelFont, valueFont, 22);
        float[] full = {w};
        sheet.boxRow(sheet.left(), full, List.of(label.next(l.shipper())),
                List.of(PrintStyle.party(document.getShipper())), labelFont, valueFont, 36);
        sheet.boxRow(sheet.left(), full, List.of(label.next(l.consignee())),
                List.of(PrintStyle.party(document.getConsignee())), labelFont, valueFont, 36);
        sheet.boxRow(sheet.left(), full, List.of(label.next(l.notifyParty())), List.of(notifyLines(document, variant)),
                labelFont, valueFont, 30);
        float[] thirds = {w / 3, w / 3, w / 3};
        sheet.boxRow(sheet.left(), thirds, List.of(label.next(l.carrier()), label.next(l.vessel()),
                        label.next(l.voyage())),
                List.of(carrierLines(document), document.getVesselName() == null ? List.of()
                                : List.of(style.vessel(document.getVesselName())),
                        document.getVoyageNumber() == null ? List.of() : List.of(document.getVoyageNumber())),
                labelFont, valueFont, 22);
        float[] quarters = {w / 4, w / 4, w / 4, w / 4};
        sheet.boxRow(sheet.left(), quarters, List.of(label.next(l.placeOfReceipt()), label.next(l.portOfLoading()),
                        label.next(l.portOfDischarge()), label.next(l.placeOfDelivery())),
                List.of(place(document.getPlaceOfReceipt(), style), List.of(style.place(document.getPortOfLoading())),
                        List.of(style.place(document.getPortOfDischarge())),
                        place(document.getPlaceOfDelivery(), style)), labelFont, valueFont, 24);
    }

    private void footer(Sheet sheet, ShippingDocument document, PrintStyle style, Labeller label, Font labelFont,
                        Font valueFont, int variant) {
        Labels l = form.labels();
        float w = sheet.contentWidth();
        List<String> issued = document.getDateOfIssue() == null ? List.of()
                : List.of(style.date(document.getDateOfIssue()));
        List<String> onBoard = document.getShippedOnBoardDate() == null ? List.of()
                : List.of(style.date(document.getShippedOnBoardDate()));
        List<String> originals = document.getDocumentType() == DocumentType.SEA_WAYBILL ? List.of("NONE (0)")
                : List.of(List.of("THREE (3)", "ONE (1)", "3/3").get(variant % 3));
        if (form.arrangement() == Arrangement.TWO_COLUMN) {
            sheet.boxRow(sheet.left(), new float[] {w / 3, w / 3, w / 3}, List.of(label.next(l.dateOfIssue()),
                            label.next(l.shippedOnBoard()), label.next("Number of originals")),
                    List.of(issued, onBoard, originals), labelFont, valueFont, 24);
        } else if (form.arrangement() == Arrangement.STACKED) {
            sheet.boxRow(sheet.left(), new float[] {w / 3, w / 3, w / 3}, List.of(label.next(l.freight()),
                            label.next(l.shippedOnBoard()), label.next("Number of originals")),
                    List.of(freightLines(document, variant), onBoard, originals), labelFont, valueFont, 24);
        } else {
            sheet.boxRow(sheet.left(), new float[] {w / 4, w / 4, w / 4, w / 4}, List.of(label.next(l.freight()),
                            label.next(l.dateOfIssue()), label.next(l.shippedOnBoard()),
                            label.next("Number of originals")),
                    List.of(freightLines(document, variant), issued, onBoard, originals), labelFont, valueFont, 24);
        }
        sheet.advance(4);
    }

    /** Stamps go on the first page, over the lower half where real stamps land. */
    private List<Page> stamp(List<Page> pages, ShippingDocument document, PrintStyle style, Random random) {
        if (form.stamps().isEmpty()) {
            return pages;
        }
        List<Page> stamped = new ArrayList<>(pages);
        Page first = pages.get(0);
        List<Block> blocks = new ArrayList<>(first.blocks());
        String text = PrintStyle.pick(form.stamps(), random);
        if (text.equals("SHIPPED ON BOARD") && document.getShippedOnBoardDate() != null) {
            text = text + " " + style.date(document.getShippedOnBoardDate());
        } else if (text.equals("SHIPPED ON BOARD")) {
            text = "ORIGINAL";
        }
        boolean waybill = document.getDocumentType() == DocumentType.SEA_WAYBILL;
        if (waybill && text.equals("ORIGINAL")) {
            text = "NON NEGOTIABLE";
        } else if (!waybill && text.equals("NON NEGOTIABLE")) {
            text = "COPY NON NEGOTIABLE";
        }
        float angle = 8 + random.nextFloat() * 14;
        float contentBottom = 0;
        for (Block block : first.blocks()) {
            if (block.bottom() < first.heightPt() - 40) {
                contentBottom = Math.max(contentBottom, block.bottom());
            }
        }
        // A stamp over printed values would garble their text layer and OCR, so it only goes into free space.
        float free = first.heightPt() - 50 - contentBottom;
        if (free < 75) {
            return pages;
        }
        float centreY = contentBottom + 40 + random.nextFloat() * Math.min(free - 75, 140);
        blocks.add(new Block.Stamp(first.widthPt() * (0.45f + random.nextFloat() * 0.2f), centreY, text, angle,
                Font.sansBold(15)));
        stamped.set(0, new Page(first.widthPt(), first.heightPt(), blocks));
        return stamped;
    }

    private static List<String> carrierLines(ShippingDocument document) {
        List<String> lines = new ArrayList<>();
        lines.add(document.getCarrier().getName());
        if (document.getCarrier().getScac() != null) {
            lines.add("SCAC: " + document.getCarrier().getScac());
        }
        return lines;
    }

    private static List<String> vesselLines(ShippingDocument document, PrintStyle style) {
        List<String> lines = new ArrayList<>();
        if (document.getVesselName() != null) {
            lines.add(style.vessel(document.getVesselName()));
        }
        if (document.getVoyageNumber() != null) {
            lines.add("VOY. " + document.getVoyageNumber());
        }
        return lines;
    }

    private static List<String> notifyLines(ShippingDocument document, int variant) {
        if (document.getNotifyParty() != null) {
            return PrintStyle.party(document.getNotifyParty());
        }
        return variant % 2 == 0 ? List.of("SAME AS CONSIGNEE") : List.of();
    }

    private static List<String> freightLines(ShippingDocument document, int variant) {
        return document.getFreightTerms() == null ? List.of()
                : List.of(Words.freight(document.getFreightTerms(), variant));
    }

    private static List<String> place(dev.manifests.schema.Location location, PrintStyle style) {
        return location == null ? List.of() : List.of(style.place(location));
    }

    /** Numbers box captions ("1. Shipper") on forms that number their boxes. */
    private static final class Labeller {
        private final boolean numbered;
        private int next = 1;

        Labeller(boolean numbered) {
            this.numbered = numbered;
        }

        String next(String caption) {
            return numbered ? (next++) + ". " + caption : caption;
        }
    }
}
