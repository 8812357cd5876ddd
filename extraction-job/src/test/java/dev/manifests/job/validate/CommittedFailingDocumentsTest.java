package dev.manifests.job.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.manifests.job.RepositoryFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed records that must fail validation break the rules their README names. */
class CommittedFailingDocumentsTest {

    private static final Path FAILING = RepositoryFolders.failingSamples();

    private final ManifestValidator validator = new ManifestValidator(ValidationOptions.defaults());

    @Test
    void wrongCheckDigitBreaksContainerCheckDigitRule() throws IOException {
        ValidationOutcome.Invalid invalid = invalid("wrong-check-digit.expected.json");

        assertThat(invalid.violations()).extracting(RuleViolation::rule, RuleViolation::fieldPath)
                .containsExactly(tuple("container-check-digit",
                        "containers[0].containerNumber"));
    }

    @Test
    void disagreeingTotalsBreakCountAndWeightRules() throws IOException {
        ValidationOutcome.Invalid invalid = invalid("totals-disagree.expected.json");

        assertThat(invalid.violations()).extracting(RuleViolation::rule)
                .contains("container-count", "gross-weight");
    }

    private ValidationOutcome.Invalid invalid(String file) throws IOException {
        // the record as printed, checked against itself as source text: every identifier is there
        String printed = Files.readString(FAILING.resolve(file));
        ValidationOutcome outcome = validator.validate(printed, file, printed);
        assertThat(outcome).isInstanceOf(ValidationOutcome.Invalid.class);
        return (ValidationOutcome.Invalid) outcome;
    }
}
