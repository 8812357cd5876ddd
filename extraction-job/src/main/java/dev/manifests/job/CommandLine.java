package dev.manifests.job;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The job's command line: {@code --local}, {@code --help}, {@code --config FILE} (a properties file) and any
 * {@code --key value} pairs, which win over the file. Keys are those of {@link JobOptions}, or any Flink
 * configuration key (e.g. {@code execution.checkpointing.dir}).
 *
 * @param configuration the merged settings
 * @param local         run on a MiniCluster with the web UI
 * @param help          print the options and stop
 */
public record CommandLine(Configuration configuration, boolean local, boolean help) {

    public static CommandLine parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        Path configFile = null;
        boolean local = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--local")) {
                local = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                String key = arg.substring(2);
                String value = args[++i];
                if (key.equals("config")) {
                    configFile = Path.of(value);
                } else {
                    flags.put(key, value);
                }
            } else {
                throw new IllegalArgumentException("expected --key value, --config FILE, --local or --help; got '"
                        + arg + "' (run with --help for the options)");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(readProperties(configFile));
        }
        merged.putAll(flags);
        return new CommandLine(Configuration.fromMap(merged), local, help);
    }

    /** Every option with its default and description. */
    public static String usage() {
        StringBuilder out = new StringBuilder(
                "usage: ManifestExtractionJob [--local] [--config FILE] [--key value ...]\n\noptions:\n");
        for (ConfigOption<?> option : JobOptions.all()) {
            out.append("  --").append(option.key());
            if (option.hasDefaultValue()) {
                out.append(" (default ").append(option.defaultValue()).append(')');
            }
            out.append("\n      ").append(new HtmlFormatter().format(option.description()))
                    .append('\n');
        }
        return out.toString();
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file " + file.toAbsolutePath(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }
}
