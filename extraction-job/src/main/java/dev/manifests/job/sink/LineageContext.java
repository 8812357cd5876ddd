package dev.manifests.job.sink;

import dev.manifests.job.extract.ModelIdentity;
import dev.manifests.job.source.RawDocument;
import dev.manifests.schema.Lineage;
import dev.manifests.schema.ShippingDocument;

import java.io.Serializable;
import java.time.Instant;

/**
 * What every row records about how it was made beside the document's own coordinates: the Tika version, the
 * model package and the schema version.
 */
public record LineageContext(String tikaVersion, ModelIdentity model, String schemaVersion) implements Serializable {

    /** Version of the ShippingDocument schema, from its {@code schemaVersion} property. */
    public static String shippingDocumentSchemaVersion() {
        String version = ShippingDocument.getClassSchema().getProp("schemaVersion");
        return version == null ? "unversioned" : version;
    }

    public Lineage of(RawDocument raw) {
        return Lineage.newBuilder()
                .setTopic(raw.topic())
                .setPartition(raw.partition())
                .setOffset(raw.offset())
                .setSha256(raw.sha256())
                .setFilename(raw.filename())
                .setTikaVersion(tikaVersion)
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setSchemaVersion(schemaVersion)
                .setIngestedAt(Instant.ofEpochMilli(raw.timestampMillis()))
                .build();
    }
}
