package dev.manifests.serving.pack;

import java.util.Map;

/**
 * What {@code model.json} says about a model package: identity, architecture, prompt, special tokens, the schema
 * the model was trained to fill, where it came from and how well it scored.
 */
public record ModelSpec(
        String name,
        String version,
        Architecture architecture,
        String dtype,
        String promptTemplate,
        SpecialTokens specialTokens,
        SchemaRef schema,
        Map<String, Object> provenance,
        Map<String, Object> accuracy) {

    /** The transformer's shape; {@code maxContext} bounds every position the engine may send. */
    public record Architecture(int layers, int hiddenSize, int heads, int kvHeads, int vocabSize, int maxContext) {
    }

    /** The ids of the special tokens the prompt is built from. */
    public record SpecialTokens(int pad, int bos, int eos, int doc, int json) {
    }

    /** The Avro schema (by full name and version) the model's answers conform to. */
    public record SchemaRef(String name, String version) {
    }
}
