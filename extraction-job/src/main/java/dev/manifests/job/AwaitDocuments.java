package dev.manifests.job;

import dev.manifests.job.sink.IcebergCatalog;
import dev.manifests.job.sink.ManifestTable;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code AwaitDocuments --expect N [--timeout-seconds S] [options]}: waits until {@code extraction_metrics} holds at
 * least N rows (every document gets one, whatever its outcome), reading the committed snapshot's record count.
 * Exits 1 when the deadline passes first.
 */
public final class AwaitDocuments {

    private AwaitDocuments() {
    }

    public static void main(String[] args) throws InterruptedException {
        long expected = -1;
        long timeoutSeconds = 600;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--expect" -> expected = Long.parseLong(args[++i]);
                case "--timeout-seconds" -> timeoutSeconds = Long.parseLong(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        if (expected < 0) {
            System.err.println("usage: AwaitDocuments --expect N [--timeout-seconds S] [--iceberg.warehouse DIR]");
            System.exit(2);
        }
        Configuration config = CommandLine.parse(rest.toArray(String[]::new)).configuration();
        long seen = await(ManifestExtractionJob.catalog(config), expected, Duration.ofSeconds(timeoutSeconds));
        System.out.println(seen + " of " + expected + " documents accounted for in extraction_metrics");
        System.exit(seen >= expected ? 0 : 1);
    }

    /** Rows committed to extraction_metrics once N are there or the timeout passes, whichever comes first. */
    public static long await(IcebergCatalog catalog, long expected, Duration timeout) throws InterruptedException {
        Catalog loaded = catalog.loader().loadCatalog();
        Table table = loaded.loadTable(catalog.identifier(ManifestTable.EXTRACTION_METRICS));
        Instant deadline = Instant.now().plus(timeout);
        long seen = committedRows(table);
        while (seen < expected && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(500);
            table.refresh();
            seen = committedRows(table);
        }
        return seen;
    }

    /** Rows in the table's current snapshot (the table is append-only). */
    public static long committedRows(Table table) {
        Snapshot snapshot = table.currentSnapshot();
        return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
    }
}
