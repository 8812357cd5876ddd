package dev.manifests.serving.decode;

import dev.manifests.serving.decode.JsonPlan.ArrayNode;
import dev.manifests.serving.decode.JsonPlan.DateNode;
import dev.manifests.serving.decode.JsonPlan.DecimalNode;
import dev.manifests.serving.decode.JsonPlan.EnumNode;
import dev.manifests.serving.decode.JsonPlan.Field;
import dev.manifests.serving.decode.JsonPlan.IntegerNode;
import dev.manifests.serving.decode.JsonPlan.Node;
import dev.manifests.serving.decode.JsonPlan.NullableNode;
import dev.manifests.serving.decode.JsonPlan.RecordNode;
import dev.manifests.serving.decode.JsonPlan.StringNode;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer plan compiled against one tokenizer: the token ids of the JSON structure and of every key, the enum
 * symbol tries and the {@link MaskTable} rows every decision of a {@link ConstrainedDecoder} is taken under.
 * Computed once per vocabulary and plan; immutable and shared by all decoders of a model.
 */
public final class AnswerGrammar {

    private final JsonPlan plan;
    private final Vocabulary vocabulary;
    private final MaskTable masks;

    final int quote;
    final int colon;
    final int comma;
    final int openBrace;
    final int closeBrace;
    final int openBracket;
    final int closeBracket;
    final int dash;
    final int point;
    final int[] digit = new int[10];
    final int[] nullTokens;

    /**
     * String content (no quote, backslash or control byte; partial UTF-8 allowed), content ending in a backslash that
     * opens an escaped quote ({@code OOO \"KAMA\"}, names printed with quotes), or the closing quote.
     */
    final int stringMask;
    /** {@link #stringMask} without the escape openers, where no room is left for the escaped quote. */
    final int plainStringMask;
    /** The pieces of a {@link JsonPlan#CODE code}: letters, digits, {@code -} and {@code /} only; or the closing quote. */
    final int codeMask;
    final int digitsMask;
    final int nonZeroDigitsMask;
    final int integerMoreMask;
    final int decimalMoreMask;
    final int pointOrEndMask;
    final int fractionOrEndMask;
    final int fractionLastOrEndMask;
    final int monthFirstMask;
    final int monthSecondAfterOneMask;
    final int dayFirstMask;
    final int dayFirstFebruaryMask;
    final int daySecondFebruaryMask;
    final int daySecondThirtyOneMask;
    final int daySecondThirtyMask;
    final int arrayNextMask;

    private final BitSet content;
    private final BitSet escapeOpeners;
    private final Map<String, int[]> keys = new HashMap<>();
    private final Map<List<String>, EnumTrie> tries = new HashMap<>();
    private final Map<Node, Integer> choiceMasks = new HashMap<>();
    private final Map<Node, Integer> minTokens = new HashMap<>();
    private final Map<RecordNode, int[]> restAfterField = new HashMap<>();

    private AnswerGrammar(JsonPlan plan, Vocabulary vocabulary, TextEncoder encoder, int vocabularySize) {
        this.plan = plan;
        this.vocabulary = vocabulary;
        this.masks = new MaskTable(vocabularySize);
        quote = single(encoder, "\"");
        colon = single(encoder, ":");
        comma = single(encoder, ",");
        openBrace = single(encoder, "{");
        closeBrace = single(encoder, "}");
        openBracket = single(encoder, "[");
        closeBracket = single(encoder, "]");
        dash = single(encoder, "-");
        point = single(encoder, ".");
        for (int d = 0; d < 10; d++) {
            digit[d] = single(encoder, Integer.toString(d));
        }
        nullTokens = encoder.encode("null");

        content = new BitSet(vocabularySize);
        for (int id = 0; id < vocabulary.size(); id++) {
            if (isContent(vocabulary.bytes(id))) {
                content.set(id);
            }
        }
        escapeOpeners = new BitSet(vocabularySize);
        for (int id = 0; id < vocabulary.size(); id++) {
            if (opensEscape(vocabulary.bytes(id))) {
                escapeOpeners.set(id);
            }
        }
        BitSet plain = (BitSet) content.clone();
        plain.set(quote);
        plainStringMask = masks.register(plain);
        BitSet string = (BitSet) plain.clone();
        string.or(escapeOpeners);
        stringMask = masks.register(string);
        BitSet code = new BitSet(vocabularySize);
        for (int id = content.nextSetBit(0); id >= 0; id = content.nextSetBit(id + 1)) {
            if (isCodePiece(vocabulary.bytes(id))) {
                code.set(id);
            }
        }
        codeMask = masks.register(with(code, quote));
        digitsMask = masks.register(digits("0123456789"));
        nonZeroDigitsMask = masks.register(digits("123456789"));
        integerMoreMask = masks.register(with(digits("0123456789"), comma, closeBrace, closeBracket));
        decimalMoreMask = masks.register(with(digits("0123456789"), point, comma, closeBrace, closeBracket));
        pointOrEndMask = masks.register(with(new BitSet(), point, comma, closeBrace, closeBracket));
        fractionOrEndMask = masks.register(with(digits("0123456789"), comma, closeBrace, closeBracket));
        fractionLastOrEndMask = masks.register(with(digits("123456789"), comma, closeBrace, closeBracket));
        monthFirstMask = masks.register(digits("01"));
        monthSecondAfterOneMask = masks.register(digits("012"));
        dayFirstMask = masks.register(digits("0123"));
        dayFirstFebruaryMask = masks.register(digits("012"));
        daySecondFebruaryMask = masks.register(digits("012345678"));
        daySecondThirtyOneMask = masks.register(digits("01"));
        daySecondThirtyMask = masks.register(digits("0"));
        arrayNextMask = masks.register(with(new BitSet(), comma, closeBracket));
        compile(plan.root(), encoder);
        shortest(plan.root());
    }

