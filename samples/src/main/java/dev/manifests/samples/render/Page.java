package dev.manifests.samples.render;

import java.util.List;

/** One page, in PDF points (1/72 inch), origin top left. */
public record Page(float widthPt, float heightPt, List<Block> blocks) {
}
