package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.StepRequest;
import dev.manifests.serving.exec.StepBatch;
import dev.manifests.serving.exec.StepResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers the step requests of several sequences into one {@link StepBatch} and hands each sequence its slice of
 * the result back. Token offsets of each run become the output row indexes the step module expects.
 */
final class StepPlan {

    private final List<PartSequence> sequences = new ArrayList<>();
    private final List<StepRequest> requests = new ArrayList<>();
    private int tokens;
    private int rows;
    private int prefillTokens;

    void add(PartSequence sequence, StepRequest request) {
        if (request.tokens().length == 0) {
            throw new IllegalStateException(sequence.job.request.documentId() + ": the decoder asked for a step with no tokens");
        }
        if (request.outputIndexes().length != request.maskIds().length) {
            throw new IllegalStateException(sequence.job.request.documentId() + ": the decoder gave "
                    + request.outputIndexes().length + " output indexes but " + request.maskIds().length + " masks");
        }
        sequences.add(sequence);
        requests.add(request);
        tokens += request.tokens().length;
        rows += request.outputIndexes().length;
        int promptEnd = Math.min(sequence.decoder.promptLength(), request.startPosition() + request.tokens().length);
        prefillTokens += Math.max(0, promptEnd - request.startPosition());
    }

    boolean isEmpty() {
        return sequences.isEmpty();
    }

    int tokenCount() {
        return tokens;
    }

    /** Tokens of this step that are prompt (prefill) rather than answer tokens. */
    int prefillTokenCount() {
        return prefillTokens;
    }

    int rowCount() {
        return rows;
    }

    int sequenceCount() {
        return sequences.size();
    }

    List<PartSequence> sequences() {
        return sequences;
    }

    /** The batch, its runs in slot order (the step module reads consecutive slots in place). */
    StepBatch toBatch() {
        orderBySlot();
        int[] tokenIds = new int[tokens];
        int[] positions = new int[tokens];
        int[] seqLens = new int[sequences.size()];
        int[] slots = new int[sequences.size()];
        int[] outRows = new int[rows];
        int[] maskIds = new int[rows];
        int offset = 0;
        int row = 0;
        for (int b = 0; b < sequences.size(); b++) {
            StepRequest request = requests.get(b);
            int length = request.tokens().length;
            System.arraycopy(request.tokens(), 0, tokenIds, offset, length);
            for (int i = 0; i < length; i++) {
                positions[offset + i] = request.startPosition() + i;
            }
            seqLens[b] = length;
            slots[b] = sequences.get(b).slot;
            for (int r = 0; r < request.outputIndexes().length; r++) {
                int index = request.outputIndexes()[r];
                if (index < 0 || index >= length) {
                    throw new IllegalStateException(sequences.get(b).job.request.documentId() + ": output index " + index
                            + " is outside the " + length + " tokens of its request");
                }
                outRows[row] = offset + index;
                maskIds[row] = request.maskIds()[r];
                row++;
            }
            offset += length;
        }
        int candidates = 1;
        for (StepRequest request : requests) {
            candidates = Math.max(candidates, request.candidates());
        }
        return new StepBatch(tokenIds, positions, seqLens, slots, outRows, maskIds, candidates);
    }

    /**
     * Gives each sequence its predictions and its share of the device time (in proportion to its tokens); a decoder
     * that rejects its predictions fails its own document only.
     */
    void distribute(StepResult result, EngineMetrics metrics) {
        if (result.rows() != rows) {
            throw new IllegalStateException("the step returned " + result.rows() + " predictions for " + rows + " rows");
        }
        int k = result.candidates();
        int row = 0;
        for (int b = 0; b < sequences.size(); b++) {
            PartSequence sequence = sequences.get(b);
            StepRequest request = requests.get(b);
            int count = request.outputIndexes().length;
            sequence.job.deviceMillis += result.deviceMillis() * request.tokens().length / tokens;
            try {
                sequence.decoder.accept(
                        Arrays.copyOfRange(result.nextTokens(), row * k, (row + count) * k),
                        Arrays.copyOfRange(result.logProbs(), row * k, (row + count) * k), k);
            } catch (RuntimeException e) {
                // one document's decoder failing must not take the others in the step down with it
                if (sequence.job.future.completeExceptionally(new ExtractionFailedException(sequence.job.request.documentId(),
                        "decoding failed: " + e.getMessage(), e))) {
                    metrics.recordFailed();
                }
            }
            row += count;
        }
    }

    private void orderBySlot() {
        Integer[] order = new Integer[sequences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(sequences.get(a).slot, sequences.get(b).slot));
        List<PartSequence> sortedSequences = new ArrayList<>(order.length);
        List<StepRequest> sortedRequests = new ArrayList<>(order.length);
        for (int index : order) {
            sortedSequences.add(sequences.get(index));
            sortedRequests.add(requests.get(index));
        }
        sequences.clear();
        sequences.addAll(sortedSequences);
        requests.clear();
        requests.addAll(sortedRequests);
    }
}
