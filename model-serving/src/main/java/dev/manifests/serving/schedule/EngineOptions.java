package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.DecodeOptions;
import java.nio.file.Path;

/**
 * How one extraction engine runs, read once at the edge. The defaults suit a 2-core CPU running the embedded
 * manifest-mini model: a few KV slots, steps of a few hundred tokens, a short queue so back-pressure is felt early.
 *
 * @param packageFolder     the model package folder (model.json, tokenizer.json, step.pt)
 * @param device            where steps run: {@code cpu}, {@code cuda}, {@code cuda:N} (in-process through DJL) or
 *                          {@code executor:127.0.0.1:PORT} (a step executor process); default {@code cpu}
 * @param numSlots          KV cache slots of one lane, i.e. sequences one lane decodes at once; default 8
 * @param maxBatchSequences the most sequences one step of a lane may carry; default 8
 * @param maxStepTokens     the token budget of one step of a lane, shared by prefill chunks and decode tokens;
 *                          default 256
 * @param maxQueue          documents that may wait for a slot before submissions are rejected; default 64
 * @param maxWaitMillis     how long an idle scheduler waits for more documents before its first step; default 5
 * @param answerBudgetTokens the most context positions reserved for one answer: a document is read whole when its
 *                          prompt plus its {@link dev.manifests.serving.decode.AnswerLengthEstimate} fit the context,
 *                          else it is split into parts that each do, the estimate capped here so every part keeps at
 *                          least {@code maxContext - answerBudgetTokens - 3} text tokens; default 1792, above the
 *                          estimate of any part whose text fits beside it (an answer longer still is closed early by
 *                          the decoder, its cut fields at confidence 0)
 * @param decodeOptions     how answers are decoded (jump-forward, speculation, limits); default
 *                          {@link DecodeOptions#defaults()}
 * @param intraOpThreads    threads libtorch uses inside one step on the CPU, 0 to keep libtorch's own choice; default 1,
 *                          since a step's small matrices gain little from a second thread and lose much when the cores
 *                          are shared with parsing and OCR
 * @param lanes             independent step loops, each with its own scheduler thread, step executor (a copy of the
 *                          step module and its KV cache) and {@code numSlots} slots, all taking documents from the one
 *                          queue; on a CPU each lane keeps one core busy; on one GPU keep 1; default 1
 */
