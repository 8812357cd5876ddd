package dev.manifests.serving.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A prefix tree over the token sequences of an enum's symbols, each followed by the closing quote: one node per
 * decision, whose mask allows exactly its children's tokens. A node with one child is forced (jump-forward), a
 * node without children has completed a symbol.
 */
final class EnumTrie {

    private final Map<Integer, EnumTrie> children = new LinkedHashMap<>();
    private int mask = -1;
    private String symbol;
    /** Fewest and most tokens from here to the end of a symbol, closing quote included. */
    private int minRemaining;
    private int maxRemaining;

    static EnumTrie build(List<String> symbols, TextEncoder encoder, int quote, MaskTable masks) {
        EnumTrie root = new EnumTrie();
        for (String symbol : symbols) {
            int[] tokens = encoder.encode("\"" + symbol + "\"");
            if (tokens.length < 2 || tokens[0] != quote || tokens[tokens.length - 1] != quote) {
                throw new IllegalArgumentException("enum symbol " + symbol + " does not tokenize between quotes: "
                        + Arrays.toString(tokens));
            }
            EnumTrie node = root;
            for (int i = 1; i < tokens.length; i++) {
                node = node.children.computeIfAbsent(tokens[i], t -> new EnumTrie());
            }
            node.symbol = symbol;
        }
        root.registerMasks(masks);
        return root;
    }

    private void registerMasks(MaskTable masks) {
        minRemaining = children.isEmpty() ? 0 : Integer.MAX_VALUE;
        maxRemaining = 0;
        for (EnumTrie child : children.values()) {
            child.registerMasks(masks);
            minRemaining = Math.min(minRemaining, child.minRemaining + 1);
            maxRemaining = Math.max(maxRemaining, child.maxRemaining + 1);
        }
        if (children.size() > 1) {
            BitSet allowed = new BitSet();
            children.keySet().forEach(allowed::set);
            mask = masks.register(allowed);
        }
    }

    /** True when this node completes a symbol (its last edge was the closing quote). */
    boolean complete() {
        return children.isEmpty();
    }

    /** True when exactly one token can follow: the decoder forces it instead of asking. */
    boolean forced() {
        return children.size() == 1;
    }

    int onlyToken() {
        return children.keySet().iterator().next();
    }

    /** The mask a decision at this node is taken under (only for nodes with several children). */
    int mask() {
        return mask;
    }

    EnumTrie child(int token) {
        EnumTrie child = children.get(token);
        if (child == null) {
            throw new IllegalStateException("token " + token + " leads to no enum symbol");
        }
        return child;
    }

    int minRemaining() {
        return minRemaining;
    }

    int maxRemaining() {
        return maxRemaining;
    }

    /** The first token on a shortest way to the end of a symbol. */
    int shortestToken() {
        for (Map.Entry<Integer, EnumTrie> child : children.entrySet()) {
            if (child.getValue().minRemaining + 1 == minRemaining) {
                return child.getKey();
            }
        }
        throw new IllegalStateException("a completed symbol has no next token");
    }

    List<Integer> tokens() {
        return new ArrayList<>(children.keySet());
    }

    String symbol() {
        return symbol;
    }
}
