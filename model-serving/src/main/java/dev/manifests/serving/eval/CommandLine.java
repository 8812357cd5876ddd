package dev.manifests.serving.eval;

import dev.manifests.serving.decode.DecodeOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} options of the evaluation and benchmark commands, checked against the known names. */
public final class CommandLine {

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    public static CommandLine parse(String[] args, String... known) {
        Map<String, String> values = new HashMap<>();
        List<String> names = List.of(known);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; known: " + String.join(" ", names));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return new CommandLine(values);
    }

    /**
     * The decode options with the answer limits and copying the command line sets ({@code --max-string-tokens},
     * {@code --max-array-items}, {@code --copy-candidates}, {@code --copy-margin}), the others as given.
     */
    public DecodeOptions decodeOptions(DecodeOptions base) {
        return base.withMaxStringTokens(integer("--max-string-tokens", base.maxStringTokens()))
                .withMaxArrayItems(integer("--max-array-items", base.maxArrayItems()))
                .withCopyCandidates(integer("--copy-candidates", base.copyCandidates()))
                .withCopyMarginNats(Double.parseDouble(text("--copy-margin", Double.toString(base.copyMarginNats()))));
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public Path path(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return Path.of(value);
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value, e);
        }
    }

    /** A comma-separated list of whole numbers, e.g. {@code 1,4,8,16}. */
    public int[] integers(String name, int[] fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        String[] parts = value.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be whole numbers separated by commas, was " + value, e);
            }
        }
        return out;
    }
}
