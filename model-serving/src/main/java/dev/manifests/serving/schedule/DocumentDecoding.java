package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.SequenceDecoder;
import java.util.List;

/**
 * How the engine turns one document into sequences to decode and their finished decoders back into one answer.
 * The engine schedules the sequences and knows nothing of prompts, JSON or splitting; this side knows nothing of
 * slots, steps or devices. Implementations are thread-safe: {@link #start} runs on the submitting thread.
 */
public interface DocumentDecoding {

    /**
     * Builds the decoders for one document's text as extracted (page breaks included, not yet normalised): one per
     * part, more than one when the prompt does not fit the context. A document that cannot be decoded at all is
     * reported by an exception whose message says why.
     */
    List<SequenceDecoder> start(String documentId, String text);

    /** Joins the finished decoders of one document (in part order) into its answer. */
    DocumentAnswer finish(String documentId, List<SequenceDecoder> parts);

    /** The vocabulary mask table the decoders refer to by row, uploaded to the executor once. */
    boolean[][] masks();
}
