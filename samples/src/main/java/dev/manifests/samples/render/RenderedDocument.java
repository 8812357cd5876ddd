package dev.manifests.samples.render;

import java.util.List;

/**
 * A laid-out document: pages of positioned blocks, ready to be written in any {@link DocumentFormat}.
 * {@code reference} is the printed document number, used by writers for e-mail subjects and attachment names;
 * {@code issuer} is the company whose form it is (carrier or forwarder), used as the e-mail sender's name.
 */
public record RenderedDocument(String layoutId, String title, String reference, String issuer, List<Page> pages) {

    public RenderedDocument {
        pages = List.copyOf(pages);
    }
}
