package dev.manifests.job;

import dev.manifests.job.extract.EngineSettings;
import dev.manifests.job.extract.ExtractorFactory;
import dev.manifests.job.extract.ModelIdentity;
import dev.manifests.job.metrics.Pricing;
import dev.manifests.job.parse.DocumentParser;
import dev.manifests.job.parse.ParseOptions;
import dev.manifests.job.sink.LineageContext;
import dev.manifests.job.validate.ValidationOptions;
import dev.manifests.serving.pack.ModelPackage;
import dev.manifests.serving.pack.ModelSpec;
import org.apache.flink.configuration.ReadableConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the pipeline's stages need, resolved once from {@link JobOptions}: parse limits, the engine, the async
 * limits, validation, the review threshold, lineage and prices.
 */
public record JobSettings(
        ParseOptions parse,
        ExtractorFactory extractor,
        Duration asyncTimeout,
        int asyncCapacity,
        ValidationOptions validation,
        double confidenceThreshold,
        LineageContext lineage,
        Pricing pricing) {

    /** Reads the settings; loads the model package's model.json for the lineage columns. */
    public static JobSettings from(ReadableConfig config) {
        ParseOptions parse = new ParseOptions(config.get(JobOptions.PARSE_MAX_BYTES), config.get(JobOptions.PARSE_MAX_CHARS),
                config.get(JobOptions.PARSE_TIMEOUT).toMillis(), config.get(JobOptions.OCR_ENABLED),
                config.get(JobOptions.OCR_LANGUAGE), config.get(JobOptions.PARSE_THREADS),
                config.get(JobOptions.OCR_PAGE_SEGMENTATION), config.get(JobOptions.OCR_ERASE_RULED_LINES));
        Path packageFolder = Path.of(config.get(JobOptions.MODEL_PACKAGE)).toAbsolutePath().normalize();
        ModelSpec spec = ModelPackage.load(packageFolder).spec();
        String device = config.get(JobOptions.DEVICE);
        EngineSettings engine = new EngineSettings(packageFolder.toString(), device, config.get(JobOptions.ENGINE_BATCH),
                config.get(JobOptions.ENGINE_STEP_TOKENS), config.get(JobOptions.ENGINE_QUEUE), config.get(JobOptions.ENGINE_LANES));
        double devicePrice = device.equals("cpu")
                ? config.get(JobOptions.CPU_PRICE_PER_HOUR) : config.get(JobOptions.GPU_PRICE_PER_HOUR);
        return new JobSettings(parse, engine, config.get(JobOptions.ASYNC_TIMEOUT), config.get(JobOptions.ASYNC_CAPACITY),
                ValidationOptions.defaults(), config.get(JobOptions.CONFIDENCE_THRESHOLD),
                new LineageContext(DocumentParser.tikaVersion(), new ModelIdentity(spec.name(), spec.version()),
                        LineageContext.shippingDocumentSchemaVersion()),
                new Pricing(devicePrice, config.get(JobOptions.HOSTED_INPUT_PRICE), config.get(JobOptions.HOSTED_OUTPUT_PRICE)));
    }

    /** The same settings with another engine (operator tests). */
    public JobSettings withExtractor(ExtractorFactory value) {
        return new JobSettings(parse, value, asyncTimeout, asyncCapacity, validation, confidenceThreshold, lineage, pricing);
    }

    /** The same settings with other parse limits. */
    public JobSettings withParse(ParseOptions value) {
        return new JobSettings(value, extractor, asyncTimeout, asyncCapacity, validation, confidenceThreshold, lineage, pricing);
    }
}
