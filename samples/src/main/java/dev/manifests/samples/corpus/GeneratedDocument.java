package dev.manifests.samples.corpus;

import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.schema.ShippingDocument;

/**
 * One document of the corpus: its bytes in one format and the ground truth they were made from, with where it
 * belongs (split) and whether its layout or its values are held out of training.
 */
public record GeneratedDocument(String id, Split split, String layoutId, DocumentFormat format,
                                boolean heldOutLayout, boolean heldOutValues, byte[] bytes,
                                ShippingDocument truth) {

    /** The file name the document is written under: its id and its format's extension. */
    public String fileName() {
        return id + "." + format.extension();
    }
}
