package dev.manifests.job.corpus;

import dev.manifests.schema.ShippingDocument;

/**
 * A document with its known answer, as the training-set export reads it from the generator or from a labelled
 * folder.
 *
 * @param id document id, unique within the split
 * @param split the split it belongs to (train, validation, test, or a folder's name)
 * @param layout the layout it was drawn with, null when unknown
 * @param format the file format, e.g. {@code PDF_SCANNED} or {@code EML_ATTACHMENT}
 * @param heldOutLayout true when its layout never appears in the train split
 * @param heldOutValues true when its values (companies, ports) never appear in the train split
 * @param bytes the file's content
 * @param filename the file name, a hint for type detection
 * @param truth the record the document states
 */
public record LabelledDocument(
        String id,
        String split,
        String layout,
        String format,
        boolean heldOutLayout,
        boolean heldOutValues,
        byte[] bytes,
        String filename,
        ShippingDocument truth) {
}
