package dev.manifests.job.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ManifestRulesTest {

    private static final ValidationOptions OPTIONS = ValidationOptions.defaults()
            .withClock(Clock.fixed(Manifests.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

    @Nested
    class ContainerCheckDigit {

        private final ContainerCheckDigitRule rule = new ContainerCheckDigitRule();

        @Test
        void acceptsValidContainerNumbers() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
        }

        @Test
        void rejectsContainerNumberWithWrongCheckDigit() {
            ShippingDocument document = withContainerNumber(1, "MSKU9070324");

            assertThat(rule.check(document)).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("container-check-digit");
                assertThat(v.fieldPath()).isEqualTo("containers[1].containerNumber");
                assertThat(v.message()).contains("check digit 4", "gives 3");
            });
        }

        @Test
        void rejectsMalformedContainerNumber() {
            assertThat(rule.check(withContainerNumber(0, "CSQ305438")))
                    .singleElement().extracting(RuleViolation::message).asString().contains("not an ISO 6346");
        }
    }

    @Nested
    class LocationCode {

        private final LocationCodeRule rule = new LocationCodeRule();

        @Test
        void acceptsWellFormedCodesAndMissingCodes() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
        }

        @Test
        void rejectsCodeOfUnknownCountry() {
            ShippingDocument document = ShippingDocument.newBuilder(Manifests.valid())
                    .setPortOfDischarge(Manifests.location("Newark", "XXEWR")).build();

            assertThat(rule.check(document)).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("unlocode-shape");
                assertThat(v.fieldPath()).isEqualTo("portOfDischarge.unlocode");
            });
        }

        @Test
        void rejectsCodeWithDigitsZeroOrOne() {
            ShippingDocument document = ShippingDocument.newBuilder(Manifests.valid())
                    .setPlaceOfDelivery(Manifests.location("Chicago", "USCH1")).build();

            assertThat(rule.check(document)).extracting(RuleViolation::fieldPath)
                    .containsExactly("placeOfDelivery.unlocode");
        }
    }

    @Nested
    class ContainerCount {

        private final ContainerCountRule rule = new ContainerCountRule();

        @Test
        void acceptsMatchingCount() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
        }

        @Test
        void rejectsCountThatDiffersFromContainersListed() {
            ShippingDocument document = Manifests.valid();
            document.getTotals().setContainerCount(3);

            assertThat(rule.check(document)).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("container-count");
                assertThat(v.message()).isEqualTo("states 3 containers, lists 2");
            });
        }
    }

    @Nested
    class PackageCount {

        private final PackageCountRule rule = new PackageCountRule();

        @Test
        void acceptsMatchingSum() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
        }

        @Test
        void rejectsTotalThatDiffersFromSumOfContainers() {
            ShippingDocument document = Manifests.valid();
            document.getTotals().setPackageCount(201);

            assertThat(rule.check(document)).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("package-count");
                assertThat(v.fieldPath()).isEqualTo("totals.packageCount");
                assertThat(v.message()).isEqualTo("states 201 packages, the containers hold 200");
            });
        }
    }

    @Nested
    class GrossWeight {

        private final GrossWeightRule rule = new GrossWeightRule(OPTIONS.weightToleranceRelative(),
                OPTIONS.weightToleranceMinKg());

        @Test
        void acceptsDifferenceWithinRelativeTolerance() {
            ShippingDocument document = Manifests.valid();
            // 0.5% of 30350.5 kg is 151.75 kg
            document.getTotals().setGrossWeightKg(30350.5 + 150);

            assertThat(rule.check(document)).isEmpty();
        }

        @Test
        void rejectsDifferenceOverRelativeTolerance() {
            ShippingDocument document = Manifests.valid();
            document.getTotals().setGrossWeightKg(30350.5 + 160);

            assertThat(rule.check(document)).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("gross-weight");
                assertThat(v.fieldPath()).isEqualTo("totals.grossWeightKg");
            });
        }

        @Test
        void allowsOneKilogramOnLightShipments() {
            ShippingDocument document = ShippingDocument.newBuilder(Manifests.valid())
                    .setContainers(List.of(Manifests.container("CSQU3054383", 1, 20.4, null, "845811"))).build();
            document.getTotals().setGrossWeightKg(21.0);
            assertThat(rule.check(document)).isEmpty();

            document.getTotals().setGrossWeightKg(21.5);
            assertThat(rule.check(document)).hasSize(1);
        }
    }

    @Nested
    class Volume {

        private final VolumeRule rule = new VolumeRule(OPTIONS.volumeToleranceRelative(),
                OPTIONS.volumeToleranceMinM3());

        @Test
        void acceptsMatchingVolume() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
        }

        @Test
        void rejectsVolumeThatDiffersFromSumOfContainers() {
            ShippingDocument document = Manifests.valid();
            document.getTotals().setVolumeM3(105.3);

            assertThat(rule.check(document)).singleElement().extracting(RuleViolation::rule).isEqualTo("volume");
        }

        @Test
        void skipsWhenTotalVolumeIsNotStated() {
            ShippingDocument document = Manifests.valid();
            document.getTotals().setVolumeM3(null);

            assertThat(rule.check(document)).isEmpty();
        }

        @Test
        void skipsWhenAContainerVolumeIsNotStated() {
            ShippingDocument document = Manifests.valid();
            document.getContainers().get(0).setVolumeM3(null);

            assertThat(rule.check(document)).isEmpty();
        }
    }

    @Nested
    class Dates {

        private final DateRule rule = new DateRule(OPTIONS);

        @Test
        void acceptsPlausibleDates() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
        }

        @Test
        void rejectsDateBeforeTwoThousand() {
            ShippingDocument document = withDates(LocalDate.of(1999, 12, 31), null);

            assertThat(rule.check(document)).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("date-window");
                assertThat(v.fieldPath()).isEqualTo("dateOfIssue");
            });
        }

        @Test
        void rejectsDateMoreThan400DaysAfterToday() {
            assertThat(rule.check(withDates(Manifests.TODAY.plusDays(400), null))).isEmpty();
            assertThat(rule.check(withDates(Manifests.TODAY.plusDays(401), null)))
                    .extracting(RuleViolation::rule).containsExactly("date-window");
        }

        @Test
        void rejectsShippedOnBoardLongAfterIssue() {
            LocalDate issued = LocalDate.of(2026, 6, 1);

            assertThat(rule.check(withDates(issued, issued.plusDays(60)))).isEmpty();
            assertThat(rule.check(withDates(issued, issued.plusDays(61)))).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("shipped-on-board-date");
                assertThat(v.message()).contains("61 days after");
            });
        }

        @Test
        void rejectsShippedOnBoardLongBeforeIssue() {
            LocalDate issued = LocalDate.of(2026, 6, 1);

            assertThat(rule.check(withDates(issued, issued.minusDays(60)))).isEmpty();
            assertThat(rule.check(withDates(issued, issued.minusDays(61))))
                    .extracting(RuleViolation::message).singleElement().asString().contains("61 days before");
        }

        @Test
        void acceptsMissingDates() {
            assertThat(rule.check(withDates(null, null))).isEmpty();
        }
    }

    @Nested
    class HsCodes {

        private final HsCodeRule rule = new HsCodeRule();

        @Test
        void acceptsSixDigitCodes() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
        }

        @Test
        void rejectsCodesWithDotsOrWrongLength() {
            ShippingDocument document = ShippingDocument.newBuilder(Manifests.valid())
                    .setContainers(List.of(Manifests.container("CSQU3054383", 120, 18250.5, 55.2, "8458.11", "8471"),
                            Manifests.container("MSKU9070323", 80, 12100.0, 40.1, "847130"))).build();

            assertThat(rule.check(document)).extracting(RuleViolation::fieldPath)
                    .containsExactly("containers[0].hsCodes[0]", "containers[0].hsCodes[1]");
        }
    }

    @Nested
    class Scac {

        private final ScacRule rule = new ScacRule();

        @Test
        void acceptsFourLetterCodeAndMissingCode() {
            assertThat(rule.check(Manifests.valid())).isEmpty();
            ShippingDocument document = Manifests.valid();
            document.getCarrier().setScac(null);
            assertThat(rule.check(document)).isEmpty();
        }

        @Test
        void rejectsCodeWithDigitsOrTooLong() {
            ShippingDocument document = Manifests.valid();
            document.getCarrier().setScac("MAEU1");

            assertThat(rule.check(document)).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("scac");
                assertThat(v.fieldPath()).isEqualTo("carrier.scac");
            });
        }
    }

    private static ShippingDocument withContainerNumber(int index, String number) {
        ShippingDocument document = Manifests.valid();
        List<Container> containers = new ArrayList<>(document.getContainers());
        containers.set(index, Container.newBuilder(containers.get(index)).setContainerNumber(number).build());
        document.setContainers(containers);
        return document;
    }

    private static ShippingDocument withDates(LocalDate issued, LocalDate onBoard) {
        ShippingDocument document = Manifests.valid();
        document.setDateOfIssue(issued);
        document.setShippedOnBoardDate(onBoard);
        return document;
    }
}
