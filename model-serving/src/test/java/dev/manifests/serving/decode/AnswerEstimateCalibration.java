package dev.manifests.serving.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Measures how well {@link AnswerLengthEstimate} bounds the answers of an exported training file, and which header
 * and per-container constants would cover a given share of its documents, and how many documents the split rule
 * reads in parts. Run from model-serving after {@code mvn test-compile}:
 *
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt) \
 *     dev.manifests.serving.decode.AnswerEstimateCalibration ../.carry/train.jsonl.gz models/manifest-mini/tokenizer.json
 * </pre>
 */
public final class AnswerEstimateCalibration {

    private static final double COVERAGE = 0.995;

    private AnswerEstimateCalibration() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path tokenizer = Path.of(args.length > 1 ? args[1] : "models/manifest-mini/tokenizer.json");
        ObjectMapper json = new ObjectMapper();
        List<int[]> rows = new ArrayList<>();
        try (TextEncoder encoder = TextEncoder.open(tokenizer);
                BufferedReader lines = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode record = json.readTree(line);
                String text = record.get("text").asText();
                // the answer as the model writes it, then the eos that ends it
                int answer = encoder.encode(record.get("target").asText()).length + 1;
                int truthContainers = record.get("target").asText().split("\"containerNumber\"", -1).length - 1;
                rows.add(new int[] {answer, AnswerLengthEstimate.containersIn(text), truthContainers,
                        encoder.encode(text).length});
            }
        }
        int n = rows.size();
        if (args.length > 2) {
            // answer tokens, containers in the text, containers in the truth, text tokens: one document a line
            List<String> csv = new ArrayList<>();
            rows.forEach(row -> csv.add(row[0] + "," + row[1] + "," + row[2] + "," + row[3]));
            Files.write(Path.of(args[2]), csv);
        }
        AnswerLengthEstimate current = AnswerLengthEstimate.calibrated();
        int covered = 0;
        int missedCount = 0;
        long over = 0;
        for (int[] row : rows) {
            int estimate = current.estimate(row[1]);
            if (estimate >= row[0]) {
                covered++;
                over += estimate - row[0];
            }
            if (row[1] != row[2]) {
                missedCount++;
            }
        }
        System.out.printf(Locale.ROOT, "%d documents; container count from text differs from truth in %d%n", n, missedCount);
        System.out.printf(Locale.ROOT, "current constants header=%d perContainer=%d: cover %.4f, mean slack %.1f tokens%n",
                current.headerTokens(), current.tokensPerContainer(), covered / (double) n, over / (double) Math.max(1, covered));
        int context = 2048;
        int need = 0;
        int splitByEstimate = 0;
        int splitNeedlessly = 0;
        int wholeButOver = 0;
        for (int[] row : rows) {
            boolean needs = row[3] + PromptEncoder.FRAME_TOKENS + row[0] > context;
            boolean byEstimate = row[3] + PromptEncoder.FRAME_TOKENS + current.estimate(row[1]) > context;
            need += needs ? 1 : 0;
            splitByEstimate += byEstimate ? 1 : 0;
            splitNeedlessly += byEstimate && !needs ? 1 : 0;
            wholeButOver += needs && !byEstimate ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "context %d: %d documents need parts (prompt + answer over it), %d split by the"
                + " estimate, %d of them needlessly, %d read whole that do not fit%n", context, need, splitByEstimate,
                splitNeedlessly, wholeButOver);
        System.out.println("perContainer  header(for " + COVERAGE + ")  meanSlack");
        for (int slope = 100; slope <= 160; slope += 4) {
            int[] residual = new int[n];
            for (int i = 0; i < n; i++) {
                residual[i] = rows.get(i)[0] - slope * rows.get(i)[1];
            }
            Arrays.sort(residual);
            int header = residual[(int) Math.ceil(COVERAGE * n) - 1];
            long slack = 0;
            for (int[] row : rows) {
                slack += Math.max(0, header + slope * row[1] - row[0]);
            }
            System.out.printf(Locale.ROOT, "%12d  %20d  %9.1f%n", slope, header, slack / (double) n);
        }
    }
}
