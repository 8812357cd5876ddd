package dev.manifests.samples.corpus;

import dev.manifests.samples.layout.Layout;
import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.samples.render.FormatWriters;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.values.ReferenceData;
import dev.manifests.samples.values.ShipmentGenerator;
import dev.manifests.samples.values.ValuePool;
import dev.manifests.schema.ShippingDocument;

import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The generated corpus: documents of one split, each made from its own seed (derived from the corpus seed, the
 * split and the document's index), so the same arguments give the same ids, truths and bytes, and the first
 * {@code n} documents of a larger run are the documents of a run of {@code n}. Documents can be made on several
 * threads at once: the generator and the value pools hold no mutable state.
 */
public final class Corpus {

    private final SplitPlan plan;
    private final ShipmentGenerator generator;
    private final ValuePool seenValues;
    private final ValuePool heldOutValues;

    public Corpus(SplitPlan plan, ReferenceData data) {
        this.plan = plan;
        this.generator = new ShipmentGenerator(data);
        this.seenValues = ValuePool.seen(data);
        this.heldOutValues = ValuePool.heldOut(data);
    }

    /** The standard corpus: every registered layout and the bundled reference data. */
    public static Corpus standard() {
        return new Corpus(SplitPlan.standard(), ReferenceData.load());
    }

    /** {@code count} documents of a split, generated lazily in order, in the formats given (mixed by weight). */
    public static Stream<GeneratedDocument> generate(Split split, int count, long seed, Set<DocumentFormat> formats) {
        return standard().documents(split, count, seed, formats);
    }

    public Stream<GeneratedDocument> documents(Split split, int count, long seed, Set<DocumentFormat> formats) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        FormatMix mix = new FormatMix(formats);
        return IntStream.range(0, count).mapToObj(index -> document(split, seed, index, mix));
    }

    /** The document at {@code index} of a split; independent of every other document. */
    public GeneratedDocument document(Split split, long seed, int index, FormatMix mix) {
        long documentSeed = documentSeed(seed, split, index);
        Random choices = new Random(mix(documentSeed, 1));
        SplitPlan.Choice choice = plan.choose(split, choices);
        DocumentFormat format = mix.pick(choices);
        String id = documentId(split, seed, index);
        ValuePool pool = choice.heldOutValues() ? heldOutValues : seenValues;
        ShippingDocument truth = generator.generate(id, pool, new Random(mix(documentSeed, 2)));
        Layout layout = choice.layout();
        RenderedDocument rendered = layout.render(truth, new Random(mix(documentSeed, 3)));
        byte[] bytes = FormatWriters.write(rendered, format, new Random(mix(documentSeed, 4)));
        return new GeneratedDocument(id, split, layout.id(), format, choice.heldOutLayout(), choice.heldOutValues(),
                bytes, truth);
    }

    /** Ids name the split, the corpus seed and the index: {@code train-42-000017}. */
    public static String documentId(Split split, long seed, int index) {
        return String.format(Locale.ROOT, "%s-%d-%06d", split.id(), seed, index);
    }

    static long documentSeed(long seed, Split split, int index) {
        return mix(mix(seed, split.ordinal() + 1L), index);
    }

    /** SplitMix64's finaliser over a combination of two values: nearby inputs give unrelated seeds. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
