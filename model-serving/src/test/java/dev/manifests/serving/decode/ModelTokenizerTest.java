package dev.manifests.serving.decode;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import dev.manifests.serving.schedule.ConstrainedDocumentDecoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grammar against the bundled model's own tokenizer: the masks and jump-forward chunks it really runs with. */
class ModelTokenizerTest {

    private static TextEncoder encoder;
    private static Vocabulary vocabulary;
    private static AnswerGrammar grammar;

    @BeforeAll
    static void compile() throws IOException {
        encoder = TextEncoder.open(TestTokenizers.model());
        vocabulary = Vocabulary.read(TestTokenizers.model());
        grammar = AnswerGrammar.compile(JsonPlan.of(ShippingDocument.getClassSchema(), DecodeOptions.defaults()),
                vocabulary, encoder, vocabulary.size());
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void forcedStructureAndChosenValuesMeetOnTheTokenizersOwnBoundaries() {
        Map<ShippingDocument, String> printed = Map.of(Truths.full(), Truths.fullText(), Truths.sparse(), Truths.sparseText());
        for (Map.Entry<ShippingDocument, String> document : printed.entrySet()) {
            int[] prompt = new PromptEncoder(encoder, vocabulary).encode(document.getValue());
            String json = CanonicalJson.toModelJson(document.getKey());
            int[] truthTokens = encoder.encode(json);
            StepDriver.Predictor spelling = (context, length, mask) -> {
                int index = length - prompt.length;
                boolean truth = index >= 0 && index < truthTokens.length && grammar.masks().allows(mask, truthTokens[index]);
                // a row behind a draft the decoder will reject may be under a mask the truth's token breaks
                int token = truth ? truthTokens[index] : grammar.masks().allowed(mask)[0];
                return new StepDriver.Prediction(token, -0.01f);
            };
            for (DecodeOptions options : new DecodeOptions[] {DecodeOptions.defaults(), DecodeOptions.naive()}) {
                DecodedAnswer answer = StepDriver.run(new ConstrainedDecoder(grammar, prompt, options), grammar.masks(),
                        spelling, 4096).answer();
                assertThat(answer.json()).isEqualTo(json);
                assertThat(answer.answerTokens()).isEqualTo(truthTokens.length);
            }
        }
    }

    @Test
    void stringContentIsEveryTokenWithoutQuoteBackslashOrControlByte() {
        int content = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            byte[] bytes = vocabulary.bytes(id);
            boolean expected = bytes != null && bytes.length > 0;
            for (int i = 0; expected && i < bytes.length; i++) {
                int b = bytes[i] & 0xFF;
                expected = b != '"' && b != '\\' && b >= 0x20;
            }
            assertThat(grammar.isStringContent(id)).as("token %d", id).isEqualTo(expected);
            content += expected ? 1 : 0;
        }
        assertThat(content).isGreaterThan(vocabulary.size() * 9 / 10);
    }

    @Test
    void randomChoicesConformToTheSchema() throws InvalidRecordException {
        int[] prompt = new PromptEncoder(encoder, vocabulary).encode(Truths.fullText());
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            StepDriver.Predictor predictor = (context, length, mask) -> {
                int[] allowed = grammar.masks().allowed(mask);
                int token = random.nextInt(4) == 0 && grammar.masks().allows(mask, grammar.quote) ? grammar.quote
                        : allowed[random.nextInt(allowed.length)];
                return new StepDriver.Prediction(token, -0.5f);
            };
            DecodeOptions options = DecodeOptions.defaults().withMaxStringTokens(8).withMaxArrayItems(3);
            AnswerGrammar bounded = AnswerGrammar.compile(JsonPlan.of(ShippingDocument.getClassSchema(), options),
                    vocabulary, encoder, vocabulary.size());
            String json = StepDriver.run(new ConstrainedDecoder(bounded, prompt, options), bounded.masks(), predictor, 256)
                    .answer().json();
            assertThat(CanonicalJson.toModelJson(CanonicalJson.fromJson(json, "d"))).isEqualTo(json);
        }
    }

    @Test
    void theEngineRefusesAnAnswerBudgetBelowTheShortestAnswer() {
        int shortest = grammar.shortestAnswerTokens();
        PromptEncoder prompts = new PromptEncoder(encoder, vocabulary);
        assertThatThrownBy(() -> new ConstrainedDocumentDecoding(grammar, prompts,
                DocumentSplitter.forContext(encoder, 2048, shortest - 1), DecodeOptions.defaults(), 2048))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shortest answer");
        assertThat(new ConstrainedDocumentDecoding(grammar, prompts, DocumentSplitter.forContext(encoder, 2048, shortest),
                DecodeOptions.defaults(), 2048).masks()).isNotEmpty();
    }
}
