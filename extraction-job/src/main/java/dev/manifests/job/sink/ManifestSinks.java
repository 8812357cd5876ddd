package dev.manifests.job.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

import java.io.Serializable;

/**
 * The ends the pipeline writes to: the four tables, the dead-letter topic and the review topic. The job plugs in
 * {@link IcebergAndKafkaSinks}; tests can plug in their own ends and run the same pipeline.
 */
public interface ManifestSinks extends Serializable {

    /** Attaches the sink of one table to its rows. */
    void writeTable(ManifestTable table, DataStream<RowData> rows);

    /** Sink of documents that failed or broke a rule. */
    Sink<DocumentOutcome> deadLetters();

    /** Sink of valid records sent for review. */
    Sink<DocumentOutcome> reviews();
}
