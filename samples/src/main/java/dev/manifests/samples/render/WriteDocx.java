package dev.manifests.samples.render;

import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Writes a rendered document as a Word file: paragraphs and tables in the layout's reading order. */
final class WriteDocx {

    private WriteDocx() {
    }

    static byte[] write(RenderedDocument document, Random random) {
        try (XWPFDocument docx = new XWPFDocument()) {
            for (int p = 0; p < document.pages().size(); p++) {
                if (p > 0) {
                    docx.createParagraph().createRun().addBreak(BreakType.PAGE);
                }
                writePage(docx, document.pages().get(p));
            }
            var core = docx.getProperties().getCoreProperties();
            core.setTitle(document.title() + " " + document.reference());
            core.setCreator(document.issuer());
            core.setCreated(Optional.of(java.util.Date.from(FixedClock.instant(random))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            docx.write(out);
            return FixZipTimes.rewrite(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePage(XWPFDocument docx, Page page) {
        List<Block.Text> sameLine = new ArrayList<>();
        for (Block block : page.blocks()) {
            if (block instanceof Block.Text text) {
                if (!sameLine.isEmpty() && Math.abs(sameLine.get(0).baseline() - text.baseline()) > 0.5f) {
                    writeLine(docx, sameLine);
                    sameLine.clear();
                }
                sameLine.add(text);
                continue;
            }
            if (!sameLine.isEmpty()) {
                writeLine(docx, sameLine);
                sameLine.clear();
            }
            if (block instanceof Block.Box box) {
                XWPFParagraph paragraph = docx.createParagraph();
                paragraph.setSpacingAfter(60);
                boolean first = true;
                if (!box.label().isEmpty()) {
                    run(paragraph, box.label(), box.labelFont().asBold(), Separator.NONE);
                    first = false;
                }
                for (String line : box.lines()) {
                    run(paragraph, line, box.valueFont(), first ? Separator.NONE : Separator.LINE_BREAK);
                    first = false;
                }
            } else if (block instanceof Block.Table table) {
                writeTable(docx, table);
            } else if (block instanceof Block.Stamp stamp) {
                XWPFParagraph paragraph = docx.createParagraph();
                paragraph.setAlignment(ParagraphAlignment.RIGHT);
                XWPFRun run = run(paragraph, stamp.text(), stamp.font().asBold());
                run.setColor("AA1E28");
            } else if (block instanceof Block.Logo logo) {
                run(docx.createParagraph(), logo.text(), logo.font().asBold());
            }
        }
        if (!sameLine.isEmpty()) {
            writeLine(docx, sameLine);
        }
    }

    private static void writeLine(XWPFDocument docx, List<Block.Text> texts) {
        XWPFParagraph paragraph = docx.createParagraph();
        paragraph.setSpacingAfter(0);
        for (int i = 0; i < texts.size(); i++) {
            run(paragraph, texts.get(i).text(), texts.get(i).font(), i == 0 ? Separator.NONE : Separator.TAB);
        }
    }

    private static void writeTable(XWPFDocument docx, Block.Table table) {
        XWPFTable grid = docx.createTable(table.rows().size() + 1, table.columns().size());
        fillRow(grid.getRow(0), table.columns().stream().map(c -> List.of(c.header().split("\n"))).toList(),
                table.headerFont());
        for (int r = 0; r < table.rows().size(); r++) {
            fillRow(grid.getRow(r + 1), table.rows().get(r), table.bodyFont());
        }
        docx.createParagraph();
    }

    private static void fillRow(XWPFTableRow row, List<List<String>> cells, Font font) {
        for (int c = 0; c < cells.size() && c < row.getTableCells().size(); c++) {
            XWPFTableCell cell = row.getCell(c);
            List<String> lines = cells.get(c);
            XWPFParagraph paragraph = cell.getParagraphs().get(0);
            for (int i = 0; i < lines.size(); i++) {
                XWPFParagraph target = i == 0 ? paragraph : cell.addParagraph();
                run(target, lines.get(i), font);
            }
        }
    }

    private enum Separator { NONE, TAB, LINE_BREAK }

    private static XWPFRun run(XWPFParagraph paragraph, String text, Font font) {
        return run(paragraph, text, font, Separator.NONE);
    }

    private static XWPFRun run(XWPFParagraph paragraph, String text, Font font, Separator before) {
        XWPFRun run = paragraph.createRun();
        if (before == Separator.TAB) {
            run.addTab();
        } else if (before == Separator.LINE_BREAK) {
            run.addBreak();
        }
        run.setText(text);
        run.setBold(font.bold());
        run.setFontSize(Math.max(6, Math.round(font.sizePt())));
        run.setFontFamily(switch (font.family()) {
            case SANS -> "Arial";
            case SERIF -> "Times New Roman";
            case MONO -> "Courier New";
        });
        return run;
    }
}
