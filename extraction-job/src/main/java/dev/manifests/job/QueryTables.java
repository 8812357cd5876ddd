package dev.manifests.job;

import dev.manifests.job.sink.IcebergCatalog;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bin/query [--iceberg.warehouse DIR] "SQL" ["SQL" ...]}: runs Flink SQL in batch mode over the job's Iceberg catalog,
 * registered as {@code lake} with the job's namespace as the current database, and prints the result as a table.
 */
public final class QueryTables {

    private QueryTables() {
    }

    public static void main(String[] args) {
        List<String> flags = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                flags.add(args[i]);
                flags.add(args[++i]);
            } else {
                statements.add(args[i]);
            }
        }
        if (statements.isEmpty()) {
            System.err.println("usage: bin/query [--iceberg.warehouse DIR] \"SELECT ... FROM manifests\" [\"SQL\" ...]");
            System.exit(2);
        }
        Configuration config = CommandLine.parse(flags.toArray(String[]::new)).configuration();
        TableEnvironment tables = open(ManifestExtractionJob.catalog(config));
        for (String sql : statements) {
            if (statements.size() > 1) {
                System.out.println("\n" + sql);
            }
            tables.executeSql(sql).print();
        }
    }

    /** A batch table environment whose current catalog and database are the job's. */
    public static TableEnvironment open(IcebergCatalog catalog) {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tables.getConfig().set("parallelism.default", "1");
        Map<String, String> properties = new java.util.LinkedHashMap<>(catalog.properties());
        properties.put("type", "iceberg");
        properties.put("catalog-type", catalog.type());
        String with = properties.entrySet().stream()
                .map(entry -> "'" + entry.getKey() + "'='" + entry.getValue().replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
        tables.executeSql("CREATE CATALOG " + IcebergCatalog.CATALOG_NAME + " WITH (" + with + ")");
        tables.useCatalog(IcebergCatalog.CATALOG_NAME);
        tables.useDatabase(catalog.namespace());
        return tables;
    }
}
