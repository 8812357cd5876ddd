package dev.manifests.samples.values;

import dev.manifests.schema.Container;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.codes.Iso6346;
import dev.manifests.schema.codes.UnLocode;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.FieldComparison;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ShipmentGeneratorTest {

    private static final ReferenceData DATA = ReferenceData.load();
    private static final ShipmentGenerator GENERATOR = new ShipmentGenerator(DATA);
    private static List<ShippingDocument> documents;

    @BeforeAll
    static void generate() {
        documents = new ArrayList<>();
        Random random = new Random(20240601L);
        ValuePool seen = ValuePool.seen(DATA);
        ValuePool heldOut = ValuePool.heldOut(DATA);
        for (int i = 0; i < 600; i++) {
            documents.add(GENERATOR.generate("doc-" + i, i % 5 == 0 ? heldOut : seen, random));
        }
    }

    @Test
    void containerNumbersHaveValidCheckDigitsAndRealOwnerPrefixes() {
        Set<String> owners = new HashSet<>(DATA.lessorPrefixes());
        DATA.carriers().forEach(c -> owners.addAll(c.ownerPrefixes()));
        for (ShippingDocument document : documents) {
            for (Container container : document.getContainers()) {
                assertThat(Iso6346.isValid(container.getContainerNumber())).as(container.getContainerNumber()).isTrue();
                assertThat(owners).contains(container.getContainerNumber().substring(0, 4));
            }
        }
    }

    @Test
    void totalsAddUpExactly() {
        for (ShippingDocument document : documents) {
            List<Container> containers = document.getContainers();
            assertThat(document.getTotals().getContainerCount()).isEqualTo(containers.size());
            assertThat(document.getTotals().getPackageCount())
                    .isEqualTo(containers.stream().mapToInt(Container::getPackageCount).sum());
            BigDecimal weight = containers.stream().map(c -> BigDecimal.valueOf(c.getGrossWeightKg()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(BigDecimal.valueOf(document.getTotals().getGrossWeightKg())).isEqualByComparingTo(weight);
            if (document.getTotals().getVolumeM3() != null) {
                BigDecimal volume = containers.stream().map(c -> BigDecimal.valueOf(c.getVolumeM3()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(BigDecimal.valueOf(document.getTotals().getVolumeM3())).isEqualByComparingTo(volume);
            } else {
                assertThat(containers).allMatch(c -> c.getVolumeM3() == null);
            }
        }
    }

    @Test
    void weightsAndVolumesHaveAtMostThreeDecimals() {
        for (ShippingDocument document : documents) {
            for (Container container : document.getContainers()) {
                assertThat(BigDecimal.valueOf(container.getGrossWeightKg()).stripTrailingZeros().scale()).isLessThanOrEqualTo(3);
                assertThat(container.getGrossWeightKg()).isPositive();
                if (container.getVolumeM3() != null) {
                    assertThat(BigDecimal.valueOf(container.getVolumeM3()).stripTrailingZeros().scale()).isLessThanOrEqualTo(3);
                }
            }
        }
    }

    @Test
    void everyRecordSurvivesAvroBinaryAndCanonicalJson() throws Exception {
        SpecificDatumWriter<ShippingDocument> writer = new SpecificDatumWriter<>(ShippingDocument.class);
        SpecificDatumReader<ShippingDocument> reader = new SpecificDatumReader<>(ShippingDocument.class);
        for (ShippingDocument document : documents) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            writer.write(document, encoder);
            encoder.flush();
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
            assertThat(reader.read(null, decoder)).isEqualTo(document);

            assertThat(CanonicalJson.fromJson(CanonicalJson.toJson(document), null)).isEqualTo(document);
            assertThat(CanonicalJson.fromJson(CanonicalJson.toModelJson(document), document.getDocumentId()))
                    .isEqualTo(document);
        }
    }

    @Test
    void everyRecordMatchesItsModelAnswerFieldByField() throws Exception {
        for (ShippingDocument document : documents.subList(0, 100)) {
            ShippingDocument answer = CanonicalJson.fromJson(CanonicalJson.toModelJson(document), "other-id");
            assertThat(FieldComparison.documentExactMatch(FieldComparison.compare(document, answer))).isTrue();
        }
    }

    @Test
    void everyValueIsPrintableInWinAnsi() {
        for (ShippingDocument document : documents) {
            assertThat(WinAnsi.canPrint(CanonicalJson.toJson(document))).as(document.getDocumentId()).isTrue();
        }
    }

    @Test
    void codesHaveTheirStandardShapes() {
        for (ShippingDocument document : documents) {
            for (var location : List.of(document.getPortOfLoading(), document.getPortOfDischarge())) {
                if (location.getUnlocode() != null) {
                    assertThat(UnLocode.isWellFormed(location.getUnlocode())).as(location.getUnlocode()).isTrue();
                }
            }
            if (document.getCarrier().getScac() != null) {
                assertThat(document.getCarrier().getScac()).matches("[A-Z]{4}");
            }
            for (Party party : parties(document)) {
                assertThat(party.getName()).isNotBlank().doesNotContain("  ").doesNotContain("{");
                if (party.getAddress() != null) {
                    assertThat(party.getCountryCode()).matches("[A-Z]{2}");
                    assertThat(party.getAddress()).doesNotContain("{").doesNotContain(" ,").doesNotEndWith(",");
                } else {
                    assertThat(party.getCountryCode()).isNull();
                }
            }
            for (Container container : document.getContainers()) {
                assertThat(container.getHsCodes()).isNotEmpty().allMatch(code -> code.matches("[0-9]{6}"));
                if (container.getSizeTypeCode() != null) {
                    assertThat(container.getSizeTypeCode()).matches("[0-9L][0-9A-Z][A-Z][0-9]");
                }
            }
            assertThat(document.getBillOfLadingNumber()).matches("[A-Z0-9-]+");
        }
    }

    @Test
    void descriptionsMatchTheirHsCodes() {
        for (ShippingDocument document : documents) {
            for (Container container : document.getContainers()) {
                String description = container.getDescription().toUpperCase(Locale.ROOT);
                for (String code : container.getHsCodes()) {
                    String expected = DATA.hsCodes().stream().filter(h -> h.code().equals(code)).findFirst()
                            .orElseThrow().description().toUpperCase(Locale.ROOT);
                    assertThat(description).contains(expected);
                }
            }
        }
    }

    @Test
    void containerCountsFitTheDocumentType() {
        int largestManifest = 0;
        for (ShippingDocument document : documents) {
            int count = document.getContainers().size();
            if (document.getDocumentType() == DocumentType.CARGO_MANIFEST) {
                assertThat(count).isBetween(2, 25);
                largestManifest = Math.max(largestManifest, count);
            } else {
                assertThat(count).isBetween(1, 6);
            }
        }
        assertThat(largestManifest).isGreaterThan(15);
    }

    @Test
    void datesFallIn2024To2027AndIssueDateDoesNotPrecedeLoading() {
        for (ShippingDocument document : documents) {
            if (document.getShippedOnBoardDate() != null) {
                assertThat(document.getShippedOnBoardDate()).isBetween(ShipmentGenerator.FIRST_DATE, ShipmentGenerator.LAST_DATE);
                if (document.getDateOfIssue() != null) {
                    assertThat(document.getDateOfIssue()).isBetween(document.getShippedOnBoardDate(),
                            document.getShippedOnBoardDate().plusDays(3));
                }
            }
        }
    }

    @Test
    void optionalFieldsAreSometimesNullAndSometimesSet() {
        assertThat(documents).anyMatch(d -> d.getNotifyParty() == null).anyMatch(d -> d.getNotifyParty() != null);
        assertThat(documents).anyMatch(d -> d.getCarrier().getScac() == null).anyMatch(d -> d.getCarrier().getScac() != null);
        assertThat(documents).anyMatch(d -> d.getPortOfLoading().getUnlocode() == null);
        assertThat(documents).anyMatch(d -> d.getPlaceOfReceipt() != null);
        assertThat(documents).anyMatch(d -> d.getTotals().getVolumeM3() == null);
        assertThat(documents).anyMatch(d -> d.getFreightTerms() == null);
    }

    @Test
    void sameSeedGivesSameRecord() {
        ValuePool seen = ValuePool.seen(DATA);
        ShippingDocument first = GENERATOR.generate("x", seen, new Random(99));
        ShippingDocument second = GENERATOR.generate("x", seen, new Random(99));
        assertThat(CanonicalJson.toJson(second)).isEqualTo(CanonicalJson.toJson(first));
    }

    @Test
    void seenPoolHoldsNoHeldOutValues() {
        ValuePool seen = ValuePool.seen(DATA);
        ValuePool heldOut = ValuePool.heldOut(DATA);
        assertThat(seen.carriers()).noneMatch(ValuePool::isHeldOutCarrier).isNotEmpty();
        assertThat(heldOut.carriers()).allMatch(ValuePool::isHeldOutCarrier).isNotEmpty();
        assertThat(seen.seaPorts()).noneMatch(p -> ValuePool.isHeldOutPort(p.unlocode()));
        assertThat(heldOut.seaPorts()).isNotEmpty().allMatch(p -> ValuePool.isHeldOutPort(p.unlocode()));
        seen.countries().values().forEach(c -> assertThat(c.stems()).noneMatch(ValuePool::isHeldOutStem));
        seen.vesselWords().values().forEach(w -> assertThat(w).noneMatch(ValuePool::isHeldOutVesselWord));
        assertThat(heldOut.countries()).isNotEmpty();
    }

    private static List<Party> parties(ShippingDocument document) {
        List<Party> parties = new ArrayList<>(List.of(document.getShipper(), document.getConsignee()));
        if (document.getNotifyParty() != null) {
            parties.add(document.getNotifyParty());
        }
        return parties;
    }
}
