package dev.manifests.job.it;

import dev.manifests.deploy.LocalKafkaBroker;
import dev.manifests.job.DropDocuments;
import dev.manifests.job.JobOptions;
import dev.manifests.job.JobSettings;
import dev.manifests.job.ManifestExtractionJob;
import dev.manifests.job.PrintDeadLetters;
import dev.manifests.job.PrintDeadLetters.DeadLetter;
import dev.manifests.job.parse.DocumentParser;
import dev.manifests.job.sink.IcebergAndKafkaSinks;
import dev.manifests.job.sink.IcebergCatalog;
import dev.manifests.job.sink.ManifestTable;
import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import dev.manifests.serving.pack.ModelPackage;
import dev.manifests.serving.pack.ModelSpec;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The whole pipeline on a MiniCluster against a real Kafka broker, real Iceberg tables, Tika and the real model
 * package: one sample document of each format plus the failing ones, then every table and the dead letters are
 * read back. The assertions hold for any model whose answers fit the schema (statuses, counts, lineage, dead
 * letters); none depends on the model extracting the right values.
 */
class ExtractionPipelineTest {

    /**
     * The model package the test runs: the committed manifest-mini, or the folder named by the system property
     * {@value #MODEL_PACKAGE_PROPERTY} (e.g. {@code mvn -B verify -Dmanifests.model.package=model-serving/models/dev/manifest-mini-dev}).
     * Its absence fails the test: the pipeline is not tested without a model.
     */
    static final String MODEL_PACKAGE = "model-serving/models/manifest-mini";
    static final String MODEL_PACKAGE_PROPERTY = "manifests.model.package";

    static final long MAX_BYTES = 1024 * 1024;

