package dev.manifests.serving.decode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded answer of one prompt: canonical JSON that parses and conforms to the schema, the confidence of each
 * field (keyed by path, e.g. {@code containers[0].containerNumber}: the lowest probability among the tokens the
 * model chose within that value, the token that ended it included; where the rest of a printed word was forced in
 * place of the model's choice, the probability of that choice), and the token counts.
 *
 * @param promptTokens  tokens of the prompt
 * @param answerTokens  tokens of the answer, forced and chosen
 * @param decodedTokens tokens the model chose (accepted draft tokens included), as opposed to forced structure
 */
public record DecodedAnswer(String json, Map<String, Double> fieldConfidence, int promptTokens, int answerTokens,
                            int decodedTokens) {

    public DecodedAnswer {
        fieldConfidence = Collections.unmodifiableMap(new LinkedHashMap<>(fieldConfidence));
    }
}
