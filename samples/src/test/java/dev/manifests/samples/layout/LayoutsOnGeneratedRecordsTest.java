package dev.manifests.samples.layout;

import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.samples.render.FormatWriters;
import dev.manifests.samples.render.ProjectText;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.values.ReferenceData;
import dev.manifests.samples.values.ShipmentGenerator;
import dev.manifests.samples.values.ValuePool;
import dev.manifests.schema.ShippingDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

/** Every layout keeps every value of the generator's records recoverable, over many records and seeds. */
class LayoutsOnGeneratedRecordsTest {

    @Test
    void everyLayoutPrintsEveryGeneratedValueRecoverably() throws IOException {
        ReferenceData data = ReferenceData.load();
        ShipmentGenerator generator = new ShipmentGenerator(data);
        ValuePool seen = ValuePool.seen(data);
        ValuePool heldOut = ValuePool.heldOut(data);
        for (int i = 0; i < 40; i++) {
            ShippingDocument record = generator.generate("doc-" + i, i % 4 == 0 ? heldOut : seen, new Random(i));
            for (Layout layout : LayoutsTest.layouts().toList()) {
                RenderedDocument rendered = layout.render(record, new Random(1000 + i));
                RecoverableValues.assertRecoverable(ProjectText.project(rendered), record,
                        layout.id() + " record " + i + " TXT");
                if (i % 8 == 0) {
                    String pdfText = LayoutsTest.pdfText(FormatWriters.write(rendered, DocumentFormat.PDF,
                            new Random(i)));
                    RecoverableValues.assertRecoverable(pdfText, record, layout.id() + " record " + i + " PDF");
                }
            }
        }
    }
}
