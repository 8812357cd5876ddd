package dev.manifests.serving.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model package folder as laid out in STEP_CONTRACT.md: {@code model.json}, {@code tokenizer.json} and the
 * TorchScript step module {@code step.pt}. Loading reads and checks the description; the heavy files are opened by
 * the tokenizer and the step executor.
 */
public final class ModelPackage {

    public static final String MODEL_JSON = "model.json";
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String STEP_MODULE = "step.pt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final ModelSpec spec;

    private ModelPackage(Path folder, ModelSpec spec) {
        this.folder = folder;
        this.spec = spec;
    }

    /** Reads {@code folder/model.json} and checks that the tokenizer and step module are there. */
    public static ModelPackage load(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new ModelPackageException(absolute, "is not a model package folder (no such directory)");
        }
        Path modelJson = absolute.resolve(MODEL_JSON);
        ModelSpec spec = readSpec(modelJson);
        requireFile(absolute.resolve(TOKENIZER_JSON), "the tokenizer (Hugging Face tokenizers format)");
        requireFile(absolute.resolve(STEP_MODULE), "the TorchScript step module");
        return new ModelPackage(absolute, spec);
    }

    public Path folder() {
        return folder;
    }

    public ModelSpec spec() {
        return spec;
    }

    public Path modelJson() {
        return folder.resolve(MODEL_JSON);
    }

    public Path tokenizerJson() {
        return folder.resolve(TOKENIZER_JSON);
    }

    public Path stepModule() {
        return folder.resolve(STEP_MODULE);
    }

    @Override
    public String toString() {
        return spec.name() + " " + spec.version() + " (" + folder + ")";
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ModelPackageException(file, "is missing; a model package needs " + what + " here");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ModelPackageException(file, "is empty; expected " + what);
            }
        } catch (IOException e) {
            throw new ModelPackageException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static ModelSpec readSpec(Path modelJson) {
        if (!Files.isRegularFile(modelJson)) {
            throw new ModelPackageException(modelJson, "is missing; a model package is described by its model.json");
        }
        JsonNode root;
        try {
            root = JSON.readTree(modelJson.toFile());
        } catch (IOException e) {
            throw new ModelPackageException(modelJson, "is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelPackageException(modelJson, "must hold a JSON object");
        }
        Fields top = new Fields(modelJson, root, "");
        Fields arch = top.object("architecture");
        ModelSpec.Architecture architecture = new ModelSpec.Architecture(
                arch.positiveInt("layers", "num_layers", "n_layers", "numLayers"),
                arch.positiveInt("hiddenSize", "hidden_size", "d_model", "dim"),
                arch.positiveInt("heads", "num_heads", "n_heads", "numHeads"),
                arch.optionalPositiveInt(arch.positiveIntOrZero("kvHeads", "kv_heads", "num_kv_heads", "n_kv_heads", "numKvHeads"),
                        "heads", "num_heads", "n_heads", "numHeads"),
                arch.positiveInt("vocabSize", "vocab_size"),
                arch.positiveInt("maxContext", "max_context", "max_len", "max_seq_len", "context_length", "maxLen"));
        SchemaFields schema = readSchema(top);
        ModelSpec.SpecialTokens special = readSpecialTokens(top, architecture.vocabSize());
        return new ModelSpec(
                top.text("name"),
                top.text("version"),
                architecture,
                top.textOr("float32", "dtype"),
                top.promptTemplate(),
                special,
                new ModelSpec.SchemaRef(schema.name, schema.version),
                top.map("provenance", "training"),
                top.map("accuracy", "metrics"));
    }

    private record SchemaFields(String name, String version) {
    }

    private static SchemaFields readSchema(Fields top) {
        JsonNode node = top.find("schema");
        if (node != null && node.isObject()) {
            Fields schema = new Fields(top.file, node, "schema.");
            return new SchemaFields(schema.text("name"), schema.text("version"));
        }
        return new SchemaFields(top.text("schemaName", "schema_name"), top.text("schemaVersion", "schema_version"));
    }

    /** The contract fixes the special ids; model.json may restate them, by name or by token text. */
    private static ModelSpec.SpecialTokens readSpecialTokens(Fields top, int vocabSize) {
        JsonNode node = top.find("specialTokens", "special_tokens", "special_token_ids");
        if (node == null) {
            throw new ModelPackageException(top.file, "special_tokens is missing (expected ids of pad, bos, eos, doc, json)");
        }
        if (!node.isObject()) {
            throw new ModelPackageException(top.file, "special_tokens must be an object of token ids");
        }
        int[] ids = new int[5];
        String[] names = {"pad", "bos", "eos", "doc", "json"};
        for (int i = 0; i < names.length; i++) {
            JsonNode id = firstOf(node, names[i], names[i] + "_id", "<|" + names[i] + "|>");
            if (id == null || !id.canConvertToInt()) {
                throw new ModelPackageException(top.file, "special_tokens." + names[i] + " is missing or not an integer");
            }
            ids[i] = id.intValue();
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new ModelPackageException(top.file, "special_tokens." + names[i] + " = " + ids[i]
                        + " is outside the vocabulary of " + vocabSize + " tokens");
            }
        }
        return new ModelSpec.SpecialTokens(ids[0], ids[1], ids[2], ids[3], ids[4]);
    }

    private static JsonNode firstOf(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    /** Reads fields by any of their accepted spellings (camelCase or snake_case), naming the file in every error. */
    private static final class Fields {
        private final Path file;
        private final JsonNode node;
        private final String prefix;

        Fields(Path file, JsonNode node, String prefix) {
            this.file = file;
            this.node = node;
            this.prefix = prefix;
        }

        JsonNode find(String... names) {
            return firstOf(node, names);
        }

        Fields object(String name) {
            JsonNode value = find(name);
            if (value == null || !value.isObject()) {
                throw new ModelPackageException(file, prefix + name + " is missing or not an object");
            }
            return new Fields(file, value, prefix + name + ".");
        }

        String text(String... names) {
            JsonNode value = find(names);
            if (value == null || !value.isValueNode() || value.asText().isBlank()) {
                throw new ModelPackageException(file, prefix + names[0] + " is missing or empty");
            }
            return value.asText();
        }

        String textOr(String fallback, String... names) {
            JsonNode value = find(names);
            return value == null || !value.isValueNode() ? fallback : value.asText();
        }

        int positiveInt(String... names) {
            int value = positiveIntOrZero(names);
            if (value == 0) {
                throw new ModelPackageException(file, prefix + names[0] + " is missing");
            }
            return value;
        }

        int positiveIntOrZero(String... names) {
            JsonNode value = find(names);
            if (value == null) {
                return 0;
            }
            if (!value.canConvertToInt() || value.intValue() <= 0) {
                throw new ModelPackageException(file, prefix + names[0] + " must be a positive integer, found " + value);
            }
            return value.intValue();
        }

        /** Grouped-query attention is optional: without KV heads stated, every head has its own. */
        int optionalPositiveInt(int value, String... fallbackNames) {
            return value > 0 ? value : positiveInt(fallbackNames);
        }

        String promptTemplate() {
            JsonNode value = find("promptTemplate", "prompt_template", "prompt");
            if (value == null) {
                throw new ModelPackageException(file, "prompt_template is missing");
            }
            return value.isTextual() ? value.asText() : value.toString();
        }

        Map<String, Object> map(String... names) {
            JsonNode value = find(names);
            if (value == null) {
                return Map.of();
            }
            if (!value.isObject()) {
                throw new ModelPackageException(file, prefix + names[0] + " must be an object, found " + value.getNodeType());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> converted = JSON.convertValue(value, LinkedHashMap.class);
            return Collections.unmodifiableMap(converted);
        }
    }
}
