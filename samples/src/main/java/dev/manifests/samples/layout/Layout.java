package dev.manifests.samples.layout;

import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.schema.ShippingDocument;

import java.util.Random;

/**
 * One visual layout of a shipping document, the way one kind of carrier or forwarder form looks. It prints every
 * value of the ground-truth record faithfully (in its own formats and labels) and adds its own noise.
 */
public interface Layout {

    /** Stable identifier, used in file names, splits and reports (e.g. "ocean-master-bl"). */
    String id();

    /** Lays the document out on pages; all randomness comes from {@code random}. */
    RenderedDocument render(ShippingDocument document, Random random);
}
