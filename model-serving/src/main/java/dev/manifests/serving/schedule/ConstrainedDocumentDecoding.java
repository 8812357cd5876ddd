package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.AnswerGrammar;
import dev.manifests.serving.decode.ConstrainedDecoder;
import dev.manifests.serving.decode.DecodeOptions;
import dev.manifests.serving.decode.DecodedAnswer;
import dev.manifests.serving.decode.DocumentSplitter;
import dev.manifests.serving.decode.PartMerger;
import dev.manifests.serving.decode.PromptEncoder;
import dev.manifests.serving.decode.SequenceDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's decoding of ShippingDocument answers: a document too long for the context is cut by
 * {@link DocumentSplitter}, each part's prompt is built by {@link PromptEncoder} and decoded by a
 * {@link ConstrainedDecoder} under the schema's {@link AnswerGrammar} (so every answer parses and conforms), and the
 * parts' answers are joined by {@link PartMerger}. Thread-safe: the grammar is immutable and each part gets its
 * own decoder.
 */
public final class ConstrainedDocumentDecoding implements DocumentDecoding {

    private final AnswerGrammar grammar;
    private final PromptEncoder prompts;
    private final DocumentSplitter splitter;
    private final DecodeOptions options;

    public ConstrainedDocumentDecoding(AnswerGrammar grammar, PromptEncoder prompts, DocumentSplitter splitter, DecodeOptions options) {
        this.grammar = grammar;
        this.prompts = prompts;
        this.splitter = splitter;
        this.options = options;
    }

    @Override
    public List<SequenceDecoder> start(String documentId, String text) {
        List<SequenceDecoder> decoders = new ArrayList<>();
        for (String part : splitter.split(text)) {
            decoders.add(new ConstrainedDecoder(grammar, prompts.encodeNormalised(part), options));
        }
        return decoders;
    }

    @Override
    public DocumentAnswer finish(String documentId, List<SequenceDecoder> parts) {
        if (parts.size() == 1) {
            DecodedAnswer answer = ((ConstrainedDecoder) parts.get(0)).answer();
            return new DocumentAnswer(answer.json(), answer.fieldConfidence(), answer.promptTokens(), answer.answerTokens(),
                    answer.decodedTokens());
        }
        List<String> answers = new ArrayList<>(parts.size());
        // a split document's confidence per field path is the lowest any part gave that path
        Map<String, Double> confidence = new LinkedHashMap<>();
        int tokensIn = 0;
        int tokensOut = 0;
        int tokensDecoded = 0;
        for (SequenceDecoder part : parts) {
            DecodedAnswer answer = ((ConstrainedDecoder) part).answer();
            answers.add(answer.json());
            answer.fieldConfidence().forEach((path, p) -> confidence.merge(path, p, Math::min));
            tokensIn += answer.promptTokens();
            tokensOut += answer.answerTokens();
            tokensDecoded += answer.decodedTokens();
        }
        return new DocumentAnswer(PartMerger.merge(answers), confidence, tokensIn, tokensOut, tokensDecoded);
    }

    @Override
    public boolean[][] masks() {
        return grammar.masks().rows();
    }
}
