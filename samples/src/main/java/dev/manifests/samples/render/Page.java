package dev.manifests.samples.render;

import java.util.List;

/** One page, in PDF points (1/72 inch), origin top left. */
public record Page(float widthPt, float heightPt, List<Block> blocks) {

    public static final float A4_WIDTH = 595.28f;
    public static final float A4_HEIGHT = 841.89f;
    public static final float LETTER_WIDTH = 612f;
    public static final float LETTER_HEIGHT = 792f;

    public Page {
        blocks = List.copyOf(blocks);
    }
}
