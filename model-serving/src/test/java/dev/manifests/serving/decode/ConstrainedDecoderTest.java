package dev.manifests.serving.decode;

import dev.manifests.schema.Carrier;
import dev.manifests.schema.Party;
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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConstrainedDecoderTest {

    private static final int STEP_TOKENS = 4096;
    /** The answer up to the middle of the printed vessel name MAERSK ESSEN. */
    private static final String INSIDE_ESSEN = "\"vesselName\":\"MAERSK ES";

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
        Map<ShippingDocument, String> printed = Map.of(Truths.full(), Truths.fullText(), Truths.sparse(), Truths.sparseText());
        for (Map.Entry<ShippingDocument, String> document : printed.entrySet()) {
            String json = CanonicalJson.toModelJson(document.getKey());
            int[] prompt = prompts.encode(document.getValue());
            int[] truthTokens = encoder.encode(json);
            Run run = decode(grammar, prompt, DecodeOptions.defaults().withSpeculation(false),
                    spelling(prompt.length, truthTokens, uniform(truthTokens.length, 0.9)));

            assertThat(run.answer().json()).isEqualTo(json);
            assertThat(run.answer().answerTokens()).isEqualTo(truthTokens.length);
            assertThat(run.answer().promptTokens()).isEqualTo(prompt.length);
        }
    }

    @Test
    void aNamePrintedWithQuotesKeepsThemAsEscapedQuotes() {
        ShippingDocument truth = ShippingDocument.newBuilder(Truths.sparse())
                .setShipper(new Party("OOO \"KAMA\" TRADE", null, null)).build();
        String text = Truths.sparseText().replace("Nordic Fish AS", "OOO \"KAMA\" TRADE");
        String json = CanonicalJson.toModelJson(truth);
        assertThat(json).contains("OOO \\\"KAMA\\\" TRADE");
        int[] prompt = prompts.encode(text);
        int[] truthTokens = encoder.encode(json);
        for (DecodeOptions options : new DecodeOptions[] {DecodeOptions.defaults().withSpeculation(false),
                DecodeOptions.defaults().withCopyCandidates(1).withJumpForward(false)}) {
            Run run = decode(grammar, prompt, options, spelling(prompt.length, truthTokens,
                    uniform(truthTokens.length, 0.9)));

            assertThat(run.answer().json()).isEqualTo(json);
        }
    }

    @Test
    void anEscapedQuoteIsOpenedOnlyWithRoomForItAndTheClosingQuote() {
        int backslash = vocabulary.byteToken('\\');
        DecodeOptions options = DecodeOptions.defaults().withMaxStringTokens(3);
        AnswerGrammar tight = grammarFor(options);
        Predictor escaping = (context, length, mask) -> new Prediction(tight.masks().allows(mask, backslash)
                ? backslash : tight.masks().allows(mask, tight.quote) ? tight.quote : tight.masks().allowed(mask)[0],
                -0.1f);
        Run run = StepDriver.run(new ConstrainedDecoder(tight, prompts.encode(Truths.sparseText()), options),
                tight.masks(), escaping, STEP_TOKENS);

        // one escaped quote fits in three tokens with room left to close; a second would not. A code never escapes
        assertThat(run.answer().json()).contains("\"billOfLadingNumber\":\"\",")
                .contains("\"shipper\":{\"name\":\"\\\"\",");
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
            Run naiveDrafted = decode(grammar, prompt, DecodeOptions.naive().withSpeculation(true)
                    .withCopyCandidates(DecodeOptions.DEFAULT_COPY_CANDIDATES), predictor);

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
        // copying off: a value held to the text could have the rest of a printed word forced before its bound
        DecodeOptions options = DecodeOptions.defaults().withMaxStringTokens(2).withCopyCandidates(1);
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

    @Test
    void insideAPrintedWordACopyingCandidateIsTakenBeyondTheMargin() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        // "MAERSK ES" is printed once, inside ESSEN: the value must go on with the word
        int insideEssen = tokenAfter(json, truthTokens, INSIDE_ESSEN);
        CandidatePredictor swerving = swerving(prompt.length, truthTokens, insideEssen, tokenNotPrinted(prompt));

        String answer = decodeWithCandidates(prompt,
                DecodeOptions.defaults().withSpeculation(false).withCopyMarginNats(0.5), swerving);

        assertThat(answer).isEqualTo(json);
    }

    @Test
    void atTheEndOfAPrintedWordTheMarginStillApplies() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        int afterMaersk = tokenAfter(json, truthTokens, "\"vesselName\":\"MAERSK");
        int misspelt = tokenNotPrinted(prompt);
        // "E" would copy (MAERSK ESSEN reduces to maerskessen) but is beyond the margin, as is the true space: the
        // value ends a printed word there (MAERSK LINE, MAERSK ESSEN), so nothing has to go on with it
        CandidatePredictor swerving = swerving(prompt.length, truthTokens, afterMaersk, misspelt, vocabulary.byteToken('E'));

        String answer = decodeWithCandidates(prompt,
                DecodeOptions.defaults().withSpeculation(false).withCopyMarginNats(0.5), swerving);

        assertThat(answer).contains("\"vesselName\":\"MAERSK" + vocabulary.text(new int[] {misspelt}, 0, 1));
    }

    @Test
    void aValueIsNotClosedInsideAPrintedWordWhileACandidateGoesOnWithIt() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        int insideEssen = tokenAfter(json, truthTokens, INSIDE_ESSEN);
        // a space and a comma copy trivially but would cut the word; the true "SE" is the fourth choice
        CandidatePredictor swerving = swerving(prompt.length, truthTokens, insideEssen, grammar.quote,
                vocabulary.byteToken(' '), vocabulary.byteToken(','));

        String copied = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), swerving);
        String greedy = decodeWithCandidates(prompt,
                DecodeOptions.defaults().withSpeculation(false).withCopyCandidates(1), swerving);

        assertThat(copied).isEqualTo(json);
        assertThat(greedy).as("one candidate is the plain arg-max").contains("\"vesselName\":\"MAERSK ES\"");
    }

    @Test
    void aValueStartsOnlyWhereAPrintedWordStarts() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int[] truthTokens = encoder.encode(json);
        int vessel = tokensBefore(json, "\"vesselName\":\"");
        // U is printed (MAEU, Harbour, Hamburg) but no printed word starts with it; MAERSK is the model's second choice
        CandidatePredictor swerving = swerving(prompt.length, truthTokens, vessel, vocabulary.byteToken('U'));

        String answer = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), swerving);

        assertThat(answer).isEqualTo(json);
    }

    @Test
    void theRestOfAPrintedWordIsForcedWhenNoCandidateGoesOnWithIt() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int misspelt = tokenNotPrinted(prompt);
        // an unseen name: inside ESSEN the model only offers a token printed nowhere
        CandidatePredictor unseen = breaksOffInsideEssen(prompt.length, json, misspelt);

        String forced = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), unseen);
        String drafted = decodeWithCandidates(prompt, DecodeOptions.defaults(), unseen);
        String greedy = decodeWithCandidates(prompt,
                DecodeOptions.defaults().withSpeculation(false).withCopyCandidates(1), unseen);

        assertThat(forced).isEqualTo(json);
        assertThat(drafted).as("after a rejected draft").isEqualTo(json);
        assertThat(greedy).as("one candidate is the plain arg-max")
                .contains(INSIDE_ESSEN + vocabulary.text(new int[] {misspelt}, 0, 1));
    }

    @Test
    void theRestOfAWordIsForcedWhereTheValueAlsoEndsAWordElsewhereAndNoCandidateCopies() {
        String json = CanonicalJson.toModelJson(Truths.full());
        // "MAERSK ES" is also printed whole, so the value is not inside a word at every occurrence
        int[] prompt = prompts.encode(Truths.fullText() + "\nService: MAERSK ES");
        int misspelt = tokenNotPrinted(prompt);
        CandidatePredictor unseen = breaksOffInsideEssen(prompt.length, json, misspelt);

        String forced = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), unseen);
        String greedy = decodeWithCandidates(prompt,
                DecodeOptions.defaults().withSpeculation(false).withCopyCandidates(1), unseen);

        assertThat(forced).isEqualTo(json);
        assertThat(greedy).contains(INSIDE_ESSEN + vocabulary.text(new int[] {misspelt}, 0, 1));
    }

    @Test
    void aValueStaysHeldToTheTextAfterTheRestOfAWordIsForced() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int misspelt = tokenNotPrinted(prompt);
        // "inenbau" is forced; then the model would rather write a token printed nowhere than the true " GmbH"
        CandidatePredictor unseen = following(prompt.length, json, Map.of(
                "\"shipper\":{\"name\":\"Hanse Masch", new int[] {misspelt, grammar.quote},
                "\"shipper\":{\"name\":\"Hanse Maschinenbau", new int[] {misspelt, encoder.encode(" GmbH")[0]}));

        String answer = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), unseen);
        String drafted = decodeWithCandidates(prompt, DecodeOptions.defaults(), unseen);

        assertThat(answer).isEqualTo(json);
        assertThat(drafted).as("forced after draft tokens the model agreed with").isEqualTo(json);
    }

    @Test
    void theRestOfAWordIsForcedAsPrinted() {
        String json = CanonicalJson.toModelJson(Truths.full());
        // the model writes the name in capitals, the document prints it in mixed case
        int[] prompt = prompts.encode(Truths.fullText().replace("MV MAERSK ESSEN", "MV Maersk Essen"));
        int misspelt = tokenNotPrinted(prompt);
        CandidatePredictor unseen = breaksOffInsideEssen(prompt.length, json, misspelt);

        String answer = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), unseen);

        assertThat(answer).contains("\"vesselName\":\"MAERSK ESsen\"");
    }

    @Test
    void nothingIsForcedWhereThePrintedWordGoesOnDifferently() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText() + "\nNext vessel: MAERSK ESSEX");
        int misspelt = tokenNotPrinted(prompt);
        CandidatePredictor unseen = breaksOffInsideEssen(prompt.length, json, misspelt);

        String answer = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), unseen);

        assertThat(answer).contains(INSIDE_ESSEN + vocabulary.text(new int[] {misspelt}, 0, 1));
    }

    @Test
    void aWordPrintedInTwoCasesGoesOnInTheCaseOfTheValue() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText() + "\nVessel: Maersk Essen");
        int misspelt = tokenNotPrinted(prompt);
        CandidatePredictor unseen = breaksOffInsideEssen(prompt.length, json, misspelt);

        String answer = decodeWithCandidates(prompt, DecodeOptions.defaults().withSpeculation(false), unseen);

        assertThat(answer).as("ESSEN after the value's S, not Essen").isEqualTo(json);
    }

    @Test
    void aNullableCodeTheDocumentDoesNotPrintAsWordsOfItsOwnIsAnsweredNull() {
        // the sparse document prints no carrier code, and "No. SWB0001" as its waybill number
        ShippingDocument truth = Truths.sparse();
        int[] prompt = prompts.encode(Truths.sparseText());
        for (DecodeOptions options : new DecodeOptions[] {DecodeOptions.defaults(), DecodeOptions.naive()}) {
            // SWB0001 as printed, and as OCR might have read it
            for (String written : List.of("SWB0", "CMAC", "SWB0001", "SWBO0O1")) {
                ShippingDocument model = ShippingDocument.newBuilder(truth)
                        .setCarrier(new Carrier(truth.getCarrier().getName(), written)).build();
                String modelJson = CanonicalJson.toModelJson(model);
                boolean printed = written.length() == 7;

                String answer = decodeWithCandidates(prompt, options, following(prompt.length, modelJson, Map.of()));

                assertThat(answer).as("%s, %s", written, options)
                        .isEqualTo(printed ? modelJson : CanonicalJson.toModelJson(truth));
            }
        }
    }

    @Test
    void aCodeThatIsNotNullableIsKeptAsTheModelWroteIt() {
        // printed nowhere, but the waybill number cannot be null
        ShippingDocument model = ShippingDocument.newBuilder(Truths.sparse()).setBillOfLadingNumber("XQ12").build();
        String modelJson = CanonicalJson.toModelJson(model);
        int[] prompt = prompts.encode(Truths.sparseText());

        String answer = decodeWithCandidates(prompt, DecodeOptions.defaults(), following(prompt.length, modelJson, Map.of()));

        assertThat(answer).isEqualTo(modelJson);
    }

    @Test
    void theRestOfAWordIsNotForcedBeyondTheValuesTokenBound() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int misspelt = tokenNotPrinted(prompt);
        // MAE|U|2 is three tokens, the rest 45338912 eight more
        CandidatePredictor unseen = following(prompt.length, json,
                Map.of("\"billOfLadingNumber\":\"MAEU2", new int[] {misspelt}));
        DecodeOptions fits = DecodeOptions.defaults().withSpeculation(false).withMaxStringTokens(11);
        DecodeOptions tooLong = fits.withMaxStringTokens(10);

        String atTheBound = decodeWithCandidates(grammarFor(fits), prompt, fits, unseen);
        String beyond = decodeWithCandidates(grammarFor(tooLong), prompt, tooLong, unseen);

        assertThat(atTheBound).contains("\"billOfLadingNumber\":\"MAEU245338912\"");
        assertThat(beyond).contains("\"billOfLadingNumber\":\"MAEU2" + vocabulary.text(new int[] {misspelt}, 0, 1) + "\"");
    }

    @Test
    void theRestOfAWordIsNotForcedBeyondTheSequenceBound() {
        String json = CanonicalJson.toModelJson(Truths.full());
        int[] prompt = prompts.encode(Truths.fullText());
        int misspelt = tokenNotPrinted(prompt);
        CandidatePredictor unseen = following(prompt.length, json,
                Map.of("\"billOfLadingNumber\":\"MAEU2", new int[] {misspelt}));
        DecodeOptions options = DecodeOptions.defaults().withSpeculation(false);
        int shortest = prompt.length + grammar.shortestAnswerTokens();
        String free = "\"billOfLadingNumber\":\"MAEU2" + vocabulary.text(new int[] {misspelt}, 0, 1) + "\"";
        boolean forced = false;
        boolean leftFree = false;
        // from no room for the rest 45338912 (eight tokens) to room enough; the answer always stays within the bound
        for (int bound = shortest; bound < shortest + 16; bound++) {
            String answer = decodeWithCandidates(grammar, prompt, options, unseen, bound);
            forced |= answer.contains("\"billOfLadingNumber\":\"MAEU245338912\"");
            leftFree |= answer.contains(free);
        }
        assertThat(forced).as("forced where it fits").isTrue();
        assertThat(leftFree).as("the model's choice where it does not").isTrue();
    }

    /**
     * Spells out {@code truth} from wherever the answer has got to, except where the answer so far ends at one of
     * the {@code planted} prefixes: there the model offers the planted candidates instead. An answer that has left
     * the truth ends each string value it is in.
     */
    private static CandidatePredictor following(int promptLength, String truth, Map<String, int[]> planted) {
        Map<String, int[]> at = new HashMap<>();
        planted.forEach((marker, offered) -> {
            int end = truth.indexOf(marker);
            assertThat(end).as("marker %s", marker).isNotNegative();
            at.put(truth.substring(0, end + marker.length()), offered);
        });
        return (context, length, mask) -> {
            String answer = vocabulary.text(context, promptLength, length);
            int[] offered = at.get(answer);
            if (offered != null) {
                return offered;
            }
            if (truth.startsWith(answer) && answer.length() < truth.length()) {
                return new int[] {encoder.encode(truth.substring(answer.length()))[0]};
            }
            return new int[] {grammar.masks().allows(mask, grammar.quote) ? grammar.quote : grammarlessFallback(mask)};
        };
    }

    /**
     * Spells out the truth's tokens, except at answer token {@code swerve}, where the model ranks the tokens
     * {@code rather} first and the true token after them.
     */
    private static CandidatePredictor swerving(int promptLength, int[] truth, int swerve, int... rather) {
        return (context, length, mask) -> {
            int index = length - promptLength;
            int token = index >= 0 && index < truth.length ? truth[index] : grammarlessFallback(mask);
            if (index != swerve) {
                return new int[] {token};
            }
            int[] offered = Arrays.copyOf(rather, rather.length + 1);
            offered[rather.length] = token;
            return offered;
        };
    }

    /** The step module's best allowed candidates, best first, for the token after {@code context[0, length)}. */
    private interface CandidatePredictor {
        int[] candidates(int[] context, int length, int mask);
    }

    private static String decodeWithCandidates(int[] prompt, DecodeOptions options, CandidatePredictor predictor) {
        return decodeWithCandidates(grammar, prompt, options, predictor, 1 << 16);
    }

    private static String decodeWithCandidates(AnswerGrammar compiled, int[] prompt, DecodeOptions options,
                                               CandidatePredictor predictor) {
        return decodeWithCandidates(compiled, prompt, options, predictor, 1 << 16);
    }

    /**
     * Drives a decoder as the scheduler does when steps return several candidates, each 1 nat below the one before,
     * keeping the tokens written per position as a cache of {@code maxPositions} does (a rewind simply overwrites).
     */
    private static String decodeWithCandidates(AnswerGrammar compiled, int[] prompt, DecodeOptions options,
                                               CandidatePredictor predictor, int maxPositions) {
        ConstrainedDecoder decoder = new ConstrainedDecoder(compiled, prompt, options, maxPositions);
        int[] cache = new int[maxPositions];
        int steps = 0;
        while (!decoder.done()) {
            int before = decoder.position();
            StepRequest request = decoder.next(STEP_TOKENS);
            assertThat(request.startPosition()).isEqualTo(before);
            assertThat(request.startPosition() + request.tokens().length).as("positions written")
                    .isLessThanOrEqualTo(maxPositions);
            System.arraycopy(request.tokens(), 0, cache, request.startPosition(), request.tokens().length);
            int k = request.candidates();
            int rows = request.outputIndexes().length;
            int[] tokens = new int[rows * k];
            float[] logProbs = new float[rows * k];
            for (int r = 0; r < rows; r++) {
                int length = request.startPosition() + request.outputIndexes()[r] + 1;
                int[] offered = predictor.candidates(cache, length, request.maskIds()[r]);
                for (int c = 0; c < k; c++) {
                    boolean allowed = c < offered.length && compiled.masks().allows(request.maskIds()[r], offered[c]);
                    tokens[r * k + c] = allowed ? offered[c] : 0;
                    logProbs[r * k + c] = allowed ? -0.1f - c : Float.NEGATIVE_INFINITY;
                }
                if (logProbs[r * k] == Float.NEGATIVE_INFINITY) {
                    tokens[r * k] = compiled.masks().allowed(request.maskIds()[r])[0];
                    logProbs[r * k] = -0.1f;
                }
            }
            decoder.accept(tokens, logProbs, k);
            assertThat(++steps).isLessThan(100_000);
        }
        DecodedAnswer answer = decoder.answer();
        assertThat(answer.promptTokens() + answer.answerTokens()).as("sequence length").isLessThanOrEqualTo(maxPositions);
        return answer.json();
    }

    /** A string token whose letters and digits are printed nowhere in the prompt, not even inside a word. */
    private static int tokenNotPrinted(int[] prompt) {
        StringBuilder text = new StringBuilder();
        for (int id : prompt) {
            if (!vocabulary.isSpecial(id)) {
                text.append(new String(PrintedText.reduce(vocabulary.bytes(id)), StandardCharsets.ISO_8859_1));
            }
        }
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.isSpecial(id) || !grammar.isStringContent(id)) {
                continue;
            }
            String piece = new String(PrintedText.reduce(vocabulary.bytes(id)), StandardCharsets.ISO_8859_1);
            if (piece.length() > 1 && text.indexOf(piece) < 0) {
                return id;
            }
        }
        throw new IllegalStateException("every token is printed in the prompt");
    }

    private static Run decode(AnswerGrammar compiled, int[] prompt, DecodeOptions options, Predictor predictor) {
        return StepDriver.run(new ConstrainedDecoder(compiled, prompt, options), compiled.masks(), predictor, STEP_TOKENS);
    }

    /**
     * A model that follows the truth but, inside the printed vessel name ESSEN, offers only {@code token}: the way a
     * model breaks off a name it has not seen.
     */
    private static CandidatePredictor breaksOffInsideEssen(int promptLength, String json, int token) {
        return following(promptLength, json, Map.of(INSIDE_ESSEN, new int[] {token}));
    }

    /** Spells out the truth's tokens, each with the given probability; predictions after the prompt's end only. */
    private static Predictor spelling(int promptLength, int[] truth, double[] probabilities) {
        return (context, length, mask) -> {
            int index = length - promptLength;
            if (index < 0 || index >= truth.length) {
                return new Prediction(grammarlessFallback(mask), 0f);
            }
            // a row behind a draft the decoder will reject may be under a mask the truth's token breaks
            int token = grammar.masks().allows(mask, truth[index]) ? truth[index] : grammarlessFallback(mask);
            return new Prediction(token, (float) Math.log(probabilities[index]));
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

    /** The index of the truth token after the first occurrence of {@code marker}, which must end where a token ends. */
    private static int tokenAfter(String json, int[] truth, String marker) {
        int at = json.indexOf(marker);
        assertThat(at).as("marker %s", marker).isNotNegative();
        String prefix = json.substring(0, at + marker.length());
        for (int n = 0; n <= truth.length; n++) {
            String text = vocabulary.text(truth, 0, n);
            if (text.equals(prefix)) {
                return n;
            }
            if (!prefix.startsWith(text)) {
                break;
            }
        }
        throw new IllegalArgumentException("no truth token ends at the end of " + marker);
    }

    /** Answer tokens before the end of the first occurrence of {@code marker}: the index of the token after it. */
    private static int tokensBefore(String json, String marker) {
        int at = json.indexOf(marker);
        assertThat(at).as("marker %s", marker).isNotNegative();
        return encoder.encode(json.substring(0, at + marker.length())).length;
    }
}
