package dev.manifests.job;

import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/drop [--kafka.bootstrap-servers H:P] [--kafka.topic.raw T] FILE_OR_DIR...}: sends each document to the
 * raw topic with key = file name stem and headers filename, content-type, source and, when a
 * {@code <stem>.expected.json} lies beside it, expected. A folder sends the files directly in it.
 */
public final class DropDocuments {

    /** Files beside documents that hold their expected record, not documents themselves. */
    public static final String EXPECTED_SUFFIX = ".expected.json";

    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("eml", "message/rfc822"),
            Map.entry("txt", "text/plain"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"));

    private DropDocuments() {
    }

    public static void main(String[] args) throws Exception {
        List<String> flags = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                flags.add(args[i]);
                flags.add(args[++i]);
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            System.err.println("usage: bin/drop [--kafka.bootstrap-servers HOST:PORT] [--kafka.topic.raw TOPIC] FILE_OR_DIR...");
            System.exit(2);
        }
        Configuration config = CommandLine.parse(flags.toArray(String[]::new)).configuration();
        List<Path> documents = documents(inputs);
        try (KafkaProducer<byte[], byte[]> producer = producer(config.get(JobOptions.BOOTSTRAP_SERVERS))) {
            for (Path document : documents) {
                ProducerRecord<byte[], byte[]> record = record(config.get(JobOptions.RAW_TOPIC), document);
                producer.send(record).get();
                System.out.printf(Locale.ROOT, "sent %-40s %9d bytes  key=%s%s%n", document.getFileName(),
                        record.value().length, new String(record.key(), StandardCharsets.UTF_8),
                        record.headers().lastHeader(RawDocument.EXPECTED) == null ? "" : "  (audited)");
            }
        }
        System.out.println(documents.size() + " documents sent to " + config.get(JobOptions.RAW_TOPIC));
    }

    /** The documents among the inputs: files as given, and the regular files directly inside folders. */
    public static List<Path> documents(List<Path> inputs) throws IOException {
        List<Path> documents = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> files = Files.list(input)) {
                    files.filter(Files::isRegularFile)
                            .filter(file -> !file.getFileName().toString().endsWith(EXPECTED_SUFFIX))
                            .filter(file -> !file.getFileName().toString().startsWith("."))
                            .filter(file -> !file.getFileName().toString().equals("README.md"))
                            .sorted()
                            .forEach(documents::add);
                }
            } else if (Files.isRegularFile(input)) {
                documents.add(input);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + input);
            }
        }
        return documents;
    }

    /** The record for one file, as the job expects it on the raw topic. */
    public static ProducerRecord<byte[], byte[]> record(String topic, Path document) throws IOException {
        String filename = document.getFileName().toString();
        String stem = ReadRawDocument.stem(filename);
        RecordHeaders headers = new RecordHeaders();
        headers.add(RawDocument.FILENAME, utf8(filename));
        headers.add(RawDocument.CONTENT_TYPE, utf8(mediaType(filename)));
        headers.add(RawDocument.SOURCE, utf8("bin/drop"));
        Path expected = document.resolveSibling(stem + EXPECTED_SUFFIX);
        if (Files.isRegularFile(expected)) {
            headers.add(RawDocument.EXPECTED, Files.readAllBytes(expected));
        }
        return new ProducerRecord<>(topic, null, utf8(stem), Files.readAllBytes(document), headers);
    }

    static String mediaType(String filename) {
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
