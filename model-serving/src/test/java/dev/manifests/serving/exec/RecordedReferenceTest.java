package dev.manifests.serving.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifests.serving.decode.PromptEncoder;
import dev.manifests.serving.decode.TextEncoder;
import dev.manifests.serving.decode.Vocabulary;
import dev.manifests.serving.pack.ModelPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled package read by DJL's libtorch on the CPU gives what PyTorch gave on the GPU it was trained on:
 * {@code reference.json} (written by {@code model-serving/python/record_reference.py} on that machine) holds a few
 * test documents' prompt ids and the tokens greedy decoding chose after them, with their log-probabilities.
 */
class RecordedReferenceTest {

    private static final Path PACKAGE = Path.of("models", "manifest-mini");
    /** float32 on two devices and two libtorch versions: sums in another order, far below any decision margin. */
    private static final double LOG_PROB_TOLERANCE = 2e-3;

    private static JsonNode reference() throws IOException {
        Path file = PACKAGE.resolve("reference.json");
        assertThat(file).as("the bundled package records its reference tokens").isRegularFile();
        return new ObjectMapper().readTree(Files.readString(file));
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @Test
    void encodesTheRecordedPromptsToTheSameIds() throws IOException {
        JsonNode reference = reference();
        ModelPackage modelPackage = ModelPackage.load(PACKAGE);
        try (TextEncoder encoder = TextEncoder.open(modelPackage.tokenizerJson())) {
            PromptEncoder prompts = new PromptEncoder(encoder, Vocabulary.read(modelPackage.tokenizerJson()));
            for (JsonNode document : reference.get("cases")) {
                assertThat(prompts.encodeNormalised(document.get("text").asText()))
                        .as("prompt ids of %s", document.get("id").asText())
                        .containsExactly(ints(document.get("prompt_ids")));
            }
        }
    }

    @Test
    void choosesTheTokensRecordedOnTheTrainingDevice() throws IOException {
        JsonNode reference = reference();
        assertThat(reference.get("cases").size()).isPositive();
        ModelPackage modelPackage = ModelPackage.load(PACKAGE);
        System.setProperty("ai.djl.offline", "true");
        try (DjlStepExecutor executor = DjlStepExecutor.load(modelPackage.stepModule(), "cpu", 1)) {
            executor.initCache(1, modelPackage.spec().architecture().maxContext());
            boolean[][] all = new boolean[1][modelPackage.spec().architecture().vocabSize()];
            Arrays.fill(all[0], true);
            executor.setMasks(all);
            for (JsonNode document : reference.get("cases")) {
                int[] prompt = ints(document.get("prompt_ids"));
                int[] expected = ints(document.get("tokens"));
                List<Integer> tokens = new ArrayList<>();
                List<Float> logProbs = new ArrayList<>();
                int[] positions = new int[prompt.length];
                Arrays.setAll(positions, i -> i);
                StepResult result = executor.step(new StepBatch(prompt, positions, new int[] {prompt.length}, new int[] {0},
                        new int[] {prompt.length - 1}, new int[] {0}));
                tokens.add(result.nextTokens()[0]);
                logProbs.add(result.logProbs()[0]);
                while (tokens.size() < expected.length) {
                    int position = prompt.length + tokens.size() - 1;
                    result = executor.step(new StepBatch(new int[] {tokens.get(tokens.size() - 1)}, new int[] {position},
                            new int[] {1}, new int[] {0}, new int[] {0}, new int[] {0}));
                    tokens.add(result.nextTokens()[0]);
                    logProbs.add(result.logProbs()[0]);
                }
                String id = document.get("id").asText();
                assertThat(tokens).as("tokens after the prompt of %s", id)
                        .containsExactly(Arrays.stream(expected).boxed().toArray(Integer[]::new));
                JsonNode recorded = document.get("log_probs");
                for (int i = 0; i < expected.length; i++) {
                    assertThat((double) logProbs.get(i)).as("log-probability of token %d of %s", i, id)
                            .isCloseTo(recorded.get(i).asDouble(), within(LOG_PROB_TOLERANCE));
                }
            }
        }
    }
}
