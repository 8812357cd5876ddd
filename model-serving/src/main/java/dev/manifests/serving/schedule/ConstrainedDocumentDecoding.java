package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.AnswerGrammar;
import dev.manifests.serving.decode.AnswerReadBack;
import dev.manifests.serving.decode.ConstrainedDecoder;
import dev.manifests.serving.decode.DecodeOptions;
import dev.manifests.serving.decode.DecodedAnswer;
import dev.manifests.serving.decode.DocumentSplitter;
import dev.manifests.serving.decode.PartMerger;
import dev.manifests.serving.decode.PromptEncoder;
import dev.manifests.serving.decode.SequenceDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's decoding of ShippingDocument answers: {@link DocumentSplitter} decides whether a document is read
 * whole (its prompt and estimated answer fit the context) or cut into parts that each fit, each part's prompt is
 * built by {@link PromptEncoder} and decoded by a {@link ConstrainedDecoder} under the schema's {@link AnswerGrammar}
 * (so every answer parses and conforms), and the parts' answers are joined by {@link PartMerger}. Every decoder is
 * bounded by the KV slot's length, so a prompt and its answer never run past the context: an answer that would is
 * closed the shortest valid way, its cut fields at confidence 0. Thread-safe: the grammar is immutable and each part
 * gets its own decoder.
 */
public final class ConstrainedDocumentDecoding implements DocumentDecoding {

    private final AnswerGrammar grammar;
    private final PromptEncoder prompts;
    private final DocumentSplitter splitter;
    private final DecodeOptions options;
    private final int slotMaxLen;

    /**
     * @param slotMaxLen positions of one KV slot: a part's prompt and answer together never hold more
     * @throws IllegalArgumentException when the splitter's parts could leave less than the shortest answer's room
     */
    public ConstrainedDocumentDecoding(AnswerGrammar grammar, PromptEncoder prompts, DocumentSplitter splitter, DecodeOptions options,
            int slotMaxLen) {
        int room = slotMaxLen - splitter.maxTextTokens() - PromptEncoder.FRAME_TOKENS;
        if (room < grammar.shortestAnswerTokens()) {
            throw new IllegalArgumentException("parts of up to " + splitter.maxTextTokens() + " text tokens leave " + room
                    + " of " + slotMaxLen + " positions for the answer, less than the shortest answer's "
                    + grammar.shortestAnswerTokens());
        }
        this.grammar = grammar;
        this.prompts = prompts;
        this.splitter = splitter;
        this.options = options;
        this.slotMaxLen = slotMaxLen;
    }

    @Override
    public List<SequenceDecoder> start(String documentId, String text) {
        List<SequenceDecoder> decoders = new ArrayList<>();
        for (String part : splitter.split(text)) {
            decoders.add(new ConstrainedDecoder(grammar, prompts.encodeNormalised(part), options, slotMaxLen));
        }
        return decoders;
    }

    @Override
    public DocumentAnswer finish(String documentId, List<SequenceDecoder> parts) {
        if (parts.size() == 1) {
            DecodedAnswer answer = AnswerReadBack.of((ConstrainedDecoder) parts.get(0));
            return new DocumentAnswer(answer.json(), answer.fieldConfidence(), answer.promptTokens(), answer.answerTokens(),
                    answer.decodedTokens());
        }
        List<DecodedAnswer> answers = new ArrayList<>(parts.size());
        for (SequenceDecoder part : parts) {
            answers.add(AnswerReadBack.of((ConstrainedDecoder) part));
        }
        // each field keeps the confidence of the part its merged value came from
        DecodedAnswer merged = PartMerger.mergeDecoded(answers);
        return new DocumentAnswer(merged.json(), merged.fieldConfidence(), merged.promptTokens(), merged.answerTokens(),
                merged.decodedTokens());
    }

    @Override
    public boolean[][] masks() {
        return grammar.masks().rows();
    }
}