public record EngineOptions(
        Path packageFolder,
        String device,
        int numSlots,
        int maxBatchSequences,
        int maxStepTokens,
        int maxQueue,
        long maxWaitMillis,
        int answerBudgetTokens,
        DecodeOptions decodeOptions,
        int intraOpThreads,
        int lanes) {

    public static final String DEFAULT_DEVICE = "cpu";
    public static final int DEFAULT_NUM_SLOTS = 8;
    public static final int DEFAULT_MAX_BATCH_SEQUENCES = 8;
    public static final int DEFAULT_MAX_STEP_TOKENS = 256;
    public static final int DEFAULT_MAX_QUEUE = 64;
    public static final long DEFAULT_MAX_WAIT_MILLIS = 5;
    public static final int DEFAULT_ANSWER_BUDGET_TOKENS = 1792;
    public static final int DEFAULT_INTRA_OP_THREADS = 1;
    public static final int DEFAULT_LANES = 1;

    public EngineOptions {
        if (packageFolder == null) {
            throw new IllegalArgumentException("packageFolder is required");
        }
        packageFolder = packageFolder.toAbsolutePath().normalize();
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("device is required: cpu, cuda, cuda:N or executor:HOST:PORT");
        }
        require(numSlots >= 1, "numSlots must be at least 1, was " + numSlots);
        require(maxBatchSequences >= 1, "maxBatchSequences must be at least 1, was " + maxBatchSequences);
        require(maxStepTokens >= 16, "maxStepTokens must be at least 16, was " + maxStepTokens);
        require(maxQueue >= 1, "maxQueue must be at least 1, was " + maxQueue);
        require(maxWaitMillis >= 0, "maxWaitMillis must not be negative, was " + maxWaitMillis);
        require(answerBudgetTokens >= 16, "answerBudgetTokens must be at least 16, was " + answerBudgetTokens);
        if (decodeOptions == null) {
            throw new IllegalArgumentException("decodeOptions is required");
        }
        require(intraOpThreads >= 0, "intraOpThreads must not be negative, was " + intraOpThreads);
        require(lanes >= 1, "lanes must be at least 1, was " + lanes);
    }

    /** The defaults for a 2-core CPU, for the package in {@code packageFolder}. */
    public static EngineOptions defaults(Path packageFolder) {
        return new EngineOptions(packageFolder, DEFAULT_DEVICE, DEFAULT_NUM_SLOTS, DEFAULT_MAX_BATCH_SEQUENCES,
                DEFAULT_MAX_STEP_TOKENS, DEFAULT_MAX_QUEUE, DEFAULT_MAX_WAIT_MILLIS, DEFAULT_ANSWER_BUDGET_TOKENS,
                DecodeOptions.defaults(), DEFAULT_INTRA_OP_THREADS, DEFAULT_LANES);
    }

    public EngineOptions withDevice(String value) {
        return new EngineOptions(packageFolder, value, numSlots, maxBatchSequences, maxStepTokens, maxQueue, maxWaitMillis, answerBudgetTokens, decodeOptions, intraOpThreads, lanes);
    }

    /** Sets the KV slots and the sequences per step together: every running sequence can join every step. */
    public EngineOptions withBatchSize(int sequences) {
        return new EngineOptions(packageFolder, device, sequences, sequences, maxStepTokens, maxQueue, maxWaitMillis, answerBudgetTokens, decodeOptions, intraOpThreads, lanes);
    }

    public EngineOptions withMaxStepTokens(int value) {
        return new EngineOptions(packageFolder, device, numSlots, maxBatchSequences, value, maxQueue, maxWaitMillis, answerBudgetTokens, decodeOptions, intraOpThreads, lanes);
    }

    public EngineOptions withMaxQueue(int value) {
        return new EngineOptions(packageFolder, device, numSlots, maxBatchSequences, maxStepTokens, value, maxWaitMillis, answerBudgetTokens, decodeOptions, intraOpThreads, lanes);
    }

    /**
     * A queue at least twice the slots of all lanes, for a caller that submits a whole list of documents at once:
     * every slot stays busy and as many documents wait for the next free one.
     */
    public EngineOptions withQueueForAllSlots() {
        return withMaxQueue(Math.max(maxQueue, 2 * numSlots * lanes));
    }

    public EngineOptions withMaxWaitMillis(long value) {
        return new EngineOptions(packageFolder, device, numSlots, maxBatchSequences, maxStepTokens, maxQueue, value, answerBudgetTokens, decodeOptions, intraOpThreads, lanes);
    }

    public EngineOptions withAnswerBudgetTokens(int value) {
        return new EngineOptions(packageFolder, device, numSlots, maxBatchSequences, maxStepTokens, maxQueue, maxWaitMillis, value, decodeOptions, intraOpThreads, lanes);
    }

    public EngineOptions withDecodeOptions(DecodeOptions value) {
        return new EngineOptions(packageFolder, device, numSlots, maxBatchSequences, maxStepTokens, maxQueue, maxWaitMillis, answerBudgetTokens, value, intraOpThreads, lanes);
    }

    public EngineOptions withIntraOpThreads(int value) {
        return new EngineOptions(packageFolder, device, numSlots, maxBatchSequences, maxStepTokens, maxQueue, maxWaitMillis, answerBudgetTokens, decodeOptions, value, lanes);
    }

    public EngineOptions withLanes(int value) {
        return new EngineOptions(packageFolder, device, numSlots, maxBatchSequences, maxStepTokens, maxQueue, maxWaitMillis, answerBudgetTokens, decodeOptions, intraOpThreads, value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
