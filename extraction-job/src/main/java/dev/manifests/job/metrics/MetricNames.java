package dev.manifests.job.metrics;

/**
 * Names of the job's metrics, in one place so dashboards and alerts can rely on them. Each is registered under
 * the group {@value #GROUP} of the operator that owns it; in the web UI and Prometheus the full name reads
 * {@code <operator>.manifests.<name>}.
 */
public final class MetricNames {

    private MetricNames() {
    }

    /** Metric group every metric of the job sits under. */
    public static final String GROUP = "manifests";

    /** Counter: documents read from the raw topic (ParseDocument). */
    public static final String DOCUMENTS_IN = "documentsIn";
    /** Meter: documents read per second, over the last minute (ParseDocument). */
    public static final String DOCUMENTS_PER_SECOND = "documentsPerSecond";
    /** Counter: documents Tika could not parse (ParseDocument). */
    public static final String PARSE_FAILURES = "parseFailures";
    /** Counter: documents the engine refused, failed or did not answer in time (ExtractRecord). */
    public static final String EXTRACT_FAILURES = "extractFailures";
    /** Counter: answers that broke the schema or a domain rule (ValidateManifest). */
    public static final String VALIDATION_FAILURES = "validationFailures";
    /** Counter: valid records sent for review (ValidateManifest). */
    public static final String REVIEWS = "reviews";
    /** Gauge: mean share of the batch's sequence slots filled per decoding step (ExtractRecord, from the engine). */
    public static final String BATCH_FILL = "batchFill";
    /** Gauge: documents waiting for a batch slot in the shared engine (ExtractRecord). */
    public static final String QUEUE_DEPTH = "queueDepth";
    /** Gauge: documents this subtask has handed to the engine and not yet had back (ExtractRecord). */
    public static final String IN_FLIGHT = "inFlight";
    /** Gauge: answer tokens per second of the shared engine over its last 10 s (ExtractRecord). */
    public static final String TOKENS_PER_SECOND = "tokensPerSecond";
    /** Meter: answer tokens per second of this subtask's documents (ExtractRecord). */
    public static final String OUTPUT_TOKENS = "outputTokens";
    /** Gauge: share of wall time the device spent running steps since the engine started (ExtractRecord). */
    public static final String DEVICE_BUSY = "deviceBusy";
    /** Gauge: US dollars of device time per 1,000 documents so far (RecordMetrics). */
    public static final String COST_PER_1000_DOCUMENTS = "costPer1000DocumentsUsd";
    /** Gauge: US dollars saved against the hosted LLM so far: its price minus the device cost (RecordMetrics). */
    public static final String SAVINGS_USD = "savingsVsHostedLlmUsd";
    /** Gauge: the hosted LLM's price divided by the device cost, how many times cheaper the job is (RecordMetrics). */
    public static final String SAVINGS_FACTOR = "savingsVsHostedLlmFactor";
    /** Gauge: share of correct fields over every audited document so far (CompareWithExpected). */
    public static final String AUDIT_ACCURACY = "auditedFieldAccuracy";
    /** Counter: audited documents compared field by field (CompareWithExpected). */
    public static final String AUDITED_DOCUMENTS = "auditedDocuments";
    /** Counter: audited documents whose expected header was not a readable record (CompareWithExpected). */
    public static final String UNREADABLE_EXPECTED = "unreadableExpectedRecords";
}
