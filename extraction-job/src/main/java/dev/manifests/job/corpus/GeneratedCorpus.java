package dev.manifests.job.corpus;

import dev.manifests.samples.corpus.Corpus;
import dev.manifests.samples.corpus.FormatMix;
import dev.manifests.samples.corpus.GeneratedDocument;
import dev.manifests.samples.corpus.Split;
import dev.manifests.samples.corpus.SplitPlan;
import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.samples.values.ReferenceData;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Documents of one split of the generated corpus, made by index so several threads can make them at once. The
 * share of scans can be capped: OCR makes a scan cost a hundred times a text document, so a large train split
 * keeps them rare; which indices are scans depends only on the seed, the split and the index.
 */
public final class GeneratedCorpus {

    private final Corpus corpus;
    private final Split split;
    private final long seed;
    private final FormatMix mix;
    private final FormatMix textMix;
    private final FormatMix scanMix;
    private final Double scanShare;

    /**
     * @param formats the formats to write, e.g. from {@link FormatMix#parse}
     * @param scanShareOrNull the share of documents that are scans (PDF_SCANNED, PNG, TIFF), or null for the
     *     generator's own mix
     */
    public GeneratedCorpus(Split split, long seed, Set<DocumentFormat> formats, Double scanShareOrNull) {
        this(split, seed, formats, scanShareOrNull, 0);
    }

    /**
     * @param variedShare share of train documents laid out as forms drawn anew for each document (the
     *     training-only layouts); 0 gives the corpus's train split unchanged
     */
    public GeneratedCorpus(Split split, long seed, Set<DocumentFormat> formats, Double scanShareOrNull,
                           double variedShare) {
        this.corpus = new Corpus(SplitPlan.withVariedShare(variedShare), ReferenceData.load());
        this.split = split;
        this.seed = seed;
        this.mix = new FormatMix(formats);
        Set<DocumentFormat> scans = EnumSet.noneOf(DocumentFormat.class);
        Set<DocumentFormat> texts = EnumSet.noneOf(DocumentFormat.class);
        for (DocumentFormat format : formats) {
            (format.needsOcr() ? scans : texts).add(format);
        }
        boolean capped = scanShareOrNull != null && !scans.isEmpty() && !texts.isEmpty();
        this.scanShare = capped ? scanShareOrNull : null;
        this.textMix = capped ? new FormatMix(texts) : null;
        this.scanMix = capped ? new FormatMix(scans) : null;
    }

    /** The document at {@code index}; thread-safe, and the same index always gives the same document. */
    public LabelledDocument documentAt(int index) {
        FormatMix chosen = mix;
        if (scanShare != null) {
            long choiceSeed = seed * 0x9E3779B97F4A7C15L + (split.ordinal() + 1L) * 0xC2B2AE3D27D4EB4FL + index;
            chosen = new SplittableRandom(choiceSeed).nextDouble() < scanShare ? scanMix : textMix;
        }
        GeneratedDocument document = corpus.document(split, seed, index, chosen);
        return new LabelledDocument(document.id(), split.id(), document.layoutId(), document.format().name(),
                document.heldOutLayout(), document.heldOutValues(), document.bytes(), document.fileName(),
                document.truth());
    }
}
