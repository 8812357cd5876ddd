package dev.manifests.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RuledLinesTest {

    private static final String[][] TABLE = {
        {"Container", "Seal", "Gross kg"},
        {"MSKU9070323", "4471123", "18250.5"},
        {"CSQU3054383", "ML-0981", "7329.0"}};

    @Test
    void erasesTheGridOfATableAndKeepsItsText() {
        BufferedImage table = TestFiles.ruledTable(0, TABLE);

        BufferedImage cleaned = RuledLines.erase(table);

        // the top rule and the left rule of the table (see TestFiles.ruledTable) are paper now
        assertThat(darkPixels(cleaned, 100, 98, 700, 5)).isZero();
        assertThat(darkPixels(cleaned, 98, 100, 5, 130)).isZero();
        // the text in the first body cell keeps its ink
        int textBefore = darkPixels(table, 110, 150, 240, 30);
        assertThat(textBefore).isPositive();
        assertThat(darkPixels(cleaned, 110, 150, 240, 30)).isGreaterThan(textBefore * 9 / 10);
    }

    @Test
    void erasesRulesOfASkewedScan() {
        BufferedImage table = TestFiles.ruledTable(1.5, TABLE);

        BufferedImage cleaned = RuledLines.erase(table);

        assertThat(longestHorizontalRun(cleaned)).isLessThan(longestHorizontalRun(table) / 4);
    }

    @Test
    void keepsFilledBarsAndGreyShading() {
        BufferedImage page = blankPage(1200, 800);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(100, 100, 800, 40);
        g.setColor(new Color(215, 215, 215));
        g.fillRect(100, 300, 800, 60);
        g.dispose();

        BufferedImage cleaned = RuledLines.erase(page);

        assertThat(darkPixels(cleaned, 100, 100, 800, 40)).isEqualTo(800 * 40);
        assertThat(cleaned.getRaster().getSample(500, 330, 0)).isEqualTo(215);
    }

    @Test
    void leavesAPageWithoutLinesAsItIs() {
        BufferedImage page = TestFiles.render("BILL OF LADING", "CONTAINER NO. MSKU9070323");

        BufferedImage cleaned = RuledLines.erase(page);

        for (int y = 0; y < page.getHeight(); y += 3) {
            for (int x = 0; x < page.getWidth(); x += 3) {
                assertThat(cleaned.getRaster().getSample(x, y, 0)).isEqualTo(page.getRaster().getSample(x, y, 0));
            }
        }
    }

    private static BufferedImage blankPage(int width, int height) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return page;
    }

    private static int darkPixels(BufferedImage image, int x, int y, int width, int height) {
        int dark = 0;
        for (int row = y; row < y + height; row++) {
            for (int column = x; column < x + width; column++) {
                if (grey(image, column, row) < RuledLines.DARK) {
                    dark++;
                }
            }
        }
        return dark;
    }

    private static int longestHorizontalRun(BufferedImage image) {
        int longest = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                run = grey(image, x, y) < RuledLines.DARK ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? image.getRaster().getSample(x, y, 0)
                : new Color(image.getRGB(x, y)).getGreen();
    }
}
