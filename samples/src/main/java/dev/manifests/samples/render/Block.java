package dev.manifests.samples.render;

/** Something drawn on a page. */
public interface Block {
}
