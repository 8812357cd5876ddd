package dev.manifests.job.extract;

import dev.manifests.job.metrics.MetricNames;
import dev.manifests.serving.schedule.EngineCapacityException;
import dev.manifests.serving.schedule.ExtractionFailedException;
import dev.manifests.serving.schedule.ExtractionRequest;
import dev.manifests.serving.schedule.ExtractionResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The extract stage: hands each parsed document to the engine shared by the TaskManager and completes with its
 * answer. Run through Flink's async I/O ({@code AsyncDataStream.unorderedWait}), which bounds the documents in
 * flight (back-pressure), keeps them in checkpoints and submits them again after a restore. A document the engine
 * refuses (queue full), cannot extract, or does not answer in time completes as a failure with the reason, so it
 * reaches the dead letters instead of failing the job.
 */
public final class ExtractRecord extends RichAsyncFunction<ParsedDocument, ExtractedDocument> {

    private static final long serialVersionUID = 1L;

    private final ExtractorFactory extractorFactory;
    private final long timeoutMillis;

    private transient Extractor extractor;
    private transient Map<ParsedDocument, CompletableFuture<ExtractionResult>> pending;
    private transient Counter failures;
    private transient Counter outputTokens;

    /**
     * @param extractorFactory opens the engine in {@link #open}
     * @param timeoutMillis    the async timeout the operator is built with, named in the failure reason
     */
    public ExtractRecord(ExtractorFactory extractorFactory, long timeoutMillis) {
        this.extractorFactory = extractorFactory;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        extractor = extractorFactory.open();
        pending = Collections.synchronizedMap(new IdentityHashMap<>());
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        // incremented from the engine's threads as answers arrive
        failures = group.counter(MetricNames.EXTRACT_FAILURES, new ThreadSafeSimpleCounter());
        outputTokens = new ThreadSafeSimpleCounter();
        group.meter(MetricNames.OUTPUT_TOKENS, new MeterView(outputTokens));
        group.gauge(MetricNames.QUEUE_DEPTH, (Gauge<Integer>) extractor::queueDepth);
        group.gauge(MetricNames.BATCH_FILL, (Gauge<Double>) extractor::batchFill);
        group.gauge(MetricNames.TOKENS_PER_SECOND, (Gauge<Double>) extractor::tokensPerSecond);
        group.gauge(MetricNames.DEVICE_BUSY, (Gauge<Double>) extractor::deviceBusy);
        group.gauge(MetricNames.IN_FLIGHT, (Gauge<Integer>) pending::size);
    }

    @Override
    public void asyncInvoke(ParsedDocument parsed, ResultFuture<ExtractedDocument> resultFuture) {
        long submittedNanos = System.nanoTime();
        CompletableFuture<ExtractionResult> answer;
        try {
            answer = extractor.submit(new ExtractionRequest(parsed.raw().documentId(), parsed.text()));
        } catch (RuntimeException e) {
            // an engine that throws instead of failing the future is treated the same way
            answer = CompletableFuture.failedFuture(e);
        }
        pending.put(parsed, answer);
        answer.whenComplete((result, error) -> {
            if (pending.remove(parsed) == null) {
                return; // timed out already: the timeout completed this document
            }
            if (error == null) {
                outputTokens.inc(result.tokensOut());
                resultFuture.complete(Collections.singletonList(
                        ExtractedDocument.extracted(parsed, result.json(), ExtractionFigures.of(result))));
            } else {
                failures.inc();
                resultFuture.complete(Collections.singletonList(
                        ExtractedDocument.failed(parsed, reason(error), millisSince(submittedNanos))));
            }
        });
    }

    @Override
    public void timeout(ParsedDocument parsed, ResultFuture<ExtractedDocument> resultFuture) {
        CompletableFuture<ExtractionResult> answer = pending.remove(parsed);
        if (answer != null) {
            // frees the document's queue place or batch slot in the engine
            answer.cancel(true);
        }
        failures.inc();
        resultFuture.complete(Collections.singletonList(ExtractedDocument.failed(parsed,
                "no answer from the extraction engine within " + timeoutMillis + " ms (extract.async-timeout)",
                timeoutMillis)));
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static String reason(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof EngineCapacityException) {
            return "engine refused the document: " + cause.getMessage();
        }
        if (cause instanceof ExtractionFailedException) {
            return "extraction failed: " + cause.getMessage();
        }
        if (cause instanceof CancellationException) {
            return "extraction cancelled";
        }
        return "extraction failed: " + cause;
    }
}
