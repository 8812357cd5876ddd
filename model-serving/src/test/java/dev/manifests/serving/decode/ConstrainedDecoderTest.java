package dev.manifests.serving.decode;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import dev.manifests.serving.decode.StepDriver.Prediction;
import dev.manifests.serving.decode.StepDriver.Predictor;
import dev.manifests.serving.decode.StepDriver.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConstrainedDecoderTest {

    private static final int STEP_TOKENS = 4096;

    private static TextEncoder encoder;
    private static Vocabulary vocabulary;
    private static PromptEncoder prompts;
    private static AnswerGrammar grammar;

    @BeforeAll
    static void openTokenizer() throws IOException {
        encoder = TextEncoder.open(TestTokenizers.small());
        vocabulary = Vocabulary.read(TestTokenizers.small());
        prompts = new PromptEncoder(encoder, vocabulary);
        grammar = grammarFor(DecodeOptions.defaults());
    }

    @AfterAll
    static void closeTokenizer() {
        encoder.close();
    }

    private static AnswerGrammar grammarFor(DecodeOptions options) {
        return AnswerGrammar.compile(JsonPlan.of(ShippingDocument.getClassSchema(), options), vocabulary, encoder,
                vocabulary.size());
    }

    @Test
    void spellingPredictorReproducesCanonicalAnswerExactly() {
        for (ShippingDocument truth : new ShippingDocument[] {Truths.full(), Truths.sparse()}) {
            String json = CanonicalJson.toModelJson(truth);
            int[] prompt = prompts.encode(Truths.fullText());
            int[] truthTokens = encoder.encode(json);
            Run run = decode(grammar, prompt, DecodeOptions.defaults().withSpeculation(false),
                    spelling(prompt.length, truthTokens, uniform(truthTokens.length, 0.9)));

            assertThat(run.answer().json()).isEqualTo(json);
            assertThat(run.answer().answerTokens()).isEqualTo(truthTokens.length);
            assertThat(run.answer().promptTokens()).isEqualTo(prompt.length);
        }
    }

    @Test
    void jumpForwardSavesOneStepPerForcedToken() {
        ShippingDocument truth = Truths.full();
        String json = CanonicalJson.toModelJson(truth);
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        Predictor spelling = spelling(prompt.length, truthTokens, uniform(truthTokens.length, 0.9));

        Run naive = decode(grammar, prompt, DecodeOptions.naive().withPrefillChunkTokens(STEP_TOKENS), spelling);
        Run jump = decode(grammar, prompt,
                DecodeOptions.defaults().withSpeculation(false).withPrefillChunkTokens(STEP_TOKENS), spelling);

        assertThat(naive.answer()).isEqualTo(jump.answer());
        DecodedAnswer answer = jump.answer();
        // the prompt fits one step: the naive run then spends one step per answer token, jump-forward one per choice
        assertThat(naive.steps()).isEqualTo(answer.answerTokens());
        assertThat(jump.steps()).isEqualTo(answer.decodedTokens());
        int forced = answer.answerTokens() - answer.decodedTokens();
        assertThat(naive.steps() - jump.steps()).isEqualTo(forced);
        assertThat(forced).as("keys, quotes and braces are most of a compact answer").isGreaterThan(answer.answerTokens() / 3);
    }

    @Test
    void randomChoicesAlwaysGiveCanonicalJsonThatConformsToTheSchema() throws InvalidRecordException {
        Map<String, AnswerGrammar> grammars = new HashMap<>();
        int[] prompt = prompts.encode(Truths.fullText());
        for (int seed = 0; seed < 200; seed++) {
            Random settings = new Random(seed * 7919L);
            DecodeOptions options = DecodeOptions.defaults()
                    .withJumpForward(settings.nextBoolean())
                    .withSpeculation(settings.nextBoolean())
                    .withMaxStringTokens(1 + settings.nextInt(12))
                    .withMaxArrayItems(1 + settings.nextInt(4))
                    .withPrefillChunkTokens(16 + settings.nextInt(64));
            AnswerGrammar compiled = grammars.computeIfAbsent(options.maxStringTokens() + "/" + options.maxArrayItems(),
                    key -> grammarFor(options));
            Run run = decode(compiled, prompt, options, randomChoices(seed, compiled));

            String json = run.answer().json();
            ShippingDocument parsed = CanonicalJson.fromJson(json, "doc");
            assertThat(CanonicalJson.toModelJson(parsed)).as("seed %d", seed).isEqualTo(json);
        }
    }

    @Test
    void speculationGivesTheSameAnswerAsStepByStepDecoding() {
        int[] prompt = prompts.encode(Truths.fullText());
        int accepted = 0;
        for (int seed = 0; seed < 10; seed++) {
            Predictor predictor = promptFollowing(seed, prompt, grammar);
            Run plain = decode(grammar, prompt, DecodeOptions.defaults().withSpeculation(false), predictor);
            Run drafted = decode(grammar, prompt, DecodeOptions.defaults(), predictor);
            Run naiveDrafted = decode(grammar, prompt, DecodeOptions.naive().withSpeculation(true), predictor);

            assertThat(drafted.answer()).as("seed %d", seed).isEqualTo(plain.answer());
            assertThat(naiveDrafted.answer()).as("seed %d", seed).isEqualTo(plain.answer());
            assertThat(drafted.steps()).isLessThanOrEqualTo(plain.steps());
            assertThat(drafted.draftsProposed()).as("some drafts are rejected").isGreaterThan(drafted.draftsAccepted());
            assertThat(plain.steps() - drafted.steps()).isEqualTo(drafted.draftsAccepted());
            accepted += drafted.draftsAccepted();
        }
        assertThat(accepted).as("some drafts are accepted").isPositive();
    }

    @Test
    void speculationAcceptsDraftsCopiedFromThePrompt() {
        ShippingDocument truth = Truths.full();
        String json = CanonicalJson.toModelJson(truth);
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        Predictor spelling = spelling(prompt.length, truthTokens, uniform(truthTokens.length, 0.9));

        Run plain = decode(grammar, prompt, DecodeOptions.defaults().withSpeculation(false), spelling);
        Run drafted = decode(grammar, prompt, DecodeOptions.defaults(), spelling);

        assertThat(drafted.answer()).isEqualTo(plain.answer());
        assertThat(drafted.answer().json()).isEqualTo(json);
        assertThat(drafted.draftsAccepted()).isGreaterThan(20);
        assertThat(plain.steps() - drafted.steps()).isEqualTo(drafted.draftsAccepted());
    }

    @Test
    void confidenceIsTheLowestProbabilityOfTheChosenTokensOfEachField() {
        ShippingDocument truth = Truths.full();
        String json = CanonicalJson.toModelJson(truth);
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        double[] probabilities = uniform(truthTokens.length, 0.99);
        int booking = tokensBefore(json, "\"bookingNumber\":\"");
        probabilities[booking] = 0.5;
        probabilities[booking + 1] = 0.2;
        probabilities[tokensBefore(json, "\"billOfLadingNumber\":\"MAEU245338912")] = 0.05;
        probabilities[tokensBefore(json, "\"placeOfReceipt\":")] = 0.3;
        probabilities[tokensBefore(json, "\"packageCount\":140")] = 0.1;
        probabilities[tokensBefore(json, "\"grossWeightKg\":")] = 0.97;
        probabilities[tokensBefore(json, "HAND TOOLS\",\"hsCodes\":[")] = 0.15;
        probabilities[tokensBefore(json, "\"documentType\":\"")] = 0.6;

        for (DecodeOptions options : new DecodeOptions[] {DecodeOptions.defaults(), DecodeOptions.naive()}) {
            Map<String, Double> confidence = decode(grammar, prompt, options,
                    spelling(prompt.length, truthTokens, probabilities)).answer().fieldConfidence();

            assertThat(confidence.get("bookingNumber")).isCloseTo(0.2, within(1e-6));
            assertThat(confidence.get("billOfLadingNumber")).as("the closing quote counts").isCloseTo(0.05, within(1e-6));
            assertThat(confidence.get("placeOfReceipt")).isCloseTo(0.3, within(1e-6));
            assertThat(confidence.get("totals.packageCount")).as("the token ending a number counts").isCloseTo(0.1, within(1e-6));
            assertThat(confidence.get("containers[0].grossWeightKg")).isCloseTo(0.97, within(1e-6));
            assertThat(confidence.get("containers[1].hsCodes")).as("the array's end counts").isCloseTo(0.15, within(1e-6));
            assertThat(confidence.get("documentType")).isCloseTo(0.6, within(1e-6));
            assertThat(confidence.get("shipper.name")).isCloseTo(0.99, within(1e-6));
            assertThat(confidence).containsKeys("containers[1].containerNumber", "containers[0].hsCodes[1]",
                    "dateOfIssue", "freightTerms", "totals.volumeM3", "notifyParty.address");
        }
    }

    @Test
    void stepsNeverHoldMoreTokensThanAllowed() {
        ShippingDocument truth = Truths.full();
        String json = CanonicalJson.toModelJson(truth);
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        for (int maxTokens : new int[] {1, 2, 5, 17}) {
            Run run = StepDriver.run(new ConstrainedDecoder(grammar, prompt, DecodeOptions.defaults()), grammar.masks(),
                    spelling(prompt.length, truthTokens, uniform(truthTokens.length, 0.9)), maxTokens);
            assertThat(run.largestRequest()).isLessThanOrEqualTo(maxTokens);
            assertThat(run.answer().json()).isEqualTo(json);
        }
    }

    @Test
    void stringsStopAtTheirTokenBound() throws InvalidRecordException {
        DecodeOptions options = DecodeOptions.defaults().withMaxStringTokens(2);
        AnswerGrammar bounded = grammarFor(options);
        int[] prompt = prompts.encode(Truths.fullText());
        int letter = vocabulary.byteToken('A');
        // never closes a string, never ends an array early: every string ends at its bound with a forced quote
        Predictor neverCloses = (context, length, mask) -> {
            MaskTable masks = bounded.masks();
            int[] preferred = {letter, bounded.quote, bounded.openBrace, bounded.digit[7], bounded.comma};
            for (int token : preferred) {
                if (masks.allows(mask, token)) {
                    return new Prediction(token, -0.1f);
                }
            }
            return new Prediction(masks.allowed(mask)[0], -0.1f);
        };
        Run run = decode(bounded, prompt, options, neverCloses);
        ShippingDocument parsed = CanonicalJson.fromJson(run.answer().json(), "d");

        assertThat(parsed.getBillOfLadingNumber()).isEqualTo("AA");
        assertThat(parsed.getShipper().getName()).isEqualTo("AA");
        assertThat(parsed.getContainers()).hasSize(options.maxArrayItems());
        assertThat(parsed.getContainers().get(0).getHsCodes()).hasSize(options.maxArrayItems())
                .allMatch("AA"::equals);
        assertThat(parsed.getContainers().get(0).getPackageCount()).isEqualTo(777_777_777);
    }

    /** Writes one letter in every string, never closing one: a model caught in a loop. */
    private static Predictor repeating(AnswerGrammar grammar, char letter) {
        int token = vocabulary.byteToken(letter);
        return (context, length, mask) -> {
            MaskTable masks = grammar.masks();
            int[] preferred = {token, grammar.quote, grammar.openBrace, grammar.digit[7], grammar.comma};
            for (int candidate : preferred) {
                if (masks.allows(mask, candidate)) {
                    return new Prediction(candidate, -0.1f);
                }
            }
            return new Prediction(masks.allowed(mask)[0], -0.1f);
        };
    }

    @Test
    void aValueRepeatingWhatThePromptNeverShowsIsClosedAfterThreeCycles() throws InvalidRecordException {
        DecodeOptions options = DecodeOptions.defaults().withMaxStringTokens(10);
        AnswerGrammar bounded = grammarFor(options);
        int[] prompt = prompts.encode(Truths.fullText());
        Run run = decode(bounded, prompt, options, repeating(bounded, 'Q'));
        ShippingDocument parsed = CanonicalJson.fromJson(run.answer().json(), "d");

        assertThat(parsed.getBillOfLadingNumber()).isEqualTo("QQQ");
        assertThat(parsed.getShipper().getName()).isEqualTo("QQQ");
    }

    @Test
    void aRepetitionPrintedInThePromptIsCopiedToTheValueBound() throws InvalidRecordException {
        DecodeOptions options = DecodeOptions.defaults().withMaxStringTokens(10);
        AnswerGrammar bounded = grammarFor(options);
        int[] prompt = prompts.encode(Truths.fullText() + "\nQ Q QQQQQQQQQQ Q");
        Run run = decode(bounded, prompt, options, repeating(bounded, 'Q'));
        ShippingDocument parsed = CanonicalJson.fromJson(run.answer().json(), "d");

        assertThat(parsed.getBillOfLadingNumber()).isEqualTo("QQQQQQQQQQ");
    }

    @Test
    void answersThatWouldOverflowTheSequenceAreClosedTheShortestWay() throws InvalidRecordException {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        Predictor strict = spelling(prompt.length, truthTokens, uniform(truthTokens.length, 0.9));
        // once the bound has cut a value short the truth no longer lines up: then take any allowed token
        Predictor spelling = (context, length, mask) -> {
            Prediction wanted = strict.predict(context, length, mask);
            return grammar.masks().allows(mask, wanted.token()) ? wanted
                    : new Prediction(grammar.masks().allowed(mask)[0], wanted.logProb());
        };
        int shortest = grammar.shortestAnswerTokens();
        for (int room = shortest; room <= truthTokens.length + 1; room += 7) {
            int bound = prompt.length + room;
            for (DecodeOptions options : new DecodeOptions[] {DecodeOptions.defaults(), DecodeOptions.naive()}) {
                Run run = StepDriver.run(new ConstrainedDecoder(grammar, prompt, options, bound), grammar.masks(),
                        spelling, STEP_TOKENS, bound);
                DecodedAnswer answer = run.answer();

                assertThat(answer.promptTokens() + answer.answerTokens()).isLessThanOrEqualTo(bound);
                ShippingDocument parsed = CanonicalJson.fromJson(answer.json(), "d");
                assertThat(CanonicalJson.toModelJson(parsed)).isEqualTo(answer.json());
                if (room < truthTokens.length) {
                    assertThat(answer.fieldConfidence()).containsValue(0.0);
                    assertThat(answer.json()).isNotEqualTo(json);
                } else {
                    assertThat(answer.json()).isEqualTo(json);
                }
            }
        }
    }

    @Test
    void randomChoicesStayWithinTheSequenceBound() throws InvalidRecordException {
        int[] prompt = prompts.encode(Truths.fullText());
        for (int seed = 0; seed < 100; seed++) {
            int bound = prompt.length + grammar.shortestAnswerTokens() + seed * 5;
            Run run = StepDriver.run(new ConstrainedDecoder(grammar, prompt, DecodeOptions.defaults(), bound),
                    grammar.masks(), randomChoices(seed, grammar), STEP_TOKENS, bound);
            String json = run.answer().json();
            assertThat(CanonicalJson.toModelJson(CanonicalJson.fromJson(json, "d"))).isEqualTo(json);
        }
    }

    @Test
    void refusesAPromptThatLeavesNoRoomForTheShortestAnswer() {
        int[] prompt = prompts.encode(Truths.fullText());
        int bound = prompt.length + grammar.shortestAnswerTokens() - 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ConstrainedDecoder(grammar, prompt, DecodeOptions.defaults(), bound))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room");
    }

    @Test
    void aVerbatimValueTakesTheLikeliestCandidateThatCopiesTheText() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        int vessel = tokensBefore(json, "\"vesselName\":\"");
        int misspelt = tokenNotPrinted(prompt);
        CandidatePredictor swerving = swerving(prompt.length, truthTokens, vessel, misspelt);

        String copied = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), swerving);
        String free = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false).withCopyCandidates(1), swerving);

        assertThat(copied).isEqualTo(json);
        assertThat(free).isNotEqualTo(json).contains("\"vesselName\":\"" + vocabulary.text(new int[] {misspelt}, 0, 1));
    }

    @Test
    void aCopyingCandidateBeyondTheMarginLetsTheValueGoFree() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        int vessel = tokensBefore(json, "\"vesselName\":\"");
        int misspelt = tokenNotPrinted(prompt);
        CandidatePredictor swerving = swerving(prompt.length, truthTokens, vessel, misspelt);
        // candidates are 1 nat apart: a margin of half a nat keeps the model's own choice
        String answer = decodeWithCandidates(prompt,
                DecodeOptions.defaults().withSpeculation(false).withCopyMarginNats(0.5), swerving);

        assertThat(answer).contains("\"vesselName\":\"" + vocabulary.text(new int[] {misspelt}, 0, 1));
    }

    /**
     * Spells out the truth's tokens as first candidates, except at answer token {@code swerve}, where the model would
     * rather write {@code misspelt} and the true token is its second choice.
     */
    private static CandidatePredictor swerving(int promptLength, int[] truth, int swerve, int misspelt) {
        return (length, mask) -> {
            int index = length - promptLength;
            int token = index >= 0 && index < truth.length ? truth[index] : grammarlessFallback(mask);
            return index == swerve ? new int[] {misspelt, token} : new int[] {token, misspelt};
        };
    }

    /** The step module's best allowed candidates, best first, for the token after {@code context[0, length)}. */
    private interface CandidatePredictor {
        int[] candidates(int length, int mask);
    }

    /** Drives a decoder as the scheduler does when steps return several candidates, each 1 nat below the one before. */
    private static String decodeWithCandidates(int[] prompt, DecodeOptions options, CandidatePredictor predictor) {
        ConstrainedDecoder decoder = new ConstrainedDecoder(grammar, prompt, options);
        int steps = 0;
        while (!decoder.done()) {
            StepRequest request = decoder.next(STEP_TOKENS);
            int k = request.candidates();
            int rows = request.outputIndexes().length;
            int[] tokens = new int[rows * k];
            float[] logProbs = new float[rows * k];
            for (int r = 0; r < rows; r++) {
                int length = request.startPosition() + request.outputIndexes()[r] + 1;
                int[] offered = predictor.candidates(length, request.maskIds()[r]);
                for (int c = 0; c < k; c++) {
                    boolean allowed = c < offered.length && grammar.masks().allows(request.maskIds()[r], offered[c]);
                    tokens[r * k + c] = allowed ? offered[c] : 0;
                    logProbs[r * k + c] = allowed ? -0.1f - c : Float.NEGATIVE_INFINITY;
                }
                if (logProbs[r * k] == Float.NEGATIVE_INFINITY) {
                    tokens[r * k] = grammarlessFallback(request.maskIds()[r]);
                    logProbs[r * k] = -0.1f;
                }
            }
            decoder.accept(tokens, logProbs, k);
            assertThat(++steps).isLessThan(100_000);
        }
        return decoder.answer().json();
    }

    /** A string token whose letters and digits are printed nowhere in the prompt. */
    private static int tokenNotPrinted(int[] prompt) {
        PrintedText printed = PrintedText.of(prompt, vocabulary);
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.isSpecial(id) || !grammar.isStringContent(id)) {
                continue;
            }
            byte[] piece = PrintedText.reduce(vocabulary.bytes(id));
            if (piece.length > 1 && !printed.start().allows(piece)) {
                return id;
            }
        }
        throw new IllegalStateException("every token is printed in the prompt");
    }

    private static Run decode(AnswerGrammar compiled, int[] prompt, DecodeOptions options, Predictor predictor) {
        return StepDriver.run(new ConstrainedDecoder(compiled, prompt, options), compiled.masks(), predictor, STEP_TOKENS);
    }

    /** Spells out the truth's tokens, each with the given probability; predictions after the prompt's end only. */
    private static Predictor spelling(int promptLength, int[] truth, double[] probabilities) {
        return (context, length, mask) -> {
            int index = length - promptLength;
            if (index < 0 || index >= truth.length) {
                return new Prediction(grammarlessFallback(mask), 0f);
            }
            return new Prediction(truth[index], (float) Math.log(probabilities[index]));
        };
    }

    private static int grammarlessFallback(int mask) {
        return grammar.masks().allowed(mask)[0];
    }

    /** Uniformly random allowed tokens, with ends of values (quote, comma, brace, bracket, null) made likelier. */
    private static Predictor randomChoices(int seed, AnswerGrammar compiled) {
        Random random = new Random(seed);
        Map<Integer, int[]> allowedByMask = new HashMap<>();
        int[] ends = {compiled.quote, compiled.comma, compiled.closeBrace, compiled.closeBracket, compiled.nullTokens[0]};
        return (context, length, mask) -> {
            int[] allowed = allowedByMask.computeIfAbsent(mask, m -> compiled.masks().allowed(m));
            float logProb = (float) Math.log(0.01 + 0.99 * random.nextDouble());
            if (random.nextDouble() < 0.3) {
                int[] endsAllowed = Arrays.stream(ends).filter(t -> compiled.masks().allows(mask, t)).toArray();
                if (endsAllowed.length > 0) {
                    return new Prediction(endsAllowed[random.nextInt(endsAllowed.length)], logProb);
                }
            }
            return new Prediction(allowed[random.nextInt(allowed.length)], logProb);
        };
    }

    /**
     * A deterministic function of the context, as a model is: inside strings it mostly continues as the prompt does
     * after the latest token, otherwise it picks an allowed token by a hash of the context.
     */
    private static Predictor promptFollowing(int seed, int[] prompt, AnswerGrammar compiled) {
        Map<Integer, int[]> allowedByMask = new HashMap<>();
        return (context, length, mask) -> {
            long hash = seed * 0x9E3779B97F4A7C15L;
            for (int i = Math.max(0, length - 6); i < length; i++) {
                hash = (hash ^ context[i]) * 0xBF58476D1CE4E5B9L;
                hash ^= hash >>> 31;
            }
            int[] allowed = allowedByMask.computeIfAbsent(mask, m -> compiled.masks().allowed(m));
            float logProb = (float) Math.log(0.05 + 0.95 * ((hash >>> 40) & 0xFFFF) / 65535.0);
            int bucket = (int) Math.floorMod(hash, 10L);
            if (mask == compiled.stringMask && bucket < 8) {
                int last = context[length - 1];
                for (int i = prompt.length - 2; i >= 0; i--) {
                    if (prompt[i] == last) {
                        int next = prompt[i + 1];
                        if (compiled.masks().allows(mask, next)) {
                            return new Prediction(next, logProb);
                        }
                        break;
                    }
                }
            }
            if (mask == compiled.stringMask && bucket == 8) {
                return new Prediction(compiled.quote, logProb);
            }
            return new Prediction(allowed[(int) Math.floorMod(hash >>> 8, (long) allowed.length)], logProb);
        };
    }

    private static double[] uniform(int length, double probability) {
        double[] probabilities = new double[length];
        Arrays.fill(probabilities, probability);
        return probabilities;
    }

    /** Answer tokens before the end of the first occurrence of {@code marker}: the index of the token after it. */
    private static int tokensBefore(String json, String marker) {
        int at = json.indexOf(marker);
        assertThat(at).as("marker %s", marker).isNotNegative();
        return encoder.encode(json.substring(0, at + marker.length())).length;
    }
}
