package dev.manifests.job.parse;

import dev.manifests.job.extract.ParsedDocument;
import dev.manifests.job.metrics.MetricNames;
import dev.manifests.job.sink.DocumentOutcome;
import dev.manifests.job.source.RawDocument;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The parse stage: turns each raw document into text with Tika under the configured limits. A document that
 * yields no text leaves through {@link #FAILED} as a dead letter of step PARSE, carrying the reason.
 */
public final class ParseDocument extends ProcessFunction<RawDocument, ParsedDocument> {

    private static final long serialVersionUID = 1L;

    /** Documents that could not be parsed. */
    public static final OutputTag<DocumentOutcome> FAILED = new OutputTag<>("parse-failed") {
    };

    private final ParseOptions options;

    private transient DocumentParser parser;
    private transient Counter documentsIn;
    private transient Meter documentsPerSecond;
    private transient Counter failures;

    public ParseDocument(ParseOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new DocumentParser(options);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        documentsIn = group.counter(MetricNames.DOCUMENTS_IN);
        documentsPerSecond = group.meter(MetricNames.DOCUMENTS_PER_SECOND, new MeterView(documentsIn));
        failures = group.counter(MetricNames.PARSE_FAILURES);
    }

    @Override
    public void processElement(RawDocument raw, Context context, Collector<ParsedDocument> out) {
        documentsIn.inc();
        ParseOutcome outcome = parser.parse(raw.bytes(), raw.filename(), raw.contentType());
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            out.collect(new ParsedDocument(raw, parsed.text(), parsed.contentType(), parsed.parseMillis()));
        } else if (outcome instanceof ParseOutcome.Failed failed) {
            failures.inc();
            context.output(FAILED, DocumentOutcome.failedToParse(raw, failed.reason(), failed.contentType(),
                    failed.parseMillis()));
        }
    }

    @Override
    public void close() throws Exception {
        if (parser != null) {
            parser.close();
        }
    }
}
