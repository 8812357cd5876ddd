package dev.manifests.job;

import dev.manifests.job.parse.ParseOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of the extraction job, with its default and what it is for. Read once in {@code main} from
 * {@code --key value} flags and/or a properties file ({@code --config FILE}); flags win over the file. The defaults
 * run local mode from a fresh clone; production values come from the file.
 */
public final class JobOptions {

    private JobOptions() {
    }

    // ---- Kafka

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers, host:port[,host:port].");

    public static final ConfigOption<String> RAW_TOPIC = ConfigOptions.key("kafka.topic.raw")
            .stringType().defaultValue("manifests.raw")
            .withDescription("Topic the documents arrive on (key: document id, value: file bytes).");

    public static final ConfigOption<String> DLQ_TOPIC = ConfigOptions.key("kafka.topic.dlq")
            .stringType().defaultValue("manifests.dlq")
            .withDescription("Topic of dead letters: original bytes and headers plus dlq.step, dlq.reason, "
                    + "dlq.document-id and dlq.extracted-json.");

    public static final ConfigOption<String> REVIEW_TOPIC = ConfigOptions.key("kafka.topic.review")
            .stringType().defaultValue("manifests.review")
            .withDescription("Topic of valid records with a field below the confidence threshold, for a person to check.");

    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType().defaultValue("manifest-extraction")
            .withDescription("Consumer group of the source; offsets live in Flink checkpoints and are also "
                    + "committed to this group on every checkpoint for monitoring.");

    public static final ConfigOption<String> STARTING_OFFSETS = ConfigOptions.key("kafka.starting-offsets")
            .stringType().defaultValue("committed-or-earliest")
            .withDescription("Where a job without a checkpoint starts reading: committed-or-earliest, earliest or latest.");

    public static final ConfigOption<String> DELIVERY_GUARANTEE = ConfigOptions.key("kafka.sink.delivery-guarantee")
            .stringType().defaultValue("at-least-once")
            .withDescription("Delivery of dead letters and review records: at-least-once (default: a replay after a "
                    + "restore may repeat a record, keyed by document id so consumers can drop repeats, and records "
                    + "are visible at once) or exactly-once (Kafka transactions committed on checkpoint; consumers "
                    + "must read with isolation.level=read_committed and see records only after the checkpoint).");

    // ---- Iceberg

    public static final ConfigOption<String> CATALOG_TYPE = ConfigOptions.key("iceberg.catalog-type")
            .stringType().defaultValue("hadoop")
            .withDescription("Iceberg catalog: hadoop (tables in a folder or object store path, iceberg.warehouse) "
                    + "or rest (a REST catalog at iceberg.rest-uri).");

    public static final ConfigOption<String> WAREHOUSE = ConfigOptions.key("iceberg.warehouse")
            .stringType().defaultValue("./work/warehouse")
            .withDescription("Warehouse location: a local folder or a URI (file:, s3a:, hdfs:). Required for "
                    + "hadoop; passed on to a rest catalog when set.");

    public static final ConfigOption<String> REST_URI = ConfigOptions.key("iceberg.rest-uri")
            .stringType().noDefaultValue()
            .withDescription("URI of the Iceberg REST catalog, for iceberg.catalog-type=rest.");

    public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("iceberg.namespace")
            .stringType().defaultValue("shipping")
            .withDescription("Namespace (database) of the tables manifests, manifest_containers, "
                    + "extraction_metrics and extraction_accuracy.");

    // ---- model and engine

    public static final ConfigOption<String> MODEL_PACKAGE = ConfigOptions.key("model.package")
            .stringType().defaultValue("model-serving/models/manifest-mini")
            .withDescription("Folder of the model package (model.json, tokenizer.json, step.pt). On a cluster it "
                    + "must exist at this path on every TaskManager.");

    public static final ConfigOption<String> DEVICE = ConfigOptions.key("model.device")
            .stringType().defaultValue("cpu")
            .withDescription("Where decoding steps run: cpu, cuda, cuda:N, or executor:HOST:PORT for a step "
                    + "executor process next to the TaskManager.");

    public static final ConfigOption<Integer> ENGINE_BATCH = ConfigOptions.key("engine.batch-size")
            .intType().defaultValue(8)
            .withDescription("KV slots of the shared engine: documents decoded at once in one continuous batch "
                    + "(every subtask of a TaskManager joins the same batch).");

    public static final ConfigOption<Integer> ENGINE_STEP_TOKENS = ConfigOptions.key("engine.max-step-tokens")
            .intType().defaultValue(256)
            .withDescription("Token budget of one decoding step, shared by prompt chunks and decoded tokens.");

    public static final ConfigOption<Integer> ENGINE_QUEUE = ConfigOptions.key("engine.queue-capacity")
            .intType().defaultValue(64)
            .withDescription("Documents that may wait for a batch slot; beyond that the engine refuses at once. "
                    + "Keep extract.async-capacity times the subtasks per TaskManager at or below this.");

    public static final ConfigOption<Integer> ENGINE_LANES = ConfigOptions.key("engine.lanes")
            .intType().defaultValue(1)
            .withDescription("Step loops of the shared engine, each with its own copy of the model, KV cache and "
                    + "engine.batch-size slots, and each keeping one CPU core busy: raise it to the TaskManager's "
                    + "spare cores on the CPU, keep 1 on a GPU.");

    // ---- parse limits

