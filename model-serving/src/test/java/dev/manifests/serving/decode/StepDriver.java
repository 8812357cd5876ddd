package dev.manifests.serving.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a decoder the way the scheduler does, with a scripted predictor standing in for the step module's choice:
 * it keeps the tokens written per position (a rewind simply overwrites), and for every requested row asks the
 * predictor for a token under that row's mask, given the sequence up to and including the row's token.
 */
final class StepDriver {

    /** The step module's choice for the token after {@code context[0, length)} under {@code mask}. */
    interface Predictor {
        Prediction predict(int[] context, int length, int mask);
    }

    record Prediction(int token, float logProb) {
    }

    /** What a run took: steps, the largest request, and how many draft tokens were proposed and accepted. */
    record Run(DecodedAnswer answer, int steps, int largestRequest, int draftsProposed, int draftsAccepted) {
    }

    private StepDriver() {
    }

    static Run run(ConstrainedDecoder decoder, MaskTable masks, Predictor predictor, int maxTokens) {
        return run(decoder, masks, predictor, maxTokens, 1 << 20);
    }

    /** Runs the decoder on a cache of {@code maxPositions} positions, failing if it writes past them. */
    static Run run(ConstrainedDecoder decoder, MaskTable masks, Predictor predictor, int maxTokens, int maxPositions) {
        int[] cache = new int[maxPositions];
        int steps = 0;
        int largest = 0;
        int proposed = 0;
        int accepted = 0;
        List<String> trace = new ArrayList<>();
        while (!decoder.done()) {
            int before = decoder.position();
            StepRequest request = decoder.next(maxTokens);
            assertThat(request).as("a decoder that is not done asks for a step").isNotNull();
            assertThat(request.startPosition()).isEqualTo(before);
            assertThat(request.tokens().length).isBetween(1, maxTokens);
            assertThat(request.startPosition() + request.tokens().length).as("positions written").isLessThanOrEqualTo(maxPositions);
            steps++;
            largest = Math.max(largest, request.tokens().length);
            System.arraycopy(request.tokens(), 0, cache, request.startPosition(), request.tokens().length);
            int rows = request.outputIndexes().length;
            int[] tokens = new int[rows];
            float[] logProbs = new float[rows];
            for (int r = 0; r < rows; r++) {
                int index = request.outputIndexes()[r];
                Prediction prediction = predictor.predict(cache, request.startPosition() + index + 1, request.maskIds()[r]);
                assertThat(masks.allows(request.maskIds()[r], prediction.token()))
                        .as("predictor chose %d under mask %d", prediction.token(), request.maskIds()[r]).isTrue();
                tokens[r] = prediction.token();
                logProbs[r] = prediction.logProb();
            }
            int drafts = Math.max(0, rows - 1);
            int agreed = 0;
            while (agreed < drafts && tokens[agreed] == request.tokens()[request.outputIndexes()[agreed] + 1]) {
                agreed++;
            }
            proposed += drafts;
            trace.add(Arrays.toString(request.tokens()));
            decoder.accept(tokens, logProbs);
            // the draft tokens kept are those the position moved past beyond the fed ones: never one the model did
            // not choose, though a copied value may keep fewer (it can force the rest of a printed word instead)
            int kept = decoder.position() - before - (request.tokens().length - drafts);
            assertThat(kept).as("draft tokens kept").isBetween(0, agreed);
            accepted += kept;
            assertThat(steps).as("decoding does not terminate: %s", trace.subList(Math.max(0, trace.size() - 5), trace.size()))
                    .isLessThan(200_000);
        }
        assertThat(decoder.next(maxTokens)).isNull();
        assertThat(decoder.draftsProposed()).isEqualTo(proposed);
        assertThat(decoder.draftsAccepted()).isEqualTo(accepted);
        return new Run(decoder.answer(), steps, largest, proposed, accepted);
    }
}