    /** One document of each format (the first sample of each extension) and the failing samples. */
    static final Set<String> FORMATS = Set.of("pdf", "docx", "xlsx", "eml", "png", "tiff", "txt");
    static final List<String> FAILING = List.of("empty.pdf", "encrypted.pdf", "oversized.pdf", "truncated.pdf",
            "totals-disagree.txt");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    static Path root;
    static Path testFolder;
    static LocalKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        root = repositoryRoot();
        testFolder = Path.of("target", "it-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(testFolder);
        broker = LocalKafkaBroker.start(LocalKafkaBroker.Options.in(testFolder.resolve("kafka")));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void extractsEveryFormatAndAccountsForEveryFailure() throws Exception {
        Path modelPackage = root.resolve(System.getProperty(MODEL_PACKAGE_PROPERTY, MODEL_PACKAGE));
        if (!Files.isRegularFile(modelPackage.resolve(ModelPackage.MODEL_JSON))) {
            fail("the pipeline test runs the real model, and there is no model package at " + modelPackage
                    + " (no model.json): export one with model-serving/python, or name another with -D" + MODEL_PACKAGE_PROPERTY + "=FOLDER");
        }
        ModelSpec model = ModelPackage.load(modelPackage).spec();
        Map<String, Path> documents = documents(root.resolve("samples/documents"));

        String raw = "raw-" + UUID.randomUUID();
        String dlq = "dlq-" + UUID.randomUUID();
        String review = "review-" + UUID.randomUUID();
        broker.createTopics(List.of(raw, dlq, review), 1);
        Map<String, ProducerRecord<byte[], byte[]>> sent = produce(raw, documents);

        Configuration config = new Configuration();
        config.set(JobOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        config.set(JobOptions.WAREHOUSE, testFolder.resolve("warehouse").toString());
        config.set(JobOptions.MODEL_PACKAGE, modelPackage.toString());
        IcebergCatalog catalog = ManifestExtractionJob.catalog(config);
        catalog.createMissingTables();
        JobSettings settings = JobSettings.from(config);
        settings = settings.withParse(settings.parse().withMaxBytes(MAX_BYTES));

        // the production pipeline, with a source that stops at the end of what was sent, so the job finishes and
        // its last Iceberg commit happens at end of input
        KafkaSource<RawDocument> source = KafkaSource.<RawDocument>builder()
                .setBootstrapServers(broker.bootstrapServers())
                .setTopics(raw)
                .setGroupId("it-" + raw)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new ReadRawDocument())
                .build();
        IcebergAndKafkaSinks sinks = new IcebergAndKafkaSinks(catalog, broker.bootstrapServers(), dlq, review,
                DeliveryGuarantee.AT_LEAST_ONCE);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(2000, CheckpointingMode.EXACTLY_ONCE);
        new ManifestExtractionJob(source, sinks, settings).build(env);
        long started = System.nanoTime();
        env.execute("extraction-pipeline-test");
        System.out.printf(Locale.ROOT, "pipeline ran %d documents in %.1f s%n", documents.size(),
                (System.nanoTime() - started) / 1e9);

        Map<String, Record> metrics = byDocument(read(catalog, ManifestTable.EXTRACTION_METRICS));
        List<Record> manifests = read(catalog, ManifestTable.MANIFESTS);
        List<Record> containers = read(catalog, ManifestTable.MANIFEST_CONTAINERS);
        List<Record> accuracy = read(catalog, ManifestTable.EXTRACTION_ACCURACY);
        Map<String, DeadLetter> deadLetters = PrintDeadLetters.readAll(broker.bootstrapServers(), dlq,
                Duration.ofSeconds(30)).stream().collect(Collectors.toMap(DeadLetter::key, letter -> letter));

        metrics.forEach((id, row) -> System.out.printf(Locale.ROOT, "%-45s %-9s %-8s %s%n", id, row.getField("status"),
                row.getField("failed_step"), row.getField("reason")));

        // every document is accounted for exactly once in extraction_metrics
        assertThat(read(catalog, ManifestTable.EXTRACTION_METRICS)).hasSize(documents.size());
        assertThat(metrics.keySet()).isEqualTo(documents.keySet());

        // the broken files fail at parse, with the reason, and reach the dead letters as they were sent
        assertParseFailure(metrics, deadLetters, sent, "empty", "zero-byte document");
        assertParseFailure(metrics, deadLetters, sent, "encrypted", "encrypted");
        assertParseFailure(metrics, deadLetters, sent, "oversized", "over the 1 MiB limit");
        assertParseFailure(metrics, deadLetters, sent, "truncated", "corrupt or unreadable");

        // every readable sample gets past Tika and is answered by the model: a record or a rule broken
        for (String id : documents.keySet()) {
            if (Set.of("empty", "encrypted", "oversized", "truncated").contains(id)) {
                continue;
            }
            Record row = metrics.get(id);
            assertThat(row.getField("failed_step")).as(id + " parsed").isNotEqualTo("parse");
            assertThat((Integer) row.getField("text_chars")).as(id + " text").isPositive();
            // the engine forces the schema's structure, so any model answers every readable document
            assertThat(row.getField("failed_step")).as(id + " answered by the model, but: " + row.getField("reason"))
                    .isNotEqualTo("extract");
            assertThat((Integer) row.getField("tokens_in")).as(id + " prompt tokens").isPositive();
            assertThat((Integer) row.getField("tokens_out")).as(id + " answer tokens").isPositive();
            assertThat((Double) row.getField("device_millis")).as(id + " device time").isPositive();
            assertThat((Double) row.getField("cost_usd")).as(id + " device cost").isPositive();
            assertThat((Double) row.getField("hosted_llm_cost_usd")).as(id + " hosted price").isPositive();
        }

        // valid documents: one manifests row with lineage, containers indexed 0..n-1; the rest: one dead letter each
        Map<String, Record> manifestById = byDocument(manifests);
        Map<String, List<Integer>> containerIndexes = containers.stream().collect(Collectors.groupingBy(
                r -> (String) r.getField("document_id"), TreeMap::new,
                Collectors.mapping(r -> (Integer) r.getField("container_index"), Collectors.toList())));
        assertThat(manifests).hasSize(manifestById.size());
        for (Map.Entry<String, Record> entry : metrics.entrySet()) {
            String id = entry.getKey();
            String status = (String) entry.getValue().getField("status");
            if (status.equals("EXTRACTED") || status.equals("REVIEW")) {
                Record manifest = manifestById.get(id);
                assertThat(manifest).as(id + " manifests row").isNotNull();
                assertThat(manifest.getField("status")).isEqualTo(status);
                assertLineage(manifest, documents.get(id), sent.get(id), model);
                assertThat(deadLetters).as(id + " is valid").doesNotContainKey(id);
                List<Integer> indexes = containerIndexes.getOrDefault(id, List.of());
                assertThat(indexes).as(id + " container indexes")
                        .containsExactlyInAnyOrderElementsOf(Stream.iterate(0, i -> i + 1).limit(indexes.size()).toList());
            } else {
                assertThat(manifestById).as(id + " is not valid").doesNotContainKey(id);
                assertThat(containerIndexes).doesNotContainKey(id);
                DeadLetter letter = deadLetters.get(id);
                assertThat(letter).as(id + " dead letter").isNotNull();
                assertThat(letter.step().toLowerCase(Locale.ROOT)).isEqualTo(entry.getValue().getField("failed_step"));
                assertThat(letter.reason()).isEqualTo(entry.getValue().getField("reason"));
                assertThat(letter.bytes()).isEqualTo(sent.get(id).value());
                assertThat(letter.headers()).containsEntry(RawDocument.FILENAME, documents.get(id).getFileName().toString());
                if (status.equals("INVALID")) {
                    assertThat(letter.step()).isEqualTo("VALIDATE");
                    assertThat(letter.extractedJson()).as(id + " model JSON travels with the dead letter").isNotBlank();
                }
            }
            assertLineage(entry.getValue(), documents.get(id), sent.get(id), model);
        }
        assertThat(deadLetters).hasSize(metrics.size() - manifests.size());

        // audited documents (an expected.json beside them) get one accuracy row per field, and only they do
        Set<String> audited = sent.entrySet().stream()
                .filter(e -> e.getValue().headers().lastHeader(RawDocument.EXPECTED) != null)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(audited).isNotEmpty();
        Map<String, List<Record>> accuracyById = accuracy.stream()
                .collect(Collectors.groupingBy(r -> (String) r.getField("document_id")));
        assertThat(accuracyById.keySet()).isEqualTo(audited);
        assertThat(accuracy).allSatisfy(field -> assertThat((String) field.getField("field_path")).isNotBlank());
        assertThat(accuracyById.get("totals-disagree")).extracting(r -> (String) r.getField("field_path"))
                .contains("billOfLadingNumber", "shipper.name", "totals.grossWeightKg");
    }

    private static void assertParseFailure(Map<String, Record> metrics, Map<String, DeadLetter> deadLetters,
                                           Map<String, ProducerRecord<byte[], byte[]>> sent, String id, String reason) {
        Record row = metrics.get(id);
        assertThat(row.getField("status")).as(id + " status").isEqualTo("FAILED");
        assertThat(row.getField("failed_step")).as(id + " step").isEqualTo("parse");
        assertThat((String) row.getField("reason")).as(id + " reason").contains(reason);
        assertThat((Integer) row.getField("tokens_in")).isZero();
        assertThat((Double) row.getField("cost_usd")).isZero();
        DeadLetter letter = deadLetters.get(id);
        assertThat(letter).as(id + " dead letter").isNotNull();
        assertThat(letter.step()).isEqualTo("PARSE");
        assertThat(letter.reason()).contains(reason);
        assertThat(letter.bytes()).as(id + " original bytes").isEqualTo(sent.get(id).value());
        assertThat(letter.extractedJson()).isNull();
    }

    private static void assertLineage(Record row, Path document, ProducerRecord<byte[], byte[]> sent, ModelSpec model) {
        assertThat(row.getField("topic")).asString().startsWith("raw-");
        assertThat((Integer) row.getField("partition")).isZero();
        assertThat((Long) row.getField("offset")).isNotNegative();
        assertThat(row.getField("sha256")).isEqualTo(ReadRawDocument.sha256(sent.value()));
        assertThat(row.getField("filename")).isEqualTo(document.getFileName().toString());
        assertThat(row.getField("tika_version")).isEqualTo(DocumentParser.tikaVersion());
        assertThat(row.getField("model_name")).isEqualTo(model.name());
        assertThat(row.getField("model_version")).isEqualTo(model.version());
        assertThat(row.getField("schema_version")).isEqualTo("1.0");
        assertThat(row.getField("ingested_at")).isNotNull();
    }

    /** Document id (file name stem) to file: the first sample of each format, then the failing ones. */
    private static Map<String, Path> documents(Path samples) throws IOException {
        if (!Files.isDirectory(samples)) {
            fail("no sample documents at " + samples + ": they are generated by the samples module and committed");
        }
        Map<String, Path> byFormat = new TreeMap<>();
        for (Path file : DropDocuments.documents(List.of(samples))) {
            String name = file.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (FORMATS.contains(extension)) {
                byFormat.putIfAbsent(extension, file);
            }
        }
        assertThat(byFormat.keySet()).as("a sample of every format").isEqualTo(FORMATS);
        Map<String, Path> documents = new LinkedHashMap<>();
        byFormat.values().forEach(file -> documents.put(ReadRawDocument.stem(file.getFileName().toString()), file));
        for (String name : FAILING) {
            Path file = samples.resolve("failing").resolve(name);
            assertThat(file).as("failing sample").exists();
            documents.put(ReadRawDocument.stem(name), file);
        }
        return documents;
    }

    /** Sends every document as bin/drop would and keeps what was sent, so the checks compare with those bytes. */
    private static Map<String, ProducerRecord<byte[], byte[]>> produce(String topic, Map<String, Path> documents)
            throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        Map<String, ProducerRecord<byte[], byte[]>> sent = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, Path> document : documents.entrySet()) {
                ProducerRecord<byte[], byte[]> record = DropDocuments.record(topic, document.getValue());
                producer.send(record).get(30, TimeUnit.SECONDS);
                sent.put(document.getKey(), record);
            }
        }
        return sent;
    }

    private static List<Record> read(IcebergCatalog catalog, ManifestTable table) throws IOException {
        Catalog loaded = catalog.loader().loadCatalog();
        Table loadedTable = loaded.loadTable(catalog.identifier(table));
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(loadedTable).build()) {
            records.forEach(rows::add);
        }
        return rows;
    }

    private static Map<String, Record> byDocument(List<Record> rows) {
        Map<String, Record> byId = new TreeMap<>();
        for (Record row : rows) {
            byId.put((String) row.getField("document_id"), row);
        }
        return byId;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("model-serving")) && Files.isDirectory(dir.resolve("extraction-job"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the test inside the repository");
    }
}
