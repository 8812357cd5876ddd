package dev.manifests.job.parse;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * Erases the ruled lines of a scanned form (table grids, box borders, underlines) so that OCR reads the text
 * between them. Tesseract takes a grid-lined table for a picture and drops it, or reads its borders as
 * {@code |[_} noise: on the generated corpus's scans, a fifth of the values in ruled tables never reached the
 * text before the lines were erased.
 *
 * <p>A line is a run of dark pixels far longer than any glyph: at least {@link #MIN_RUN_FRACTION} of the
 * page's longer side and {@link #MIN_RUN_PIXELS}. Runs are measured on a copy where each pixel is dark if it or a neighbour across the run
 * is, so a line skewed by a degree or two, which steps from row to row, still makes long runs. A dark region
 * thicker than {@link #MAX_THICKNESS_FRACTION} of the page (a black header bar, a photo) is not a line and is
 * left alone, as is everything lighter than {@link #DARK}, such as grey cell shading.
 */
final class RuledLines {

    /** Grey level below which a pixel is ink (0 black, 255 white); blurred thin lines stay below it. */
    static final int DARK = 180;
    /** Shortest run that counts as a line, as a share of the page's longer side (about 8 mm on A4). */
    static final double MIN_RUN_FRACTION = 1 / 36.0;
    /** Shortest run that counts as a line on any page: twice the height of 10-point capitals at 300 dpi. */
    static final int MIN_RUN_PIXELS = 60;
    /** Thickest run of ink across a line that is still a line, as a share of the page's longer side. */
    static final double MAX_THICKNESS_FRACTION = 1 / 250.0;
    /** What erased pixels become: the paper of a scan. */
    private static final int PAPER = 250;
    /** Pixels around a line also erased when darker than this: the grey fringe of a blurred line. */
    private static final int FRINGE = 235;

    private RuledLines() {
    }

    /**
     * The page in grey levels with its ruled lines erased; the page itself is not changed.
     *
     * @return a new grey image, or the page's grey copy unchanged when it has no lines
     */
    static BufferedImage erase(BufferedImage page) {
        int width = page.getWidth();
        int height = page.getHeight();
        int[] grey = greyLevels(page);
        int longer = Math.max(width, height);
        int minRun = Math.max(MIN_RUN_PIXELS, (int) Math.round(longer * MIN_RUN_FRACTION));
        int maxThickness = Math.max(3, (int) Math.round(longer * MAX_THICKNESS_FRACTION));
        int fringe = Math.max(1, maxThickness / 4);

        boolean[] ink = new boolean[grey.length];
        for (int i = 0; i < grey.length; i++) {
            ink[i] = grey[i] < DARK;
        }
        boolean[] erase = new boolean[grey.length];
        markLines(ink, width, height, true, minRun, maxThickness, fringe, grey, erase);
        markLines(ink, width, height, false, minRun, maxThickness, fringe, grey, erase);

        BufferedImage cleaned = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = cleaned.getRaster();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                row[x] = erase[i] ? PAPER : grey[i];
            }
            raster.setPixels(0, y, width, 1, row);
        }
        return cleaned;
    }

    /**
     * Marks the lines of one direction. {@code horizontal} walks rows (along x) and measures thickness down
     * columns; otherwise the roles swap. Coordinates below are named for the horizontal case: {@code u} runs
     * along a line, {@code v} across it.
     */
    private static void markLines(boolean[] ink, int width, int height, boolean horizontal, int minRun,
                                  int maxThickness, int fringe, int[] grey, boolean[] erase) {
        int along = horizontal ? width : height;
        int across = horizontal ? height : width;
        boolean[] line = new boolean[ink.length];
        boolean any = false;
        for (int v = 0; v < across; v++) {
            int start = -1;
            for (int u = 0; u <= along; u++) {
                boolean dark = u < along && (inkAt(ink, width, horizontal, u, v)
                        || (v > 0 && inkAt(ink, width, horizontal, u, v - 1))
                        || (v + 1 < across && inkAt(ink, width, horizontal, u, v + 1)));
                if (dark && start < 0) {
                    start = u;
                } else if (!dark && start >= 0) {
                    if (u - start >= minRun) {
                        for (int k = start; k < u; k++) {
                            if (inkAt(ink, width, horizontal, k, v)) {
                                line[index(width, horizontal, k, v)] = true;
                                any = true;
                            }
                        }
                    }
                    start = -1;
                }
            }
        }
        if (!any) {
            return;
        }
        // across each line: a band of line pixels thicker than a line is a filled area; keep it
        for (int u = 0; u < along; u++) {
            int start = -1;
            for (int v = 0; v <= across; v++) {
                boolean marked = v < across && line[index(width, horizontal, u, v)];
                if (marked && start < 0) {
                    start = v;
                } else if (!marked && start >= 0) {
                    if (v - start <= maxThickness) {
                        int from = Math.max(0, start - fringe);
                        int to = Math.min(across, v + fringe);
                        for (int k = from; k < to; k++) {
                            int i = index(width, horizontal, u, k);
                            if (line[i] || grey[i] < FRINGE) {
                                erase[i] = true;
                            }
                        }
                    }
                    start = -1;
                }
            }
        }
    }

    private static boolean inkAt(boolean[] ink, int width, boolean horizontal, int u, int v) {
        return ink[index(width, horizontal, u, v)];
    }

    private static int index(int width, boolean horizontal, int u, int v) {
        return horizontal ? v * width + u : u * width + v;
    }

    private static int[] greyLevels(BufferedImage page) {
        BufferedImage grey = page;
        if (page.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            grey = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            var graphics = grey.createGraphics();
            try {
                graphics.drawImage(page, 0, 0, java.awt.Color.WHITE, null);
            } finally {
                graphics.dispose();
            }
        }
        return grey.getRaster().getPixels(0, 0, page.getWidth(), page.getHeight(), (int[]) null);
    }
}
