package dev.manifests.serving.decode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary masks the step module chooses tokens under: row {@code m} allows the token ids set in it. Row
 * {@link #ALL} allows every token. Rows are registered once while an {@link AnswerGrammar} is compiled and
 * uploaded once through {@code StepExecutor.setMasks}; identical rows share one id.
 */
public final class MaskTable {

    /** The row that allows every token: prefill rows and predictions the decoder does not use. */
    public static final int ALL = 0;

    private final int width;
    private final List<BitSet> rows = new ArrayList<>();
    private final Map<BitSet, Integer> ids = new HashMap<>();

    MaskTable(int width) {
        this.width = width;
        BitSet all = new BitSet(width);
        all.set(0, width);
        register(all);
    }

    /** Registers a row (a copy is kept) and returns its id; a row equal to an earlier one gets that row's id. */
    int register(BitSet allowed) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("a mask row must allow at least one token");
        }
        if (allowed.length() > width) {
            throw new IllegalArgumentException("mask allows token " + (allowed.length() - 1) + " beyond the vocabulary of " + width);
        }
        Integer known = ids.get(allowed);
        if (known != null) {
            return known;
        }
        BitSet copy = (BitSet) allowed.clone();
        rows.add(copy);
        ids.put(copy, rows.size() - 1);
        return rows.size() - 1;
    }

    public boolean allows(int mask, int token) {
        return token >= 0 && token < width && rows.get(mask).get(token);
    }

    /** Number of rows (M). */
    public int size() {
        return rows.size();
    }

    /** Number of token ids per row (V): the model's vocabulary size. */
    public int width() {
        return width;
    }

    /** Number of tokens row {@code mask} allows. */
    public int allowedCount(int mask) {
        return rows.get(mask).cardinality();
    }

    /** The allowed token ids of one row, ascending. */
    public int[] allowed(int mask) {
        return rows.get(mask).stream().toArray();
    }

    /** The whole table as {@code boolean[M][V]}, the form {@code StepExecutor.setMasks} takes. */
    public boolean[][] rows() {
        boolean[][] out = new boolean[rows.size()][width];
        for (int m = 0; m < rows.size(); m++) {
            BitSet row = rows.get(m);
            for (int t = row.nextSetBit(0); t >= 0; t = row.nextSetBit(t + 1)) {
                out[m][t] = true;
            }
        }
        return out;
    }
}
