package dev.manifests.serving.schedule;

import java.util.Map;

/**
 * One document's decoded answer before timings are added: the canonical JSON, the per-field confidences and the
 * token counts (prompt tokens in, answer tokens out, of which decoded by the model rather than forced).
 */
public record DocumentAnswer(String json, Map<String, Double> fieldConfidence, int tokensIn, int tokensOut, int tokensDecoded) {
}
