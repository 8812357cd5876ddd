package dev.manifests.job.sink;

import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the tables live: a Hadoop catalog over a folder or object-store path (local mode), or a REST catalog
 * (at scale). Creates the namespace and the tables when they are missing, and hands the sink a table loader.
 *
 * @param type      hadoop or rest
 * @param warehouse warehouse location; a plain path is made absolute
 * @param restUri   REST catalog URI, for type rest
 * @param namespace namespace of the four tables
 */
public record IcebergCatalog(String type, String warehouse, String restUri, String namespace) implements Serializable {

    /** Name the catalog is registered under in Flink SQL ({@code bin/query}). */
    public static final String CATALOG_NAME = "lake";

    public IcebergCatalog {
        type = type.toLowerCase(Locale.ROOT);
        if (!type.equals("hadoop") && !type.equals("rest")) {
            throw new IllegalArgumentException("iceberg.catalog-type must be hadoop or rest, got " + type);
        }
        if (type.equals("rest") && (restUri == null || restUri.isBlank())) {
            throw new IllegalArgumentException("iceberg.catalog-type=rest needs iceberg.rest-uri");
        }
        if (type.equals("hadoop") && (warehouse == null || warehouse.isBlank())) {
            throw new IllegalArgumentException("iceberg.catalog-type=hadoop needs iceberg.warehouse");
        }
        if (warehouse != null && !warehouse.isBlank() && !hasScheme(warehouse)) {
            warehouse = Path.of(warehouse).toAbsolutePath().normalize().toUri().toString();
        }
    }

    /** Catalog properties as Iceberg's catalogs (and Flink SQL's {@code CREATE CATALOG}) take them. */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        if (warehouse != null && !warehouse.isBlank()) {
            properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        }
        if (type.equals("rest")) {
            properties.put(CatalogProperties.URI, restUri);
        }
        return properties;
    }

    public CatalogLoader loader() {
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        return type.equals("rest")
                ? CatalogLoader.rest(CATALOG_NAME, hadoop, properties())
                : CatalogLoader.hadoop(CATALOG_NAME, hadoop, properties());
    }

    public TableIdentifier identifier(ManifestTable table) {
        return TableIdentifier.of(Namespace.of(namespace), table.tableName());
    }

    public TableLoader tableLoader(ManifestTable table) {
        return TableLoader.fromCatalog(loader(), identifier(table));
    }

    /** Creates the namespace and every table that does not exist yet; existing tables are left as they are. */
    public void createMissingTables() {
        Catalog catalog = loader().loadCatalog();
        try {
            if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(Namespace.of(namespace))) {
                namespaces.createNamespace(Namespace.of(namespace));
            }
            for (ManifestTable table : ManifestTable.values()) {
                TableIdentifier identifier = identifier(table);
                if (!catalog.tableExists(identifier)) {
                    catalog.createTable(identifier, table.schema(), table.partitionSpec(), Map.of("format-version", "2"));
                }
            }
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not close the Iceberg catalog", e);
                } catch (Exception e) {
                    throw new IllegalStateException("could not close the Iceberg catalog", e);
                }
            }
        }
    }

    private static boolean hasScheme(String location) {
        try {
            URI uri = URI.create(location);
            return uri.getScheme() != null && uri.getScheme().length() > 1;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
