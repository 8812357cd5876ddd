package dev.manifests.serving.decode;

import dev.manifests.serving.decode.JsonPlan.ArrayNode;
import dev.manifests.serving.decode.JsonPlan.DateNode;
import dev.manifests.serving.decode.JsonPlan.DecimalNode;
import dev.manifests.serving.decode.JsonPlan.EnumNode;
import dev.manifests.serving.decode.JsonPlan.IntegerNode;
import dev.manifests.serving.decode.JsonPlan.Node;
import dev.manifests.serving.decode.JsonPlan.NullableNode;
import dev.manifests.serving.decode.JsonPlan.RecordNode;
import dev.manifests.serving.decode.JsonPlan.StringNode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one answer under an {@link AnswerGrammar}: feeds the prompt in chunks, then walks the plan. Structure is
 * never sampled: keys, quotes, commas and braces are forced (as one chunk with jump-forward), and every value is
 * chosen under a mask that only lets it continue validly, so the answer parses and conforms to the schema whatever the
 * model predicts. Inside string values it drafts continuations from the prompt (prompt-lookup speculation) and keeps
 * the longest prefix the model agrees with. A verbatim string value (a field printed in the document) starts at a
 * printed word and takes the model's most likely token that keeps it a copy of the document text, among its first
 * {@link DecodeOptions#copyCandidates()} and within {@link DecodeOptions#copyMarginNats()} of the model's choice;
 * where the value stops inside a printed word, the first of them that goes on with the word, whatever its likelihood.
 * When none does and the word goes on the same way wherever the value occurs, the rest of the word is forced as
 * printed and the model goes on from the word's end; otherwise the model's own choice stands and the value is left
 * free. A {@link JsonPlan#CODE code} is written with letters, digits, {@code -} and {@code /} only, and a nullable
 * code the document does not print as words of their own (up to the letters and digits OCR confuses: O and 0, I, l and
 * 1, S and 5, B and 8, Z and 2, G and 6) is answered null, whatever the model wrote: codes are copied, and a model
 * that has learned which carrier a reference number's prefix belongs to otherwise writes a carrier code the document
 * never printed. Not thread-safe: one scheduler thread drives it.
 */
public final class ConstrainedDecoder implements SequenceDecoder {

    /** Longest run of the latest string tokens looked up in the prompt to find a draft. */
    private static final int LOOKUP_TOKENS = 3;
    /** Longest cycle of string tokens the loop guard looks for, and how many times in a row it must come. */
    private static final int LOOP_PERIOD = 4;
    private static final int LOOP_REPEATS = 3;
    /** What {@link #pick} answers when no candidate is taken and the rest of the printed word is forced instead. */
    private static final int REST_OF_WORD = -1;

    private final AnswerGrammar grammar;
    private final DecodeOptions options;
    private final int[] prompt;
    /** The prompt's text as copied values and codes must match it. */
    private final PrintedText printed;
    /** Prompt and answer tokens together never exceed this, so no position at or beyond it is ever written. */
    private final int maxSequenceTokens;
    private final TokenBuffer pending = new TokenBuffer();
    private final TokenBuffer answer = new TokenBuffer();
    private final Deque<Frame> frames = new ArrayDeque<>();
    /** Spans [from, to) of the answer holding a nullable code the document does not print: written as null. */
    private final List<int[]> unprinted = new ArrayList<>();
    private final Map<String, Double> confidence = new LinkedHashMap<>();
    private int position;
    private int decoded;
    private int draftsProposed;
    private int draftsAccepted;
    /** What the model decides next; null once the walk has finished. */
    private Decision decision;

    private Request inFlight;

    /** A decoder without a length bound beyond the plan's own (strings, arrays and numbers are bounded there). */
    public ConstrainedDecoder(AnswerGrammar grammar, int[] promptIds, DecodeOptions options) {
        this(grammar, promptIds, options, Integer.MAX_VALUE);
    }

    /**
     * A decoder whose prompt and answer together hold at most {@code maxSequenceTokens} tokens (the KV slot's
     * length): when the model's answer would not fit, the decoder closes it the shortest valid way itself, and the
     * fields it had to close get confidence 0.
     *
     * @throws IllegalArgumentException when even the shortest answer does not fit after the prompt
     */
    public ConstrainedDecoder(AnswerGrammar grammar, int[] promptIds, DecodeOptions options, int maxSequenceTokens) {
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("an empty prompt has no next token to predict");
        }
        if ((long) promptIds.length + grammar.shortestAnswerTokens() > maxSequenceTokens) {
            throw new IllegalArgumentException("a prompt of " + promptIds.length + " tokens leaves no room for the shortest "
                    + "answer (" + grammar.shortestAnswerTokens() + " tokens) in " + maxSequenceTokens + " positions");
        }
        this.grammar = grammar;
        this.options = options;
        this.prompt = promptIds.clone();
        this.printed = PrintedText.of(prompt, grammar.vocabulary());
        this.maxSequenceTokens = maxSequenceTokens;
        pending.addAll(prompt);
        begin(grammar.plan().root(), "", -1, 0, "", false);
        keepWithinLength();
    }

    @Override
    public StepRequest next(int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("a step request holds at least one token, asked for " + maxTokens);
        }
        if (inFlight != null) {
            throw new IllegalStateException("the previous request has not been accepted yet");
        }
        if (done()) {
            return null;
        }
        int limit = Math.min(maxTokens, options.prefillChunkTokens());
        int fed;
        Row row;
        if (options.jumpForward()) {
            fed = Math.min(limit, pending.size());
            row = fed == pending.size() ? Row.DECISION : Row.NONE;
        } else {
            fed = position < prompt.length ? Math.min(limit, prompt.length - position) : 1;
            if (fed == pending.size() && decision != null) {
                row = Row.DECISION;
            } else {
                // the baseline predicts every answer token, forced or not, and discards the forced ones
                row = position + fed >= prompt.length ? Row.DISCARDED : Row.NONE;
            }
        }
        int[] draft = row == Row.DECISION ? draft(limit - fed) : new int[0];
        int[] tokens = new int[fed + draft.length];
        pending.copyTo(fed, tokens, 0);
        System.arraycopy(draft, 0, tokens, fed, draft.length);
        int rows = row == Row.NONE ? 0 : 1 + draft.length;
        int[] outputIndexes = new int[rows];
        int[] maskIds = new int[rows];
        for (int r = 0; r < rows; r++) {
            outputIndexes[r] = fed - 1 + r;
            maskIds[r] = row == Row.DECISION ? decision.mask() : MaskTable.ALL;
        }
        inFlight = new Request(fed, draft, row);
        draftsProposed += draft.length;
        boolean copying = row == Row.DECISION && decision instanceof StringValue string && string.copy != null;
        return new StepRequest(position, tokens, outputIndexes, maskIds, copying ? options.copyCandidates() : 1);
    }

    @Override
    public void accept(int[] tokens, float[] logProbs) {
        accept(tokens, logProbs, 1);
    }

    @Override
    public void accept(int[] tokens, float[] logProbs, int candidates) {
        Request request = inFlight;
        if (request == null) {
            throw new IllegalStateException("accept without a request");
        }
        int rows = request.row == Row.NONE ? 0 : 1 + request.draft.length;
        if (candidates < 1 || tokens.length != rows * candidates || logProbs.length != rows * candidates) {
            throw new IllegalArgumentException("expected " + rows + " predictions of " + candidates + " candidates, got "
                    + tokens.length + " tokens");
        }
        inFlight = null;
        pending.removeFirst(request.fed);
        position += request.fed;
        if (request.row != Row.DECISION) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int from = r * candidates;
            int chosen = pick(tokens, logProbs, from, candidates);
            if (chosen == REST_OF_WORD) {
                // none of the model's tokens is taken, so a rejected draft behind this row is overwritten as after take
                ((StringValue) decision).finishWord(Math.exp(logProbs[from]));
                keepWithinLength();
                return;
            }
            int pick = from + chosen;
            int token = tokens[pick];
            int mask = decision.mask();
            if (!grammar.masks().allows(mask, token)) {
                throw new IllegalStateException("the step chose token " + token + ", which mask " + mask + " forbids");
            }
            double probability = Math.exp(logProbs[pick]);
            if (r < request.draft.length && token == request.draft[r]) {
                // the model agrees with the draft token, which is already in the cache behind the fed tokens
                ((StringValue) decision).acceptDraft(token, probability);
                position++;
                draftsAccepted++;
            } else {
                decision.take(token, probability);
                keepWithinLength();
                return;
            }
        }
    }

    /**
     * Which of a row's candidates to take: the first (the model's arg-max) unless the decision is a value being
     * copied. A copied value that stops inside a printed word takes the first candidate that goes on with the word,
     * however unlikely, or when none does, {@link #REST_OF_WORD} if the rest of the word can be forced; otherwise it
     * takes the first candidate within the margin that keeps it a copy. When none does, a value that stops inside a
     * printed word at some of its occurrences has the rest of that word forced if the rest is the same at all of
     * them; otherwise it lets go of the text.
     */
    private int pick(int[] tokens, float[] logProbs, int from, int candidates) {
        if (!(decision instanceof StringValue string) || string.copy == null) {
            return 0;
        }
        if (string.copy.midWord()) {
            // a model that has not seen the name breaks off inside a printed word and goes on with words it knows;
            // no value ends there, so neither the quote nor a token starting with a space or punctuation is taken
            for (int c = 0; c < candidates && logProbs[from + c] != Float.NEGATIVE_INFINITY; c++) {
                if (goesOnWithWord(tokens[from + c], string.copy)) {
                    return c;
                }
            }
            if (string.restOfWordTokens() != null) {
                return REST_OF_WORD;
            }
        }
        double floor = logProbs[from] - options.copyMarginNats();
        for (int c = 0; c < candidates; c++) {
            int token = tokens[from + c];
            if (logProbs[from + c] == Float.NEGATIVE_INFINITY || logProbs[from + c] < floor) {
                break;
            }
            if (token == grammar.quote || string.copy.allows(piece(token))) {
                return c;
            }
        }
        if (string.restOfWordTokens() != null) {
            // no candidate copies, but the value stops inside a printed word somewhere: finish that word as printed
            return REST_OF_WORD;
        }
        string.copy = null;
        return 0;
    }

    /** Whether the token continues the printed word the value stops in: it starts with a letter or digit and copies. */
    private boolean goesOnWithWord(int token, PrintedText.Copy copy) {
        byte[] bytes = grammar.vocabulary().bytes(token);
        return bytes.length > 0 && PrintedText.inWord(bytes[0]) && copy.allows(PrintedText.reduce(bytes));
    }

    private byte[] piece(int token) {
        return PrintedText.reduce(grammar.vocabulary().bytes(token));
    }

    @Override
    public boolean done() {
        return decision == null && (options.jumpForward() || pending.size() <= 1);
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public int promptLength() {
        return prompt.length;
    }

    /** The prompt's document text as the answer's copies are matched against it. */
    PrintedText printedText() {
        return printed;
    }

    /** The finished answer; only once {@link #done()}. */
    public DecodedAnswer answer() {
        if (!done()) {
            throw new IllegalStateException("the answer is not complete yet");
        }
        int[] tokens = answer.toArray();
        int[] written = withUnprintedAsNull(tokens);
        return new DecodedAnswer(grammar.vocabulary().text(written, 0, written.length), confidence, prompt.length,
                tokens.length, decoded);
    }

    /** The answer's tokens with each {@link #unprinted} span replaced by {@code null}. */
    private int[] withUnprintedAsNull(int[] tokens) {
        if (unprinted.isEmpty()) {
            return tokens;
        }
        TokenBuffer written = new TokenBuffer();
        int at = 0;
        for (int[] span : unprinted) {
            written.addAll(tokens, at, span[0]);
            written.addAll(grammar.nullTokens);
            at = span[1];
        }
        written.addAll(tokens, at, tokens.length);
        return written.toArray();
    }

    /** Draft tokens proposed so far (each costs one output row of a step). */
    public int draftsProposed() {
        return draftsProposed;
    }

    /** Draft tokens the model agreed with so far (each saved a step). */
    public int draftsAccepted() {
        return draftsAccepted;
    }

    /**
     * Prompt-lookup draft: what followed the latest occurrence of the string's last tokens in the prompt, as many
     * tokens as the length of the match earns.
     */
    private int[] draft(int room) {
        if (!options.speculation() || !(decision instanceof StringValue string) || string.count == 0) {
            return new int[0];
        }
        int budget = Math.min(Math.min(options.draftTokens(), room), string.node.maxTokens() - string.count - 1);
        budget = Math.min(budget, slack() - 1);
        if (budget <= 0) {
            return new int[0];
        }
        int end = answer.size();
        for (int n = Math.min(LOOKUP_TOKENS, string.count); n >= 1; n--) {
            int at = latestOccurrence(end - n, n);
            if (at >= 0) {
                // a draft found by a shorter match is more often wrong, and every wrong draft token costs a token's
                // arithmetic in the step: half the budget for each token the match falls short of LOOKUP_TOKENS
                int trusted = Math.max(1, budget >> (LOOKUP_TOKENS - n));
                int from = at + n;
                int to = from;
                while (to < prompt.length && to - from < trusted && grammar.isStringContent(prompt[to])) {
                    to++;
                }
                return Arrays.copyOfRange(prompt, from, to);
            }
        }
        return new int[0];
    }

    /** Start in the prompt of the latest occurrence of answer[from, from + n) that is followed by a token, or -1. */
    private int latestOccurrence(int from, int n) {
        for (int start = prompt.length - n - 1; start >= 0; start--) {
            boolean match = true;
            for (int i = 0; i < n && match; i++) {
                match = prompt[start + i] == answer.get(from + i);
            }
            if (match) {
                return start;
            }
        }
        return -1;
    }

    /**
     * Whether the value's last tokens repeat one short cycle {@link #LOOP_REPEATS} times where the prompt never does:
     * a greedy model caught in a loop would otherwise write the cycle until the value's length bound.
     */
    private boolean loops(int valueTokens) {
        int end = answer.size();
        for (int period = 1; period <= LOOP_PERIOD && period * LOOP_REPEATS <= valueTokens; period++) {
            int from = end - period * LOOP_REPEATS;
            boolean repeated = true;
            for (int i = from; i < end - period && repeated; i++) {
                repeated = answer.get(i) == answer.get(i + period);
            }
            if (repeated && !inPrompt(from, end - from)) {
                return true;
            }
        }
        return false;
    }

    /** Whether answer[from, from + n) occurs in the prompt. */
    private boolean inPrompt(int from, int n) {
        for (int start = 0; start + n <= prompt.length; start++) {
            boolean match = true;
            for (int i = 0; i < n && match; i++) {
                match = prompt[start + i] == answer.get(from + i);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    // ---- the length bound

    /** Tokens to spare: the bound less the prompt, the answer so far and the shortest way to finish it. */
    private int slack() {
        long left = (long) maxSequenceTokens - prompt.length - answer.size() - completion();
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** Tokens of the shortest way to finish the answer from here. */
    private int completion() {
        if (decision == null) {
            return 0;
        }
        int tokens = decision.completion();
        for (Frame frame : frames) {
            tokens += frame.record != null ? grammar.restAfterField(frame.record, frame.index) : 1;
        }
        return tokens;
    }

    /** Takes the shortest way on, without the model, for as long as the model's choices might not fit. */
    private void keepWithinLength() {
        while (decision != null && decision.tight(slack())) {
            decision.finishShortest();
        }
    }

    /** A decision the length bound took in the model's place: no confidence in it at all. */
    private void forceForLength(String path, int... tokens) {
        force(tokens);
        credit(path, 0.0);
    }

    // ---- the walk over the plan

    /**
     * Starts a value at {@code path}. When the model already chose the value's first token in a choice
     * ({@code chosen} >= 0, with its probability, credited to {@code choicePath}), that token opens the value.
     * {@code nullable} when the value is the non-null branch of a nullable one.
     */
    private void begin(Node node, String path, int chosen, double probability, String choicePath, boolean nullable) {
        if (node instanceof NullableNode) {
            decision = new NullChoice((NullableNode) node, path);
            return;
        }
        if (node instanceof IntegerNode || node instanceof DecimalNode) {
            Decision number = node instanceof IntegerNode integer ? new IntegerValue(integer, path)
                    : new DecimalValue((DecimalNode) node, path);
            decision = number;
            if (chosen >= 0) {
                credit(choicePath, probability);
                number.take(chosen, probability);
            }
            return;
        }
        int opener = grammar.opener(node);
        if (chosen >= 0) {
            choose(chosen, probability, choicePath);
        } else {
            force(opener);
        }
        if (node instanceof RecordNode record) {
            frames.push(new Frame(record, null, path));
            beginField(frames.peek());
        } else if (node instanceof ArrayNode array) {
            frames.push(new Frame(null, array, path));
            decision = new ArrayChoice(frames.peek(), true);
        } else if (node instanceof StringNode string) {
            decision = new StringValue(string, path, nullable);
        } else if (node instanceof DateNode) {
            decision = new DateValue(path);
        } else if (node instanceof EnumNode enumeration) {
            new EnumValue(grammar.trie(enumeration), path).advance();
        }
    }

    private void beginField(Frame frame) {
        if (frame.index >= frame.record.fields().size()) {
            force(grammar.closeBrace);
            frames.pop();
            endValue();
            return;
        }
        JsonPlan.Field field = frame.record.fields().get(frame.index);
        force(grammar.key(field.name()));
        begin(field.value(), frame.path.isEmpty() ? field.name() : frame.path + "." + field.name(), -1, 0, "", false);
    }

    /** The current value is complete: force what follows it and start the next decision. */
    private void endValue() {
        Frame frame = frames.peek();
        if (frame == null) {
            decision = null;
            return;
        }
        frame.index++;
        if (frame.record != null) {
            if (frame.index < frame.record.fields().size()) {
                force(grammar.comma);
            }
            beginField(frame);
        } else if (frame.index >= frame.array.maxItems()) {
            force(grammar.closeBracket);
            frames.pop();
            endValue();
        } else {
            decision = new ArrayChoice(frame, false);
        }
    }

    private void force(int... tokens) {
        for (int token : tokens) {
            pending.add(token);
            answer.add(token);
        }
    }

    private void choose(int token, double probability, String path) {
        pending.add(token);
        answer.add(token);
        decoded++;
        credit(path, probability);
    }

    private void credit(String path, double probability) {
        confidence.merge(path, probability, Math::min);
    }

    /** The model ended a number with a follow token (',' '}' ']'); the right structure is forced in its place. */
    private void endNumber(String path, double probability) {
        decoded++;
        credit(path, probability);
        endValue();
    }

    private boolean isFollow(int token) {
        return token == grammar.comma || token == grammar.closeBrace || token == grammar.closeBracket;
    }

    private int digitOf(int token) {
        for (int d = 0; d < 10; d++) {
            if (grammar.digit[d] == token) {
                return d;
            }
        }
        throw new IllegalStateException("token " + token + " is not a digit");
    }

    private enum Row { NONE, DISCARDED, DECISION }

    private record Request(int fed, int[] draft, Row row) {
    }

    /** An open record (which field comes next) or array (how many elements so far). */
    private static final class Frame {
        final RecordNode record;
        final ArrayNode array;
        final String path;
        int index;

        Frame(RecordNode record, ArrayNode array, String path) {
            this.record = record;
            this.array = array;
            this.path = path;
        }
    }

    /** One decision of the model: the mask it is taken under and what the chosen token does. */
    private interface Decision {
        int mask();

        void take(int token, double probability);

        /** Tokens of the shortest way to finish this value, not counting what the enclosing frames add. */
        int completion();

        /** True when some token the mask allows could leave the answer too long to finish within the bound. */
        boolean tight(int slack);

        /** Finishes (or advances) this value the shortest way, without asking the model. */
        void finishShortest();
    }

    private final class NullChoice implements Decision {
        private final NullableNode node;
        private final String path;

        NullChoice(NullableNode node, String path) {
            this.node = node;
            this.path = path;
        }

        @Override
        public int mask() {
            return grammar.choiceMask(node);
        }

        @Override
        public void take(int token, double probability) {
            if (token == grammar.nullTokens[0]) {
                choose(token, probability, path);
                force(Arrays.copyOfRange(grammar.nullTokens, 1, grammar.nullTokens.length));
                endValue();
            } else {
                begin(node.value(), path, token, probability, path, true);
            }
        }

        @Override
        public int completion() {
            return grammar.nullTokens.length;
        }

        @Override
        public boolean tight(int slack) {
            return slack < grammar.minTokens(node.value()) - grammar.nullTokens.length;
        }

        @Override
        public void finishShortest() {
            forceForLength(path, grammar.nullTokens);
            endValue();
        }
    }

    private final class ArrayChoice implements Decision {
        private final Frame frame;
        private final boolean first;

        ArrayChoice(Frame frame, boolean first) {
            this.frame = frame;
            this.first = first;
        }

        @Override
        public int mask() {
            return first ? grammar.choiceMask(frame.array) : grammar.arrayNextMask;
        }

        @Override
        public void take(int token, double probability) {
            String element = frame.path + "[" + frame.index + "]";
            if (token == grammar.closeBracket) {
                choose(token, probability, frame.path);
                frames.pop();
                endValue();
            } else if (first) {
                begin(frame.array.items(), element, token, probability, frame.path, false);
            } else {
                choose(token, probability, frame.path);
                begin(frame.array.items(), element, -1, 0, "", false);
            }
        }

        @Override
        public int completion() {
            return 0;
        }

        @Override
        public boolean tight(int slack) {
            return slack < grammar.minTokens(frame.array.items()) + (first ? 0 : 1);
        }

        @Override
        public void finishShortest() {
            forceForLength(frame.path, grammar.closeBracket);
            frames.pop();
            endValue();
        }
    }

    private final class StringValue implements Decision {
        final StringNode node;
        final String path;
        /** Whether the value is the non-null branch of a nullable one. */
        final boolean nullable;
        /** Index in the answer of the value's opening quote. */
        final int opened;
        int count;
        /** Where the value occurs in the document text, while it is held to it; null for a free value. */
        PrintedText.Copy copy;

        StringValue(StringNode node, String path, boolean nullable) {
            this.node = node;
            this.path = path;
            this.nullable = nullable;
            this.opened = answer.size() - 1;
            this.copy = node.verbatim() && options.copyCandidates() > 1 ? printed.start() : null;
        }

        @Override
        public int mask() {
            if (node.code()) {
                return grammar.codeMask;
            }
            // an escape opener needs room for its escaped quote and then the closing one
            boolean room = count + 2 < node.maxTokens() && slack() >= 2;
            return room ? grammar.stringMask : grammar.plainStringMask;
        }

        @Override
        public void take(int token, double probability) {
            choose(token, probability, path);
            if (token == grammar.quote) {
                closed();
                return;
            }
            extendCopy(token);
            count++;
            if (grammar.opensEscape(token)) {
                force(grammar.quote);
                count++;
            }
            if (count >= node.maxTokens() || loops(count)) {
                force(grammar.quote);
                closed();
            }
        }

        @Override
        public int completion() {
            return 1;
        }

        @Override
        public boolean tight(int slack) {
            return slack < 1;
        }

        @Override
        public void finishShortest() {
            forceForLength(path, grammar.quote);
            closed();
        }

        /** The value's closing quote is in the answer: a nullable code the document does not print is answered null. */
        private void closed() {
            if (nullable && node.code() && !printed.printsCode(valueBytes())) {
                unprinted.add(new int[] {opened, answer.size()});
            }
            endValue();
        }

        private byte[] valueBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = opened + 1; i < answer.size() - 1; i++) {
                bytes.writeBytes(grammar.vocabulary().bytes(answer.get(i)));
            }
            return bytes.toByteArray();
        }

        /**
         * The tokens that spell the rest of the printed word the value stops inside, as printed, when they may be
         * forced: the word goes on the same way wherever the value occurs, they are string content, and they fit in
         * the value's token bound and in the sequence's. Null otherwise.
         */
        int[] restOfWordTokens() {
            byte[] lastToken = grammar.vocabulary().bytes(answer.get(answer.size() - 1));
            byte[] rest = count == 0 || lastToken.length == 0 ? null : copy.restOfWord(lastToken[lastToken.length - 1]);
            if (rest == null) {
                return null;
            }
            int[] tokens = grammar.vocabulary().longestMatchTokens(rest);
            if (count + tokens.length > node.maxTokens() || tokens.length > slack()) {
                return null;
            }
            for (int token : tokens) {
                // the value's mask also admits the quote, which would end the value
                if (token == grammar.quote || !grammar.masks().allows(mask(), token)) {
                    return null;
                }
            }
            return tokens;
        }

        /**
         * Forces the {@link #restOfWordTokens() rest of the printed word} in place of the model's choice, which had
         * {@code probability}: the value then ends a printed word, is still held to the text, and the model decides
         * from there. A value that reaches its token bound is closed as in {@link #take}.
         */
        void finishWord(double probability) {
            int[] tokens = restOfWordTokens();
            credit(path, probability);
            for (int token : tokens) {
                force(token);
                extendCopy(token);
            }
            count += tokens.length;
            if (count >= node.maxTokens()) {
                force(grammar.quote);
                closed();
            }
        }

        /** A verified draft token: part of the value and already in the cache. */
        void acceptDraft(int token, double probability) {
            answer.add(token);
            decoded++;
            credit(path, probability);
            extendCopy(token);
            count++;
        }

        private void extendCopy(int token) {
            if (copy != null) {
                byte[] piece = piece(token);
                if (copy.allows(piece)) {
                    copy.extend(piece);
                } else {
                    // the model's own token, taken when no candidate copied: the value is free from here on
                    copy = null;
                }
            }
        }
    }

    private final class IntegerValue implements Decision {
        private final IntegerNode node;
        private final String path;
        private int digits;

        IntegerValue(IntegerNode node, String path) {
            this.node = node;
            this.path = path;
        }

        @Override
        public int mask() {
            return digits == 0 ? grammar.digitsMask : grammar.integerMoreMask;
        }

        @Override
        public void take(int token, double probability) {
            if (isFollow(token)) {
                endNumber(path, probability);
                return;
            }
            choose(token, probability, path);
            digits++;
            if ((digits == 1 && token == grammar.digit[0]) || digits >= node.maxDigits()) {
                endValue();
            }
        }

        @Override
        public int completion() {
            return digits == 0 ? 1 : 0;
        }

        @Override
        public boolean tight(int slack) {
            return slack < 1;
        }

        @Override
        public void finishShortest() {
            if (digits == 0) {
                forceForLength(path, grammar.digit[0]);
            } else {
                credit(path, 0.0);
            }
            endValue();
        }
    }

    private final class DecimalValue implements Decision {
        private final DecimalNode node;
        private final String path;
        private int integerDigits;
        private boolean leadingZero;
        private boolean fraction;
        private int fractionDigits;
        private boolean lastZero;

        DecimalValue(DecimalNode node, String path) {
            this.node = node;
            this.path = path;
        }

        @Override
        public int mask() {
            if (!fraction) {
                if (integerDigits == 0) {
                    return grammar.digitsMask;
                }
                return leadingZero || integerDigits >= node.maxIntegerDigits() ? grammar.pointOrEndMask : grammar.decimalMoreMask;
            }
            // canonical decimals have no trailing zero in the fraction: a zero must be followed by a digit
            boolean needDigit = fractionDigits == 0 || lastZero;
            boolean lastPlace = fractionDigits == node.maxFractionDigits() - 1;
            if (needDigit) {
                return lastPlace ? grammar.nonZeroDigitsMask : grammar.digitsMask;
            }
            return lastPlace ? grammar.fractionLastOrEndMask : grammar.fractionOrEndMask;
        }

        @Override
        public void take(int token, double probability) {
            if (isFollow(token)) {
                endNumber(path, probability);
                return;
            }
            choose(token, probability, path);
            if (token == grammar.point) {
                fraction = true;
            } else if (fraction) {
                fractionDigits++;
                lastZero = token == grammar.digit[0];
                if (fractionDigits >= node.maxFractionDigits()) {
                    endValue();
                }
            } else {
                integerDigits++;
                leadingZero = integerDigits == 1 && token == grammar.digit[0];
            }
        }

        private boolean needsDigit() {
            return fraction ? fractionDigits == 0 || lastZero : integerDigits == 0;
        }

        @Override
        public int completion() {
            return needsDigit() ? 1 : 0;
        }

        @Override
        public boolean tight(int slack) {
            // a point costs itself and the fraction digit it then needs
            return slack < 2;
        }

        @Override
        public void finishShortest() {
            if (needsDigit()) {
                forceForLength(path, fraction ? grammar.digit[1] : grammar.digit[0]);
            } else {
                credit(path, 0.0);
            }
            endValue();
        }
    }

    /** Eight digits yyyyMMdd under masks that admit only real calendar dates; the dashes and quotes are forced. */
    private final class DateValue implements Decision {
        private final String path;
        private final int[] digits = new int[8];
        private int count;

        DateValue(String path) {
            this.path = path;
        }

        @Override
        public int mask() {
            switch (count) {
                case 0:
                    return grammar.nonZeroDigitsMask;
                case 4:
                    return grammar.monthFirstMask;
                case 5:
                    return digits[4] == 0 ? grammar.nonZeroDigitsMask : grammar.monthSecondAfterOneMask;
                case 6:
                    return month() == 2 ? grammar.dayFirstFebruaryMask : grammar.dayFirstMask;
                case 7:
                    return daySecondMask();
                default:
                    return grammar.digitsMask;
            }
        }

        private int daySecondMask() {
            switch (digits[6]) {
                case 0:
                    return grammar.nonZeroDigitsMask;
                case 1:
                    return grammar.digitsMask;
                case 2:
                    return month() == 2 && !leapYear() ? grammar.daySecondFebruaryMask : grammar.digitsMask;
                default:
                    int month = month();
                    boolean thirtyOne = month == 1 || month == 3 || month == 5 || month == 7 || month == 8
                            || month == 10 || month == 12;
                    return thirtyOne ? grammar.daySecondThirtyOneMask : grammar.daySecondThirtyMask;
            }
        }

        private int month() {
            return digits[4] * 10 + digits[5];
        }

        private boolean leapYear() {
            int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        }

        @Override
        public void take(int token, double probability) {
            choose(token, probability, path);
            digits[count++] = digitOf(token);
            if (count == 4 || count == 6) {
                force(grammar.dash);
            } else if (count == 8) {
                force(grammar.quote);
                endValue();
            }
        }

        @Override
        public int completion() {
            return (8 - count) + (count < 4 ? 2 : count < 6 ? 1 : 0) + 1;
        }

        @Override
        public boolean tight(int slack) {
            return false;
        }

        @Override
        public void finishShortest() {
            throw new IllegalStateException("a date is never cut short: its length is fixed");
        }
    }

    /** Walks an enum's token trie; a branch with one way on is forced at once. */
    private final class EnumValue implements Decision {
        private EnumTrie node;
        private final String path;

        EnumValue(EnumTrie root, String path) {
            this.node = root;
            this.path = path;
        }

        void advance() {
            while (node.forced()) {
                int token = node.onlyToken();
                force(token);
                node = node.child(token);
            }
            if (node.complete()) {
                endValue();
            } else {
                decision = this;
            }
        }

        @Override
        public int mask() {
            return node.mask();
        }

        @Override
        public void take(int token, double probability) {
            choose(token, probability, path);
            node = node.child(token);
            advance();
        }

        @Override
        public int completion() {
            return node.minRemaining();
        }

        @Override
        public boolean tight(int slack) {
            return slack < node.maxRemaining() - node.minRemaining();
        }

        @Override
        public void finishShortest() {
            int token = node.shortestToken();
            forceForLength(path, token);
            node = node.child(token);
            advance();
        }
    }
}
