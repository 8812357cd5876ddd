package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.SequenceDecoder;
import dev.manifests.serving.decode.StepRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A decoding for scheduler tests: a document's text "prompt=P answer=A" becomes a sequence that feeds P prompt
 * tokens in chunks, then decodes A tokens one per step; A below zero never finishes. The answer lists the tokens
 * the executor chose, so a test sees whether every prediction reached the right sequence.
 */
final class CountingDecoding implements DocumentDecoding {

    static final class CountingDecoder implements SequenceDecoder {
        final int promptLength;
        final int answerLength;
        final List<Integer> chosen = new ArrayList<>();
        final List<Integer> requestSizes = new ArrayList<>();
        int position;
        int pendingRows = -1;
        int last;

        CountingDecoder(int promptLength, int answerLength) {
            this.promptLength = promptLength;
            this.answerLength = answerLength;
        }

        @Override
        public StepRequest next(int maxTokens) {
            if (pendingRows >= 0) {
                throw new IllegalStateException("next before accept");
            }
            if (done()) {
                return null;
            }
            int[] tokens;
            int[] rows;
            if (position < promptLength) {
                int chunk = Math.min(maxTokens, promptLength - position);
                tokens = new int[chunk];
                for (int i = 0; i < chunk; i++) {
                    tokens[i] = 100 + position + i;
                }
                rows = position + chunk == promptLength ? new int[] {chunk - 1} : new int[0];
            } else {
                tokens = new int[] {last};
                rows = new int[] {0};
            }
            StepRequest request = new StepRequest(position, tokens, rows, new int[rows.length]);
            position += tokens.length;
            pendingRows = rows.length;
            requestSizes.add(tokens.length);
            return request;
        }

        @Override
        public void accept(int[] tokens, float[] logProbs) {
            if (tokens.length != pendingRows) {
                throw new IllegalStateException("expected " + pendingRows + " predictions, got " + tokens.length);
            }
            pendingRows = -1;
            for (int token : tokens) {
                chosen.add(token);
                last = token;
            }
        }

        @Override
        public boolean done() {
            return answerLength >= 0 && chosen.size() >= answerLength && pendingRows < 0;
        }

        @Override
        public int position() {
            return position;
        }

        @Override
        public int promptLength() {
            return promptLength;
        }
    }

    final List<CountingDecoder> decoders = new ArrayList<>();

    @Override
    public synchronized List<SequenceDecoder> start(String documentId, String normalisedText) {
        String[] words = normalisedText.split(" ");
        CountingDecoder decoder = new CountingDecoder(
                Integer.parseInt(words[0].substring("prompt=".length())),
                Integer.parseInt(words[1].substring("answer=".length())));
        decoders.add(decoder);
        return List.of(decoder);
    }

    @Override
    public DocumentAnswer finish(String documentId, List<SequenceDecoder> parts) {
        CountingDecoder decoder = (CountingDecoder) parts.get(0);
        return new DocumentAnswer(Arrays.toString(decoder.chosen.stream().mapToInt(Integer::intValue).toArray()),
                Map.of("tokens", 1.0), decoder.promptLength, decoder.chosen.size(), decoder.chosen.size());
    }

    @Override
    public boolean[][] masks() {
        return new boolean[][] {{true}};
    }
}
