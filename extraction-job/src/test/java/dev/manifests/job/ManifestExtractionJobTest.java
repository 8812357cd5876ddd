package dev.manifests.job;

import dev.manifests.job.extract.ModelIdentity;
import dev.manifests.job.metrics.Pricing;
import dev.manifests.job.parse.ParseOptions;
import dev.manifests.job.sink.IcebergAndKafkaSinks;
import dev.manifests.job.sink.IcebergCatalog;
import dev.manifests.job.sink.LineageContext;
import dev.manifests.job.validate.ValidationOptions;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;
import org.apache.flink.streaming.api.transformations.UnionTransformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestExtractionJobTest {

    private static void collect(Transformation<?> transformation, Set<Transformation<?>> all) {
        if (all.add(transformation)) {
            transformation.getInputs().forEach(input -> collect(input, all));
        }
    }

    @Test
    void givesEveryOperatorANameAndAStableUid(@TempDir Path warehouse) {
        Configuration config = new Configuration();
        config.set(JobOptions.WAREHOUSE, warehouse.toString());
        IcebergCatalog catalog = ManifestExtractionJob.catalog(config);
        catalog.createMissingTables();
        JobSettings settings = new JobSettings(ParseOptions.defaults(), () -> {
            throw new IllegalStateException("the graph is only built, never run");
        }, Duration.ofSeconds(30), 4, ValidationOptions.defaults(), 0.5,
                new LineageContext("3.3.1", new ModelIdentity("manifest-mini", "1.0.0"), "1.0"),
                new Pricing(0.10, 2.50, 10.00));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        new ManifestExtractionJob(ManifestExtractionJob.kafkaSource(config),
                new IcebergAndKafkaSinks(catalog, "localhost:9092", "dlq", "review", DeliveryGuarantee.AT_LEAST_ONCE),
                settings).build(env);

        Set<Transformation<?>> all = new LinkedHashSet<>();
        env.getTransformations().forEach(transformation -> collect(transformation, all));
        assertThat(all).filteredOn(t -> !(t instanceof UnionTransformation) && !(t instanceof SideOutputTransformation))
                .allSatisfy(t -> assertThat(t.getUid()).as(t.getName() + " uid").isNotBlank())
                .extracting(Transformation::getUid)
                .doesNotHaveDuplicates()
                .contains("read-documents", "parse-document", "extract-record", "validate-manifest", "manifest-rows",
                        "container-rows", "metrics-rows", "compare-with-expected", "dead-letter-sink", "review-sink");
    }
}
