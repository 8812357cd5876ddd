package dev.manifests.job;

import dev.manifests.job.extract.ExtractRecord;
import dev.manifests.job.extract.ExtractedDocument;
import dev.manifests.job.extract.ParsedDocument;
import dev.manifests.job.parse.ParseDocument;
import dev.manifests.job.sink.CompareWithExpected;
import dev.manifests.job.sink.ContainerRows;
import dev.manifests.job.sink.DocumentOutcome;
import dev.manifests.job.sink.IcebergAndKafkaSinks;
import dev.manifests.job.sink.IcebergCatalog;
import dev.manifests.job.sink.ManifestRows;
import dev.manifests.job.sink.ManifestSinks;
import dev.manifests.job.sink.ManifestTable;
import dev.manifests.job.sink.MetricsRows;
import dev.manifests.job.source.RawDocument;
import dev.manifests.job.source.ReadRawDocument;
import dev.manifests.job.validate.ValidateManifest;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The manifest extraction job: documents from Kafka, text from Tika, a record from the model, domain rules, then
 * Iceberg tables and Kafka topics. The job takes its source and sinks in the constructor: {@link #main} plugs in
 * Kafka and Iceberg as configured, tests plug in their own topics and warehouse and run the same pipeline.
 */
public final class ManifestExtractionJob {

    private final Source<RawDocument, ?, ?> source;
    private final ManifestSinks sinks;
    private final JobSettings settings;

    public ManifestExtractionJob(Source<RawDocument, ?, ?> source, ManifestSinks sinks, JobSettings settings) {
        this.source = source;
        this.sinks = sinks;
        this.settings = settings;
    }

    /** Adds the pipeline to {@code env}, one line per stage; every operator has a stable uid for savepoints. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<RawDocument> raw = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "Read documents").uid("read-documents");

        SingleOutputStreamOperator<ParsedDocument> parsed = raw
                .process(new ParseDocument(settings.parse())).name("ParseDocument").uid("parse-document");

        DataStream<ExtractedDocument> extracted = AsyncDataStream
                .unorderedWait(parsed, new ExtractRecord(settings.extractor(), settings.asyncTimeout().toMillis()),
                        settings.asyncTimeout().toMillis(), TimeUnit.MILLISECONDS, settings.asyncCapacity())
                .name("ExtractRecord").uid("extract-record");

        SingleOutputStreamOperator<DocumentOutcome> valid = extracted
                .process(new ValidateManifest(settings.validation(), settings.confidenceThreshold()))
                .name("ValidateManifest").uid("validate-manifest");

        DataStream<DocumentOutcome> deadLetters = parsed.getSideOutput(ParseDocument.FAILED)
                .union(valid.getSideOutput(ValidateManifest.DEAD_LETTERS));
        DataStream<DocumentOutcome> everyDocument = valid.union(deadLetters);

        sinks.writeTable(ManifestTable.MANIFESTS, valid
                .flatMap(new ManifestRows(settings.lineage())).returns(ManifestTable.MANIFESTS.typeInfo())
                .name("ManifestRows").uid("manifest-rows"));
        sinks.writeTable(ManifestTable.MANIFEST_CONTAINERS, valid
                .flatMap(new ContainerRows(settings.lineage())).returns(ManifestTable.MANIFEST_CONTAINERS.typeInfo())
                .name("ContainerRows").uid("container-rows"));
        sinks.writeTable(ManifestTable.EXTRACTION_METRICS, everyDocument
                .map(new MetricsRows(settings.lineage(), settings.pricing()))
                .returns(ManifestTable.EXTRACTION_METRICS.typeInfo())
                .name("MetricsRows").uid("metrics-rows"));
        sinks.writeTable(ManifestTable.EXTRACTION_ACCURACY, everyDocument
                .flatMap(new CompareWithExpected(settings.lineage()))
                .returns(ManifestTable.EXTRACTION_ACCURACY.typeInfo())
                .name("CompareWithExpected").uid("compare-with-expected"));

        deadLetters.sinkTo(sinks.deadLetters()).name("Dead letters").uid("dead-letter-sink");
        valid.filter(DocumentOutcome::forReview).name("ForReview").uid("for-review")
                .sinkTo(sinks.reviews()).name("Reviews").uid("review-sink");
    }

    /** The Kafka source of the raw topic, offsets kept in checkpoints. */
    public static KafkaSource<RawDocument> kafkaSource(ReadableConfig config) {
        return KafkaSource.<RawDocument>builder()
                .setBootstrapServers(config.get(JobOptions.BOOTSTRAP_SERVERS))
                .setTopics(config.get(JobOptions.RAW_TOPIC))
                .setGroupId(config.get(JobOptions.GROUP_ID))
                .setStartingOffsets(startingOffsets(config.get(JobOptions.STARTING_OFFSETS)))
                .setDeserializer(new ReadRawDocument())
                .setProperty("partition.discovery.interval.ms", "30000")
                .build();
    }

    /** Iceberg tables and Kafka topics as configured. */
    public static IcebergAndKafkaSinks productionSinks(ReadableConfig config) {
        return new IcebergAndKafkaSinks(catalog(config), config.get(JobOptions.BOOTSTRAP_SERVERS),
                config.get(JobOptions.DLQ_TOPIC), config.get(JobOptions.REVIEW_TOPIC),
                deliveryGuarantee(config.get(JobOptions.DELIVERY_GUARANTEE)));
    }

    public static IcebergCatalog catalog(ReadableConfig config) {
        return new IcebergCatalog(config.get(JobOptions.CATALOG_TYPE), config.get(JobOptions.WAREHOUSE),
                config.getOptional(JobOptions.REST_URI).orElse(null), config.get(JobOptions.NAMESPACE));
    }

    /** The environment: a MiniCluster with the web UI for {@code --local}, otherwise whatever cluster runs the jar. */
    public static StreamExecutionEnvironment environment(Configuration config, boolean local) {
        StreamExecutionEnvironment env;
        if (local) {
            Configuration localConfig = new Configuration(config);
            localConfig.set(RestOptions.PORT, config.get(JobOptions.WEB_PORT));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(localConfig);
        } else {
            env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        }
        env.setParallelism(config.get(JobOptions.PARALLELISM));
        env.enableCheckpointing(config.get(JobOptions.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    /**
     * {@code [--local] [--config FILE] [--key value ...]}: runs the job against the configured Kafka and catalog,
     * creating missing tables first. {@code --help} lists every option.
     */
    public static void main(String[] args) throws Exception {
        CommandLine commandLine = CommandLine.parse(args);
        if (commandLine.help()) {
            System.out.println(CommandLine.usage());
            return;
        }
        Configuration config = commandLine.configuration();
        catalog(config).createMissingTables();
        StreamExecutionEnvironment env = environment(config, commandLine.local());
        new ManifestExtractionJob(kafkaSource(config), productionSinks(config), JobSettings.from(config)).build(env);
        env.execute("manifest-extraction");
    }

    static OffsetsInitializer startingOffsets(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "committed-or-earliest" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> throw new IllegalArgumentException(JobOptions.STARTING_OFFSETS.key()
                    + " must be committed-or-earliest, earliest or latest, got " + value);
        };
    }

    static DeliveryGuarantee deliveryGuarantee(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            default -> throw new IllegalArgumentException(JobOptions.DELIVERY_GUARANTEE.key()
                    + " must be at-least-once or exactly-once, got " + value);
        };
    }
}
