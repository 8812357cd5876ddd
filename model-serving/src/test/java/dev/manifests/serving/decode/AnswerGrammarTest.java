package dev.manifests.serving.decode;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.serving.decode.JsonPlan.EnumNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerGrammarTest {

    private static TextEncoder encoder;
    private static Vocabulary vocabulary;
    private static AnswerGrammar grammar;

    @BeforeAll
    static void compile() throws IOException {
        encoder = TextEncoder.open(TestTokenizers.small());
        vocabulary = Vocabulary.read(TestTokenizers.small());
        grammar = AnswerGrammar.compile(JsonPlan.of(ShippingDocument.getClassSchema(), DecodeOptions.defaults()),
                vocabulary, encoder, vocabulary.size() + 12);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void rowZeroAllowsEveryTokenOfTheModelsVocabulary() {
        boolean[][] rows = grammar.masks().rows();
        assertThat(rows[MaskTable.ALL]).hasSize(vocabulary.size() + 12).doesNotContain(false);
        assertThat(rows.length).isEqualTo(grammar.masks().size());
        for (boolean[] row : rows) {
            assertThat(row).hasSize(vocabulary.size() + 12);
        }
    }

    @Test
    void aCodeIsWrittenWithLettersDigitsDashesAndSlashesOnly() {
        MaskTable masks = grammar.masks();
        for (char allowed : "AZaz09-/".toCharArray()) {
            assertThat(masks.allows(grammar.codeMask, vocabulary.byteToken(allowed))).as("%s", allowed).isTrue();
        }
        for (char refused : ", .;:#\\".toCharArray()) {
            assertThat(masks.allows(grammar.codeMask, vocabulary.byteToken(refused))).as("%s", refused).isFalse();
        }
        assertThat(masks.allows(grammar.codeMask, vocabulary.byteToken(0xC2))).as("a byte of a non-ASCII character").isFalse();
        assertThat(masks.allows(grammar.codeMask, grammar.quote)).as("the closing quote").isTrue();
    }

    @Test
    void stringContentRefusesQuotesBackslashesControlBytesAndSpecialTokens() {
        MaskTable masks = grammar.masks();
        assertThat(masks.allows(grammar.stringMask, id("\n\n"))).isFalse();
        assertThat(masks.allows(grammar.stringMask, id("\\n"))).as("a backslash before other bytes").isFalse();
        assertThat(masks.allows(grammar.stringMask, id("\"\""))).isFalse();
        assertThat(grammar.isStringContent(vocabulary.byteToken('\\'))).isFalse();
        assertThat(masks.allows(grammar.stringMask, vocabulary.byteToken('\\'))).as("opens an escaped quote").isTrue();
        assertThat(grammar.opensEscape(vocabulary.byteToken('\\'))).isTrue();
        assertThat(masks.allows(grammar.plainStringMask, vocabulary.byteToken('\\'))).isFalse();
        assertThat(grammar.opensEscape(id("\\n"))).isFalse();
        assertThat(masks.allows(grammar.stringMask, vocabulary.byteToken(0x1F))).isFalse();
        for (int special = 0; special < 5; special++) {
            assertThat(masks.allows(grammar.stringMask, special)).isFalse();
        }
        assertThat(masks.allows(grammar.stringMask, vocabulary.size())).as("ids past the tokenizer").isFalse();
        assertThat(masks.allows(grammar.stringMask, grammar.quote)).as("the closing quote").isTrue();
        assertThat(masks.allows(grammar.stringMask, id(" GmbH"))).isTrue();
        assertThat(masks.allows(grammar.stringMask, id("é"))).isTrue();
        assertThat(masks.allows(grammar.stringMask, vocabulary.byteToken(0xC3))).as("partial UTF-8").isTrue();
        assertThat(masks.allows(grammar.stringMask, grammar.comma)).as("punctuation inside a value").isTrue();
        int refused = vocabulary.size() - masks.allowedCount(grammar.stringMask) + 1;
        // 5 special tokens, 32 control bytes, the quote and the three tokens built from quotes, backslashes and
        // control bytes; the lone backslash is admitted as the opener of an escaped quote
        assertThat(refused).isEqualTo(5 + 32 + 1 + 3);
        assertThat(vocabulary.size() - masks.allowedCount(grammar.plainStringMask) + 1).isEqualTo(5 + 32 + 2 + 3);
    }

    @Test
    void numberMasksHoldDigitsAndTheTokensThatMayEndANumber() {
        MaskTable masks = grammar.masks();
        assertThat(masks.allowed(grammar.digitsMask)).containsExactlyInAnyOrder(grammar.digit);
        assertThat(masks.allowedCount(grammar.integerMoreMask)).isEqualTo(13);
        assertThat(masks.allowed(grammar.pointOrEndMask)).containsExactlyInAnyOrder(grammar.point, grammar.comma,
                grammar.closeBrace, grammar.closeBracket);
        assertThat(masks.allows(grammar.nonZeroDigitsMask, grammar.digit[0])).isFalse();
        assertThat(masks.allowed(grammar.daySecondThirtyMask)).containsExactly(grammar.digit[0]);
    }

    @Test
    void enumTrieBranchesOnTheSymbolsTokens() {
        EnumTrie root = grammar.trie(new EnumNode(List.of("BILL_OF_LADING", "HOUSE_BILL_OF_LADING", "SEA_WAYBILL",
                "CARGO_MANIFEST")));
        assertThat(root.tokens()).containsExactlyInAnyOrder(id("BILL"), id("HOUSE"), id("SEA"), id("CARGO"));
        assertThat(grammar.masks().allowed(root.mask())).containsExactlyInAnyOrder(id("BILL"), id("HOUSE"), id("SEA"),
                id("CARGO"));
        EnumTrie bill = root.child(id("BILL"));
        assertThat(bill.forced()).as("BILL_OF_LADING is the only symbol starting BILL").isTrue();
    }

    @Test
    void valueOrNullChoicesOfferTheOpeningTokenAndNull() {
        JsonPlan.RecordNode root = grammar.plan().root();
        JsonPlan.Node booking = root.fields().get(2).value();
        assertThat(grammar.masks().allowed(grammar.choiceMask(booking)))
                .containsExactlyInAnyOrder(grammar.quote, grammar.nullTokens[0]);
        JsonPlan.Node notify = root.fields().get(5).value();
        assertThat(grammar.masks().allowed(grammar.choiceMask(notify)))
                .containsExactlyInAnyOrder(grammar.openBrace, grammar.nullTokens[0]);
        JsonPlan.Node containers = root.fields().get(16).value();
        assertThat(grammar.masks().allowed(grammar.choiceMask(containers)))
                .containsExactlyInAnyOrder(grammar.openBrace, grammar.closeBracket);
    }

    @Test
    void vocabularyReversesTheByteLevelAlphabet() {
        assertThat(vocabulary.bytes(id(" GmbH"))).isEqualTo(" GmbH".getBytes(StandardCharsets.UTF_8));
        assertThat(vocabulary.bytes(id("é"))).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
        assertThat(vocabulary.bytes(vocabulary.byteToken(0x0A))).containsExactly(0x0A);
        assertThat(vocabulary.isSpecial(vocabulary.json())).isTrue();
        assertThat(new int[] {vocabulary.bos(), vocabulary.eos(), vocabulary.doc(), vocabulary.json()})
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void longestMatchSpellsAnyBytesWithTheLongestTokensThatFit() {
        byte[] text = "Hamburg GmbHx\u00fc".getBytes(StandardCharsets.UTF_8);

        int[] tokens = vocabulary.longestMatchTokens(text);

        assertThat(vocabulary.text(tokens, 0, tokens.length)).isEqualTo("Hamburg GmbHx\u00fc");
        assertThat(tokens).startsWith(id("Hamburg"), id(" GmbH"), vocabulary.byteToken('x'));
        assertThat(vocabulary.longestMatchTokens(new byte[0])).isEmpty();
    }

    @Test
    void promptIsFramedBySpecialTokensAroundTheNormalisedText() {
        int[] prompt = new PromptEncoder(encoder, vocabulary).encode("Shipper:\tACME\r\n\r\n\r\nGmbH   ");
        assertThat(prompt[0]).isEqualTo(vocabulary.bos());
        assertThat(prompt[1]).isEqualTo(vocabulary.doc());
        assertThat(prompt[prompt.length - 1]).isEqualTo(vocabulary.json());
        assertThat(vocabulary.text(prompt, 0, prompt.length)).isEqualTo("Shipper: ACME\n\nGmbH");
    }

    /** The id of the token whose bytes are exactly {@code text}. */
    private static int id(String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        for (int id = 0; id < vocabulary.size(); id++) {
            if (java.util.Arrays.equals(vocabulary.bytes(id), wanted)) {
                return id;
            }
        }
        throw new IllegalArgumentException("no token for " + text);
    }
}
