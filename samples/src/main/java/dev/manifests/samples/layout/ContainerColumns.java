package dev.manifests.samples.layout;

import dev.manifests.samples.render.Block;
import dev.manifests.samples.render.Font;
import dev.manifests.samples.render.StandardFonts;
import dev.manifests.schema.Container;

import java.util.ArrayList;
import java.util.List;

/** Builds container tables: which columns a form has, their headers and widths, and each container's cells. */
final class ContainerColumns {

    /** What a column shows. */
    enum Kind {
        CONTAINER, CONTAINER_AND_SEAL, SEAL, SIZE_TYPE, PACKAGES, PACKAGE_COUNT, PACKAGE_TYPE, DESCRIPTION,
        DESCRIPTION_AND_HS, HS, WEIGHT, VOLUME, MARKS, ITEM
    }

    /** A column of one form: its kind, header text and share of the table width. */
    record Spec(Kind kind, String header, float share) {
    }

    private ContainerColumns() {
    }

    static Spec spec(Kind kind, String header, float share) {
        return new Spec(kind, header, share);
    }

    /** A container table ready for {@link Sheet#table}: columns sized to their content and the rows' cells. */
    record Laid(List<Block.Column> columns, List<List<List<String>>> rows) {
    }

    /**
     * Sizes columns to {@code tableWidth} by their shares, widened where an identifier would not fit (identifiers are
     * never wrapped) at the cost of the description column; "{W}" and "{V}" in headers become the style's units.
     */
    static Laid lay(List<Container> containers, List<Spec> specs, float tableWidth, Font headerFont, Font bodyFont,
                    PrintStyle style) {
        float total = 0;
        for (Spec spec : specs) {
            total += spec.share();
        }
        float[] widths = new float[specs.size()];
        int widest = 0;
        for (int c = 0; c < specs.size(); c++) {
            widths[c] = tableWidth * specs.get(c).share() / total;
            if (widths[c] > widths[widest]) {
                widest = c;
            }
        }
        float padding = 2 * Block.Table.PADDING + 1;
        for (int c = 0; c < specs.size(); c++) {
            if (c == widest) {
                continue;
            }
            float needed = 0;
            for (String word : header(specs.get(c), style).split("[\\s/]+")) {
                needed = Math.max(needed, StandardFonts.width(word, headerFont) + padding);
            }
            int item = 1;
            for (Container container : containers) {
                for (String line : cell(specs.get(c).kind(), container, style, item++)) {
                    float lineWidth = StandardFonts.width(line, bodyFont) + padding;
                    boolean wraps = specs.get(c).kind() == Kind.DESCRIPTION || specs.get(c).kind() == Kind.PACKAGES;
                    needed = Math.max(needed, wraps ? Math.min(lineWidth, widths[c]) : lineWidth);
                }
            }
            if (needed > widths[c]) {
                widths[widest] -= needed - widths[c];
                widths[c] = needed;
            }
        }
        List<Block.Column> columns = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            List<String> headerLines = new ArrayList<>();
            for (String part : header(specs.get(c), style).split("\n")) {
                headerLines.addAll(StandardFonts.wrap(part, headerFont, widths[c] - padding));
            }
            columns.add(new Block.Column(String.join("\n", headerLines), widths[c]));
        }
        List<List<List<String>>> rows = new ArrayList<>();
        int item = 1;
        for (Container container : containers) {
            List<List<String>> row = new ArrayList<>();
            for (int c = 0; c < specs.size(); c++) {
                List<String> lines = new ArrayList<>();
                for (String text : cell(specs.get(c).kind(), container, style, item)) {
                    lines.addAll(StandardFonts.wrap(text, bodyFont, widths[c] - padding));
                }
                row.add(lines);
            }
            rows.add(row);
            item++;
        }
        return new Laid(columns, rows);
    }

    private static String header(Spec spec, PrintStyle style) {
        return spec.header().replace("{W}", style.weightUnit()).replace("{V}", style.volumeUnit());
    }

    static List<String> cell(Kind kind, Container container, PrintStyle style, int item) {
        List<String> lines = new ArrayList<>();
        switch (kind) {
            case CONTAINER -> lines.add(style.container(container.getContainerNumber()));
            case CONTAINER_AND_SEAL -> {
                lines.add(style.container(container.getContainerNumber()));
                if (container.getSealNumber() != null) {
                    lines.add("SEAL " + container.getSealNumber());
                }
                if (container.getSizeTypeCode() != null) {
                    lines.add(container.getSizeTypeCode());
                }
            }
            case SEAL -> lines.add(container.getSealNumber() == null ? "" : container.getSealNumber());
            case SIZE_TYPE -> lines.add(container.getSizeTypeCode() == null ? "" : container.getSizeTypeCode());
            case PACKAGES -> lines.add(style.count(container.getPackageCount()) + " " + container.getPackageType());
            case PACKAGE_COUNT -> lines.add(style.count(container.getPackageCount()));
            case PACKAGE_TYPE -> lines.add(container.getPackageType());
            case DESCRIPTION -> lines.add(container.getDescription());
            case DESCRIPTION_AND_HS -> {
                lines.add(container.getDescription());
                if (!container.getHsCodes().isEmpty()) {
                    lines.add("HS CODE: " + String.join(", ", container.getHsCodes()));
                }
            }
            case HS -> lines.add(String.join(" ", container.getHsCodes()));
            case WEIGHT -> lines.add(style.weightNumber(container.getGrossWeightKg()));
            case VOLUME -> lines.add(container.getVolumeM3() == null ? ""
                    : style.volumeNumber(container.getVolumeM3()));
            case MARKS -> lines.add("N/M");
            case ITEM -> lines.add(Integer.toString(item));
        }
        return lines;
    }
}
