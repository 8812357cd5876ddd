package dev.manifests.samples.render;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Writes a rendered document as a spreadsheet, the way clerks key forms into Excel: label/value pairs in two
 * cells, free text in the first column, and the container table as one grid (continued tables add only rows).
 */
final class WriteXlsx {

    private WriteXlsx() {
    }

    static byte[] write(RenderedDocument document, Random random) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(document.title()));
            CellStyle bold = workbook.createCellStyle();
            XSSFFont boldFont = workbook.createFont();
            boldFont.setBold(true);
            bold.setFont(boldFont);
            CellStyle wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
            int rowIndex = 0;
            float lastBaseline = Float.NaN;
            int column = 0;
            Row row = null;
            for (Page page : document.pages()) {
                for (Block block : page.blocks()) {
                    if (block instanceof Block.Text text) {
                        if (row != null && Math.abs(text.baseline() - lastBaseline) < 0.5f) {
                            row.createCell(column++).setCellValue(text.text());
                        } else {
                            row = sheet.createRow(rowIndex++);
                            column = 0;
                            row.createCell(column++).setCellValue(text.text());
                        }
                        lastBaseline = text.baseline();
                        continue;
                    }
                    lastBaseline = Float.NaN;
                    if (block instanceof Block.Box box) {
                        row = sheet.createRow(rowIndex++);
                        var label = row.createCell(0);
                        label.setCellValue(box.label());
                        label.setCellStyle(bold);
                        var value = row.createCell(1);
                        value.setCellValue(String.join("\n", box.lines()));
                        value.setCellStyle(wrapped);
                    } else if (block instanceof Block.Table table) {
                        if (!table.continuation()) {
                            row = sheet.createRow(rowIndex++);
                            for (int c = 0; c < table.columns().size(); c++) {
                                var cell = row.createCell(c);
                                cell.setCellValue(table.columns().get(c).header().replace('\n', ' '));
                                cell.setCellStyle(bold);
                            }
                        }
                        for (List<List<String>> cells : table.rows()) {
                            row = sheet.createRow(rowIndex++);
                            for (int c = 0; c < cells.size(); c++) {
                                var cell = row.createCell(c);
                                cell.setCellValue(String.join("\n", cells.get(c)));
                                cell.setCellStyle(wrapped);
                            }
                        }
                    } else if (block instanceof Block.Stamp stamp) {
                        row = sheet.createRow(rowIndex++);
                        row.createCell(0).setCellValue(stamp.text());
                    } else if (block instanceof Block.Logo logo) {
                        row = sheet.createRow(rowIndex++);
                        var cell = row.createCell(0);
                        cell.setCellValue(logo.text());
                        cell.setCellStyle(bold);
                    }
                }
            }
            sheet.setColumnWidth(0, 30 * 256);
            sheet.setColumnWidth(1, 45 * 256);
            var core = workbook.getProperties().getCoreProperties();
            core.setTitle(document.title() + " " + document.reference());
            core.setCreator(document.issuer());
            core.setCreated(Optional.of(java.util.Date.from(FixedClock.instant(random))));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return FixZipTimes.rewrite(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
