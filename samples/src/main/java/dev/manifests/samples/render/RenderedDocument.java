package dev.manifests.samples.render;

import java.util.List;

/** A laid-out document: pages of positioned blocks, ready to be written in any {@link DocumentFormat}. */
public record RenderedDocument(String layoutId, String title, List<Page> pages) {
}
