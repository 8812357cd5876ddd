package dev.manifests.samples.corpus;

import dev.manifests.samples.layout.Layout;
import dev.manifests.samples.layout.Layouts;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What each split is made of. Three layouts are held out: they appear only in the test split, never in train or
 * validation, so the test measures extraction from forms the model has never seen. Train and validation draw
 * every value from the seen {@link dev.manifests.samples.values.ValuePool}; in the test split a share of the
 * documents draws from the held-out pool instead (carriers, ports, company names and vessels never seen in
 * training). Layouts are drawn uniformly from those a split may use; all choices come from the document's seed.
 * A plan may also give a share of the train split to the {@linkplain Layouts#trainingOnly() training-only}
 * layouts, forms drawn anew for each document; validation and test never use them, and with a share of zero the
 * train split is what it was without them, document for document.
 */
public final class SplitPlan {

    /** The layouts only the test split uses. */
    public static final List<String> HELD_OUT_LAYOUTS =
            List.of("liner-bl-letter", "packing-list-table", "portal-printout");

    /** Share of test documents whose values come from the held-out pool. */
    public static final double TEST_HELD_OUT_VALUES_SHARE = 0.3;

    /** The choices made for one document. */
    public record Choice(Layout layout, boolean heldOutLayout, boolean heldOutValues) {
    }

    private final List<Layout> all;
    private final List<Layout> seen;
    private final List<Layout> trainingOnly;
    private final double variedShare;

    public SplitPlan(List<Layout> layouts) {
        this(layouts, List.of(), 0);
    }

    /**
     * @param trainingOnly layouts only the train split uses
     * @param variedShare share of train documents laid out with one of {@code trainingOnly}, from 0 to 1
     */
    public SplitPlan(List<Layout> layouts, List<Layout> trainingOnly, double variedShare) {
        if (!(variedShare >= 0 && variedShare <= 1)) {
            throw new IllegalArgumentException("the varied share must be from 0 to 1, got " + variedShare);
        }
        if (variedShare > 0 && trainingOnly.isEmpty()) {
            throw new IllegalArgumentException("a varied share of " + variedShare + " needs training-only layouts");
        }
        this.trainingOnly = List.copyOf(trainingOnly);
        this.variedShare = variedShare;
        Set<String> heldOut = Set.copyOf(HELD_OUT_LAYOUTS);
        List<String> ids = layouts.stream().map(Layout::id).toList();
        for (String id : HELD_OUT_LAYOUTS) {
            if (!ids.contains(id)) {
                throw new IllegalStateException("held-out layout '" + id + "' is not among the layouts " + ids
                        + "; update SplitPlan.HELD_OUT_LAYOUTS");
            }
        }
        this.all = List.copyOf(layouts);
        List<Layout> kept = new ArrayList<>();
        for (Layout layout : layouts) {
            if (!heldOut.contains(layout.id())) {
                kept.add(layout);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalStateException("every layout is held out; train would be empty");
        }
        this.seen = List.copyOf(kept);
    }

    /** The plan over every registered layout, without training-only layouts. */
    public static SplitPlan standard() {
        return new SplitPlan(Layouts.all());
    }

    /** The standard plan, with {@code variedShare} of the train split given to the training-only layouts. */
    public static SplitPlan withVariedShare(double variedShare) {
        return new SplitPlan(Layouts.all(), Layouts.trainingOnly(), variedShare);
    }

    public static boolean isHeldOutLayout(String layoutId) {
        return HELD_OUT_LAYOUTS.contains(layoutId);
    }

    /** The layouts a split may use. */
    public List<Layout> layouts(Split split) {
        return split == Split.TEST ? all : seen;
    }

    public Choice choose(Split split, Random random) {
        if (split == Split.TRAIN && variedShare > 0 && random.nextDouble() < variedShare) {
            return new Choice(trainingOnly.get(random.nextInt(trainingOnly.size())), false, false);
        }
        List<Layout> candidates = layouts(split);
        Layout layout = candidates.get(random.nextInt(candidates.size()));
        boolean heldOutValues = split == Split.TEST && random.nextDouble() < TEST_HELD_OUT_VALUES_SHARE;
        return new Choice(layout, isHeldOutLayout(layout.id()), heldOutValues);
    }
}
