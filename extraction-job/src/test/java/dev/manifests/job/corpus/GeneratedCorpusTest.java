package dev.manifests.job.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manifests.samples.corpus.Split;
import dev.manifests.samples.render.DocumentFormat;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedCorpusTest {

    private static final Set<DocumentFormat> ALL = EnumSet.allOf(DocumentFormat.class);

    @Test
    void writesNoScansWhenScanShareIsZero() {
        GeneratedCorpus corpus = new GeneratedCorpus(Split.TRAIN, 11, ALL, 0.0);

        for (int i = 0; i < 12; i++) {
            assertThat(DocumentFormat.valueOf(corpus.documentAt(i).format()).needsOcr()).isFalse();
        }
    }

    @Test
    void writesOnlyScansWhenScanShareIsOne() {
        GeneratedCorpus corpus = new GeneratedCorpus(Split.VALIDATION, 11, ALL, 1.0);

        for (int i = 0; i < 2; i++) {
            assertThat(DocumentFormat.valueOf(corpus.documentAt(i).format()).needsOcr()).isTrue();
        }
    }

    @Test
    void givesSameDocumentForSameIndex() {
        GeneratedCorpus first = new GeneratedCorpus(Split.TEST, 3, ALL, 0.03);
        GeneratedCorpus second = new GeneratedCorpus(Split.TEST, 3, ALL, 0.03);

        LabelledDocument a = first.documentAt(5);
        LabelledDocument b = second.documentAt(5);

        assertThat(a.id()).isEqualTo("test-3-000005").isEqualTo(b.id());
        assertThat(a.bytes()).isEqualTo(b.bytes());
        assertThat(a.truth()).isEqualTo(b.truth());
    }
}
