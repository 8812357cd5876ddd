package dev.manifests.serving.eval;

/**
 * One line of an evaluation split as the extraction job's training export writes it: the document's text, its
 * layout and file format, whether its layout or its values were held out of training, and the expected canonical
 * model JSON.
 */
public record LabelledDocument(String id, String layout, String format, boolean heldOutLayout, boolean heldOutValues,
                               String text, String target) {
}
