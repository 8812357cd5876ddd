package dev.manifests.job.it;

import dev.manifests.deploy.LocalKafkaBroker;
import dev.manifests.job.AwaitDocuments;
import dev.manifests.job.DropDocuments;
import dev.manifests.job.JobOptions;
import dev.manifests.job.JobSettings;
import dev.manifests.job.ManifestExtractionJob;
import dev.manifests.job.sink.IcebergAndKafkaSinks;
import dev.manifests.job.sink.IcebergCatalog;
import dev.manifests.job.sink.ManifestTable;
import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production pipeline cancelled after a checkpoint, with documents still in flight, and started again from
 * that checkpoint: the Iceberg sink commits on checkpoints and the Kafka offsets live in them, so every document
 * lands in the tables exactly once.
 */
class RestoreFromCheckpointTest {

    /** Text documents only, so the test spends its time on the model and not on OCR. */
    static final List<String> EXTENSIONS = List.of("txt", "eml", "docx", "xlsx");
    static final int DOCUMENTS = 8;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    static Path testFolder;
    static LocalKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        testFolder = ExtractionPipelineTest.moduleFolder().resolve("target").resolve("restore-" + UUID.randomUUID());
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
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void landsEachDocumentOnceAfterRestoreFromCheckpoint() throws Exception {
        Path root = ExtractionPipelineTest.repositoryRoot();
        Path modelPackage = ExtractionPipelineTest.modelPackage(root);
        List<Path> documents = DropDocuments.documents(List.of(root.resolve("samples/documents"))).stream()
                .filter(file -> EXTENSIONS.stream().anyMatch(ext -> file.getFileName().toString().endsWith("." + ext)))
                .limit(DOCUMENTS).toList();
        assertThat(documents).hasSize(DOCUMENTS);
        List<String> ids = documents.stream().map(file -> ReadRawDocument.stem(file.getFileName().toString())).toList();

        String raw = "raw-" + UUID.randomUUID();
        broker.createTopics(List.of(raw, "dlq-" + raw, "review-" + raw), 1);
        produce(raw, documents);

        Configuration config = new Configuration();
        config.set(JobOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        config.set(JobOptions.WAREHOUSE, testFolder.resolve("warehouse").toString());
        config.set(JobOptions.MODEL_PACKAGE, modelPackage.toString());
        // two documents in flight at a time, so they are answered in waves and a checkpoint falls between them
        config.set(JobOptions.ASYNC_CAPACITY, 2);
        IcebergCatalog catalog = ManifestExtractionJob.catalog(config);
        catalog.createMissingTables();
        Path checkpoints = testFolder.resolve("checkpoints");

        // first run: cancelled as soon as a checkpoint has committed some documents, while the rest are in flight
        JobClient first = start(config, catalog, raw, checkpoints, null);
        long committed = AwaitDocuments.await(catalog, 1, Duration.ofMinutes(4));
        assertThat(committed).as("documents committed before the cancel").isPositive();
        first.cancel().get(1, TimeUnit.MINUTES);
        awaitStatus(first, JobStatus.CANCELED);
        Path checkpoint = latestCheckpoint(checkpoints.resolve(first.getJobID().toString()))
                .orElseThrow(() -> new AssertionError("no retained checkpoint under " + checkpoints));
        long committedAtCancel = rows(catalog, ManifestTable.EXTRACTION_METRICS).size();
        assertThat(committedAtCancel).as("documents committed at the cancel, fewer than sent so the restore has work")
                .isLessThan(DOCUMENTS);
        System.out.printf("cancelled with %d of %d documents committed; restoring from %s%n", committedAtCancel,
                DOCUMENTS, checkpoint);

        // second run: the same pipeline restored from that checkpoint, until every document is accounted for
        JobClient second = start(config, catalog, raw, checkpoints, checkpoint);
        long seen = AwaitDocuments.await(catalog, DOCUMENTS, Duration.ofMinutes(4));
        // each table's committer commits when it hears the checkpoint is complete, one after the other: wait until
        // the container table has caught up with the manifests table before cancelling (a lost row still fails below)
        awaitContainerCommits(catalog, Duration.ofMinutes(1));
        second.cancel().get(1, TimeUnit.MINUTES);
        awaitStatus(second, JobStatus.CANCELED);
        assertThat(seen).as("documents accounted for after the restore").isGreaterThanOrEqualTo(DOCUMENTS);

        List<Record> metrics = rows(catalog, ManifestTable.EXTRACTION_METRICS);
        assertThat(metrics).extracting(r -> (String) r.getField("document_id"))
                .as("one extraction_metrics row per document").containsExactlyInAnyOrderElementsOf(ids);
        List<String> valid = metrics.stream().filter(r -> List.of("EXTRACTED", "REVIEW").contains((String) r.getField("status")))
                .map(r -> (String) r.getField("document_id")).toList();
        assertThat(valid).as("valid documents").isNotEmpty();
        List<Record> manifests = rows(catalog, ManifestTable.MANIFESTS);
        assertThat(manifests).extracting(r -> (String) r.getField("document_id"))
                .as("one manifests row per valid document").containsExactlyInAnyOrderElementsOf(valid);
        Map<String, Integer> statedContainers = manifests.stream().collect(Collectors.toMap(
                r -> (String) r.getField("document_id"), r -> (Integer) r.getField("totals_container_count")));
        Map<String, Long> containerRows = rows(catalog, ManifestTable.MANIFEST_CONTAINERS).stream()
                .collect(Collectors.groupingBy(r -> (String) r.getField("document_id"), Collectors.counting()));
        statedContainers.forEach((id, stated) -> assertThat(containerRows.getOrDefault(id, 0L))
                .as(id + " container rows, once each").isEqualTo(stated.longValue()));
    }

    /** Starts the production pipeline on the MiniCluster, from {@code restoreFrom} when it is given. */
    private static JobClient start(Configuration options, IcebergCatalog catalog, String raw, Path checkpoints,
                                   Path restoreFrom) throws Exception {
        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restoreFrom != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(1000, CheckpointingMode.EXACTLY_ONCE);
        KafkaSource<RawDocument> source = KafkaSource.<RawDocument>builder()
                .setBootstrapServers(broker.bootstrapServers())
                .setTopics(raw)
                .setGroupId("restore-" + raw)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ReadRawDocument())
                .build();
        IcebergAndKafkaSinks sinks = new IcebergAndKafkaSinks(catalog, broker.bootstrapServers(), "dlq-" + raw,
                "review-" + raw, DeliveryGuarantee.AT_LEAST_ONCE);
        new ManifestExtractionJob(source, sinks, JobSettings.from(options)).build(env);
        return env.executeAsync("restore-from-checkpoint-test");
    }