    /**
     * Compiles {@code plan} for the tokenizer behind {@code vocabulary} and {@code encoder}; {@code vocabularySize}
     * is the model's output width (at least the tokenizer's size). Fails when the tokenizer does not isolate JSON
     * punctuation and digits as STEP_CONTRACT.md requires.
     */
    public static AnswerGrammar compile(JsonPlan plan, Vocabulary vocabulary, TextEncoder encoder, int vocabularySize) {
        if (vocabularySize < vocabulary.size()) {
            throw new IllegalArgumentException("model vocabulary of " + vocabularySize + " is smaller than the tokenizer's "
                    + vocabulary.size());
        }
        return new AnswerGrammar(plan, vocabulary, encoder, vocabularySize);
    }

    public JsonPlan plan() {
        return plan;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public MaskTable masks() {
        return masks;
    }

    /** True when the token may appear inside a string value. */
    public boolean isStringContent(int token) {
        return token >= 0 && content.get(token);
    }

    /**
     * True when the token ends in a backslash that opens an escape inside a string; the only escape the answer
     * writes is the escaped quote, so the quote that follows is forced.
     */
    boolean opensEscape(int token) {
        return token >= 0 && escapeOpeners.get(token);
    }

    /** Tokens of {@code "name":}. */
    int[] key(String name) {
        int[] tokens = keys.get(name);
        if (tokens == null) {
            throw new IllegalStateException("no key tokens compiled for field " + name);
        }
        return tokens;
    }

    EnumTrie trie(EnumNode node) {
        return tries.get(node.symbols());
    }

    /** The mask of a nullable value's value-or-null choice, or of an array's first element-or-end choice. */
    int choiceMask(Node nullableOrArray) {
        Integer mask = choiceMasks.get(nullableOrArray);
        if (mask == null) {
            throw new IllegalStateException("no choice mask compiled for " + nullableOrArray);
        }
        return mask;
    }

    /** Tokens of the shortest answer: every nullable value null, arrays empty, strings empty, numbers 0. */
    public int shortestAnswerTokens() {
        return minTokens(plan.root());
    }

    /** Tokens of the shortest complete value of this node (its opening token included). */
    int minTokens(Node node) {
        Integer tokens = minTokens.get(node);
        if (tokens == null) {
            throw new IllegalStateException("no length compiled for " + node);
        }
        return tokens;
    }

    /** Tokens that at least follow field {@code index} of a record: the later fields, shortest, and the closing brace. */
    int restAfterField(RecordNode record, int index) {
        return restAfterField.get(record)[index];
    }

    /** The token a value of this kind starts with, when it is always the same one (else -1: numbers). */
    int opener(Node node) {
        if (node instanceof RecordNode) {
            return openBrace;
        }
        if (node instanceof ArrayNode) {
            return openBracket;
        }
        if (node instanceof StringNode || node instanceof DateNode || node instanceof EnumNode) {
            return quote;
        }
        return -1;
    }

    private BitSet openers(Node node) {
        int opener = opener(node);
        if (opener >= 0) {
            return with(new BitSet(), opener);
        }
        if (node instanceof IntegerNode || node instanceof DecimalNode) {
            return digits("0123456789");
        }
        throw new IllegalArgumentException("no opening token for " + node);
    }

    private void compile(Node node, TextEncoder encoder) {
        if (node instanceof RecordNode record) {
            for (Field field : record.fields()) {
                keys.computeIfAbsent(field.name(), name -> keyTokens(encoder, name));
                compile(field.value(), encoder);
            }
        } else if (node instanceof NullableNode nullable) {
            if (nullable.value() instanceof NullableNode) {
                throw new IllegalArgumentException("nested nullable values have no plan");
            }
            choiceMasks.computeIfAbsent(node, n -> masks.register(with(openers(nullable.value()), nullTokens[0])));
            compile(nullable.value(), encoder);
        } else if (node instanceof ArrayNode array) {
            choiceMasks.computeIfAbsent(node, n -> masks.register(with(openers(array.items()), closeBracket)));
            compile(array.items(), encoder);
        } else if (node instanceof EnumNode enumeration) {
            tries.computeIfAbsent(enumeration.symbols(), symbols -> EnumTrie.build(symbols, encoder, quote, masks));
        }
    }

    private int shortest(Node node) {
        Integer known = minTokens.get(node);
        if (known != null) {
            return known;
        }
        int tokens;
        if (node instanceof RecordNode record) {
            int count = record.fields().size();
            int[] rest = new int[count];
            int suffix = 1;
            for (int i = count - 1; i >= 0; i--) {
                rest[i] = suffix;
                Field field = record.fields().get(i);
                suffix += key(field.name()).length + shortest(field.value()) + (i > 0 ? 1 : 0);
            }
            restAfterField.put(record, rest);
            tokens = 1 + suffix;
        } else if (node instanceof NullableNode nullable) {
            shortest(nullable.value());
            tokens = nullTokens.length;
        } else if (node instanceof ArrayNode array) {
            shortest(array.items());
            tokens = 2;
        } else if (node instanceof StringNode) {
            tokens = 2;
        } else if (node instanceof DateNode) {
            tokens = "\"yyyy-MM-dd\"".length();
        } else if (node instanceof EnumNode enumeration) {
            tokens = 1 + trie(enumeration).minRemaining();
        } else {
            tokens = 1;
        }
        minTokens.put(node, tokens);
        return tokens;
    }

    private int[] keyTokens(TextEncoder encoder, String name) {
        int[] tokens = encoder.encode("\"" + name + "\":");
        if (tokens.length < 3 || tokens[0] != quote || tokens[tokens.length - 2] != quote || tokens[tokens.length - 1] != colon) {
            throw new IllegalArgumentException("the tokenizer does not isolate JSON punctuation around key " + name
                    + ": " + Arrays.toString(tokens));
        }
        return tokens;
    }

    private int single(TextEncoder encoder, String text) {
        int[] tokens = encoder.encode(text);
        if (tokens.length != 1 || tokens[0] != vocabulary.byteToken(text.charAt(0))) {
            throw new IllegalArgumentException("the tokenizer must encode '" + text + "' as its one byte token, got "
                    + Arrays.toString(tokens) + " (see STEP_CONTRACT.md, Tokenizer)");
        }
        return tokens[0];
    }

    private BitSet digits(String allowed) {
        BitSet set = new BitSet();
        for (int i = 0; i < allowed.length(); i++) {
            set.set(vocabulary.byteToken(allowed.charAt(i)));
        }
        return set;
    }

    private static BitSet with(BitSet set, int... tokens) {
        for (int token : tokens) {
            set.set(token);
        }
        return set;
    }

    /** String content, if any, then one backslash. */
    private static boolean opensEscape(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes[bytes.length - 1] != '\\') {
            return false;
        }
        return bytes.length == 1 || isContent(Arrays.copyOf(bytes, bytes.length - 1));
    }

    private static boolean isCodePiece(byte[] bytes) {
        for (byte b : bytes) {
            boolean asciiLetterOrDigit = b >= 0 && PrintedText.inWord(b);
            if (!asciiLetterOrDigit && b != '-' && b != '/') {
                return false;
            }
        }
        return true;
    }

    private static boolean isContent(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return false;
        }
        for (byte b : bytes) {
            int u = b & 0xFF;
            if (u == '"' || u == '\\' || u < 0x20) {
                return false;
            }
        }
        return true;
    }
}
