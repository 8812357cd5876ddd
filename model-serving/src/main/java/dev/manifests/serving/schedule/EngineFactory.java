package dev.manifests.serving.schedule;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.serving.decode.AnswerGrammar;
import dev.manifests.serving.decode.AnswerLengthEstimate;
import dev.manifests.serving.decode.DocumentSplitter;
import dev.manifests.serving.decode.JsonPlan;
import dev.manifests.serving.decode.PromptEncoder;
import dev.manifests.serving.decode.TextEncoder;
import dev.manifests.serving.decode.Vocabulary;
import dev.manifests.serving.exec.StepExecutor;
import dev.manifests.serving.exec.StepExecutors;
import dev.manifests.serving.pack.ModelPackage;
import dev.manifests.serving.pack.ModelPackageException;
import dev.manifests.serving.pack.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Opens an {@link ExtractionEngine} for a model package: reads the package, compiles the ShippingDocument answer
 * grammar against its tokenizer, opens the step executor the device setting names once per lane, and hands them to
 * the engine.
 */
public final class EngineFactory {

    private EngineFactory() {
    }

    /**
     * The split decision of an engine with these options: which documents are read whole and where the others are
     * cut. Whatever must see documents as the engine does (training-part export) asks here.
     */
    public static DocumentSplitter splitter(TextEncoder encoder, int maxContext, EngineOptions options) {
        return DocumentSplitter.forContext(encoder, maxContext, AnswerLengthEstimate.calibrated(), options.answerBudgetTokens());
    }

    public static ExtractionEngine open(EngineOptions options) {
        ModelPackage modelPackage = ModelPackage.load(options.packageFolder());
        ModelSpec spec = modelPackage.spec();
        Schema schema = ShippingDocument.getClassSchema();
        if (!schema.getFullName().equals(spec.schema().name())) {
            throw new ModelPackageException(modelPackage.modelJson(), "the model was trained for " + spec.schema().name()
                    + ", the engine decodes " + schema.getFullName());
        }
        TextEncoder encoder;
        Vocabulary vocabulary;
        try {
            encoder = TextEncoder.open(modelPackage.tokenizerJson());
            vocabulary = Vocabulary.read(modelPackage.tokenizerJson());
        } catch (IOException | RuntimeException e) {
            throw new ModelPackageException(modelPackage.tokenizerJson(), "cannot be read as the tokenizer: " + e.getMessage(), e);
        }
        try {
            AnswerGrammar grammar = AnswerGrammar.compile(JsonPlan.of(schema, options.decodeOptions()), vocabulary, encoder,
                    spec.architecture().vocabSize());
            int maxContext = spec.architecture().maxContext();
            DocumentSplitter splitter = splitter(encoder, maxContext, options);
            DocumentDecoding decoding = new ConstrainedDocumentDecoding(grammar, new PromptEncoder(encoder, vocabulary),
                    splitter, options.decodeOptions(), maxContext);
            List<StepExecutor> executors = new ArrayList<>(options.lanes());
            try {
                // each lane steps its own copy of the module with its own KV cache
                for (int lane = 0; lane < options.lanes(); lane++) {
                    executors.add(StepExecutors.open(modelPackage, options.device(), options.intraOpThreads()));
                }
                return new ExtractionEngine(options, maxContext, executors, decoding, encoder);
            } catch (RuntimeException e) {
                for (StepExecutor executor : executors) {
                    try {
                        executor.close();
                    } catch (RuntimeException closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }
}
