package dev.manifests.serving.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads an evaluation split: JSON lines, gzip-compressed when the file name ends in {@code .gz}. */
public final class LabelledDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledDocuments() {
    }

    /** The first {@code limit} documents of {@code file} (all when {@code limit <= 0}); errors name the line. */
    public static List<LabelledDocument> read(Path file, int limit) throws IOException {
        List<LabelledDocument> documents = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null && (limit <= 0 || documents.size() < limit)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                documents.add(parse(file, number, line));
            }
        }
        return documents;
    }

    private static LabelledDocument parse(Path file, int number, String line) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IOException(file + " line " + number + ": not JSON: " + e.getMessage(), e);
        }
        String id = text(file, number, node, "id");
        JsonNode target = node.get("target");
        if (target == null || target.isNull()) {
            throw new IOException(file + " line " + number + ": target is missing");
        }
        return new LabelledDocument(
                id,
                optionalText(node, "layout"),
                optionalText(node, "format"),
                node.path("heldOutLayout").asBoolean(false),
                node.path("heldOutValues").asBoolean(false),
                text(file, number, node, "text"),
                // the export may embed the answer as an object or as its canonical text
                target.isTextual() ? target.asText() : JSON.writeValueAsString(target));
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String text(Path file, int number, JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(file + " line " + number + ": " + field + " is missing or not a string");
        }
        return value.asText();
    }
}