    private static void awaitStatus(JobClient job, JobStatus status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        JobStatus current = job.getJobStatus().get(10, TimeUnit.SECONDS);
        while (current != status && System.nanoTime() < deadline) {
            current = job.getJobStatus().get(10, TimeUnit.SECONDS);
        }
        assertThat(current).isEqualTo(status);
    }

    /** The newest complete checkpoint (one with its metadata written) of a job. */
    private static Optional<Path> latestCheckpoint(Path jobCheckpoints) throws IOException {
        if (!Files.isDirectory(jobCheckpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(jobCheckpoints)) {
            return entries.filter(dir -> dir.getFileName().toString().startsWith("chk-"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("_metadata")))
                    .max(Comparator.comparingLong(dir -> Long.parseLong(dir.getFileName().toString().substring(4))));
        }
    }

    private static void produce(String topic, List<Path> documents) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Path document : documents) {
                producer.send(DropDocuments.record(topic, document)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Polls until every manifests row has as many container rows as it states, or the deadline passes. */
    private static void awaitContainerCommits(IcebergCatalog catalog, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Long> containerRows = rows(catalog, ManifestTable.MANIFEST_CONTAINERS).stream()
                    .collect(Collectors.groupingBy(r -> (String) r.getField("document_id"), Collectors.counting()));
            boolean caughtUp = rows(catalog, ManifestTable.MANIFESTS).stream().allMatch(r -> containerRows.getOrDefault(
                    (String) r.getField("document_id"), 0L) == ((Integer) r.getField("totals_container_count")).longValue());
            if (caughtUp) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private static List<Record> rows(IcebergCatalog catalog, ManifestTable table) throws IOException {
        Table loaded = catalog.loader().loadCatalog().loadTable(catalog.identifier(table));
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(loaded).build()) {
            records.forEach(rows::add);
        }
        return rows;
    }
}