    public static final ConfigOption<Long> PARSE_MAX_BYTES = ConfigOptions.key("parse.max-bytes")
            .longType().defaultValue(ParseOptions.DEFAULT_MAX_BYTES)
            .withDescription("Largest document Tika will open, in bytes; larger ones become dead letters.");

    public static final ConfigOption<Integer> PARSE_MAX_CHARS = ConfigOptions.key("parse.max-chars")
            .intType().defaultValue(ParseOptions.DEFAULT_MAX_CHARS)
            .withDescription("Most characters of text taken from one document.");

    public static final ConfigOption<Duration> PARSE_TIMEOUT = ConfigOptions.key("parse.timeout")
            .durationType().defaultValue(Duration.ofMillis(ParseOptions.DEFAULT_TIMEOUT_MILLIS))
            .withDescription("Longest one parse may take (OCR of scans included).");

    public static final ConfigOption<Boolean> OCR_ENABLED = ConfigOptions.key("parse.ocr-enabled")
            .booleanType().defaultValue(ParseOptions.DEFAULT_OCR_ENABLED)
            .withDescription("Read images and image-only PDF pages with Tesseract when it is installed.");

    public static final ConfigOption<String> OCR_LANGUAGE = ConfigOptions.key("parse.ocr-language")
            .stringType().defaultValue(ParseOptions.DEFAULT_OCR_LANGUAGE)
            .withDescription("Tesseract languages, e.g. eng or eng+deu.");

    public static final ConfigOption<Integer> OCR_PAGE_SEGMENTATION = ConfigOptions.key("parse.ocr-page-segmentation")
            .intType().defaultValue(ParseOptions.DEFAULT_OCR_PAGE_SEGMENTATION)
            .withDescription("Tesseract page segmentation mode (0-13). 6 reads a page as one block, so a form's rows "
                    + "come out across the page as from a text PDF; 1 and 3 read its columns one after another.");

    public static final ConfigOption<Boolean> OCR_ERASE_RULED_LINES = ConfigOptions.key("parse.ocr-erase-ruled-lines")
            .booleanType().defaultValue(ParseOptions.DEFAULT_OCR_ERASE_RULED_LINES)
            .withDescription("Erase the ruled lines of forms and tables from scans before OCR; Tesseract drops "
                    + "grid-lined tables or reads their borders as noise.");

    public static final ConfigOption<Integer> PARSE_THREADS = ConfigOptions.key("parse.threads")
            .intType().defaultValue(ParseOptions.DEFAULT_PARSE_THREADS)
            .withDescription("Parse threads per subtask; a parse that overruns its time keeps its thread until "
                    + "Tika lets go.");

    // ---- async extraction

    public static final ConfigOption<Duration> ASYNC_TIMEOUT = ConfigOptions.key("extract.async-timeout")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("Longest a document may wait for its answer (queue and decoding); then it becomes "
                    + "a dead letter of step EXTRACT.");

    public static final ConfigOption<Integer> ASYNC_CAPACITY = ConfigOptions.key("extract.async-capacity")
            .intType().defaultValue(16)
            .withDescription("Documents in flight per subtask; when reached, Flink back-pressures the source.");

    // ---- job

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("job.checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Checkpoint interval: Iceberg commits and Kafka offsets follow it, so rows appear "
                    + "in the tables at most this long after their documents are done.");

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("job.parallelism")
            .intType().defaultValue(1)
            .withDescription("Parallelism of every operator.");

    public static final ConfigOption<Integer> WEB_PORT = ConfigOptions.key("local.web-port")
            .intType().defaultValue(8081)
            .withDescription("Port of the Flink web UI in local mode (--local).");

    public static final ConfigOption<Double> CONFIDENCE_THRESHOLD = ConfigOptions.key("review.confidence-threshold")
            .doubleType().defaultValue(0.5)
            .withDescription("A valid record with any field confidence below this is written and also sent to "
                    + "the review topic (status REVIEW).");

    // ---- prices

    public static final ConfigOption<Double> GPU_PRICE_PER_HOUR = ConfigOptions.key("price.gpu-usd-per-hour")
            .doubleType().defaultValue(2.50)
            .withDescription("Price of one hour of an H100-class GPU in US dollars, used when model.device is "
                    + "cuda or an executor (on-demand cloud prices for one H100 run from about 2 to 4 dollars).");

    public static final ConfigOption<Double> CPU_PRICE_PER_HOUR = ConfigOptions.key("price.cpu-usd-per-hour")
            .doubleType().defaultValue(0.10)
            .withDescription("Price of one hour of the CPU the model runs on in US dollars, used when model.device "
                    + "is cpu (a 2-4 vCPU cloud instance costs about 0.05 to 0.20 dollars an hour).");

    public static final ConfigOption<Double> HOSTED_INPUT_PRICE = ConfigOptions.key("price.hosted-input-usd-per-million")
            .doubleType().defaultValue(2.50)
            .withDescription("Hosted LLM price per million input tokens in US dollars, to compare against "
                    + "(default: the list price of a GPT-4o-class hosted model).");

    public static final ConfigOption<Double> HOSTED_OUTPUT_PRICE = ConfigOptions.key("price.hosted-output-usd-per-million")
            .doubleType().defaultValue(10.00)
            .withDescription("Hosted LLM price per million output tokens in US dollars (default: the list price "
                    + "of a GPT-4o-class hosted model).");

    /** Every option above, in declaration order, for the README and {@code --help}. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : JobOptions.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("JobOptions fields are public", e);
                }
            }
        }
        return options;
    }
}
