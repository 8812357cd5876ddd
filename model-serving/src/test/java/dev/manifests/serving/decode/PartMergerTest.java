package dev.manifests.serving.decode;

import dev.manifests.schema.Container;
import dev.manifests.schema.Location;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PartMergerTest {

    @Test
    void joinsContainersInOrderAndKeepsFirstNonNullHeaderFields() throws InvalidRecordException {
        ShippingDocument full = Truths.full();
        ShippingDocument first = ShippingDocument.newBuilder(full)
                .setVesselName(null)
                .setShipper(new Party("Hanse Maschinenbau GmbH", null, "DE"))
                .setContainers(List.of(full.getContainers().get(0)))
                .setTotals(new Totals(0, 0, 0.0, null))
                .build();
        ShippingDocument second = ShippingDocument.newBuilder(full)
                .setBookingNumber("OTHER-BOOKING")
                .setPortOfLoading(new Location("Bremerhaven", "DEBRV"))
                .setContainers(full.getContainers())
                .build();

        ShippingDocument merged = CanonicalJson.fromJson(PartMerger.merge(List.of(
                CanonicalJson.toModelJson(first), CanonicalJson.toModelJson(second))), "d");

        assertThat(merged.getVesselName()).as("first non-null").isEqualTo(full.getVesselName());
        assertThat(merged.getBookingNumber()).as("first part wins").isEqualTo(full.getBookingNumber());
        assertThat(merged.getPortOfLoading().getName()).isEqualTo("Hamburg");
        assertThat(merged.getShipper().getAddress()).as("nested gaps filled").isEqualTo(full.getShipper().getAddress());
        assertThat(merged.getContainers()).extracting(Container::getContainerNumber)
                .containsExactly("MSKU1234565", "TGHU7654321");
        assertThat(merged.getTotals()).isEqualTo(full.getTotals());
    }

    @Test
    void fillsADuplicateContainersGapsInsteadOfRepeatingIt() throws InvalidRecordException {
        ShippingDocument full = Truths.full();
        Container partial = Container.newBuilder(full.getContainers().get(0)).setSealNumber(null).setHsCodes(List.of("847990")).build();
        ShippingDocument first = ShippingDocument.newBuilder(full).setContainers(List.of(partial)).build();
        ShippingDocument second = ShippingDocument.newBuilder(full).setContainers(full.getContainers()).build();

        ShippingDocument merged = CanonicalJson.fromJson(PartMerger.merge(List.of(
                CanonicalJson.toModelJson(first), CanonicalJson.toModelJson(second))), "d");

        assertThat(merged.getContainers()).hasSize(2);
        assertThat(merged.getContainers().get(0).getSealNumber()).isEqualTo("SL998877");
        assertThat(merged.getContainers().get(0).getHsCodes()).containsExactly("847990", "848340");
    }

    @Test
    void keepsANumberOnePartNamesTwiceAsTwoContainers() throws InvalidRecordException {
        ShippingDocument full = Truths.full();
        Container first = full.getContainers().get(0);
        Container misread = Container.newBuilder(full.getContainers().get(1)).setContainerNumber(first.getContainerNumber()).build();
        Container later = Container.newBuilder(first).setContainerNumber("TCLU7777774").build();
        ShippingDocument opening = ShippingDocument.newBuilder(full).setContainers(List.of(first, misread)).build();
        ShippingDocument closing = ShippingDocument.newBuilder(full).setContainers(List.of(later)).build();

        ShippingDocument merged = CanonicalJson.fromJson(PartMerger.merge(List.of(
                CanonicalJson.toModelJson(opening), CanonicalJson.toModelJson(closing))), "d");

        assertThat(merged.getContainers()).extracting(Container::getContainerNumber)
                .containsExactly(first.getContainerNumber(), first.getContainerNumber(), "TCLU7777774");
        assertThat(merged.getContainers().get(1).getDescription()).isEqualTo(full.getContainers().get(1).getDescription());
    }

    @Test
    void mergesAContainerOnePartPrintsTwiceAlike() throws InvalidRecordException {
        ShippingDocument full = Truths.full();
        Container first = full.getContainers().get(0);
        Container again = Container.newBuilder(first).setSealNumber(null).build();
        ShippingDocument part = ShippingDocument.newBuilder(full).setContainers(List.of(first, again, full.getContainers().get(1))).build();

        ShippingDocument merged = CanonicalJson.fromJson(PartMerger.merge(List.of(CanonicalJson.toModelJson(part),
                CanonicalJson.toModelJson(ShippingDocument.newBuilder(full).setContainers(List.of()).build()))), "d");

        assertThat(merged.getContainers()).extracting(Container::getContainerNumber)
                .containsExactly(first.getContainerNumber(), full.getContainers().get(1).getContainerNumber());
    }

    @Test
    void takesTotalsFromTheLastPartThatStatesThem() throws InvalidRecordException {
        ShippingDocument full = Truths.full();
        ShippingDocument early = ShippingDocument.newBuilder(full).setTotals(new Totals(1, 120, 12345.6, null)).build();
        ShippingDocument last = ShippingDocument.newBuilder(full).setTotals(new Totals(2, 140, 32345.6, null)).build();
        ShippingDocument silent = ShippingDocument.newBuilder(full).setTotals(new Totals(0, 0, 0.0, null)).build();
        ShippingDocument withVolume = ShippingDocument.newBuilder(full).setTotals(new Totals(0, 0, 0.0, 58.25)).build();

        String merged = PartMerger.merge(List.of(CanonicalJson.toModelJson(early), CanonicalJson.toModelJson(last),
                CanonicalJson.toModelJson(silent)));
        assertThat(CanonicalJson.fromJson(merged, "d").getTotals()).isEqualTo(new Totals(2, 140, 32345.6, null));

        String withLaterVolume = PartMerger.merge(List.of(CanonicalJson.toModelJson(last), CanonicalJson.toModelJson(withVolume)));
        assertThat(CanonicalJson.fromJson(withLaterVolume, "d").getTotals()).isEqualTo(new Totals(2, 140, 32345.6, 58.25));
    }

    @Test
    void confidencesFollowTheValuesIntoTheMergedAnswer() {
        ShippingDocument full = Truths.full();
        ShippingDocument first = ShippingDocument.newBuilder(full).setVesselName(null)
                .setContainers(List.of(full.getContainers().get(0))).setTotals(new Totals(0, 0, 0.0, null)).build();
        ShippingDocument second = ShippingDocument.newBuilder(full)
                .setContainers(List.of(full.getContainers().get(1), full.getContainers().get(0))).build();
        DecodedAnswer one = new DecodedAnswer(CanonicalJson.toModelJson(first), java.util.Map.of(
                "vesselName", 0.9, "bookingNumber", 0.8, "containers[0].grossWeightKg", 0.7, "totals.packageCount", 0.1),
                100, 50, 20);
        DecodedAnswer two = new DecodedAnswer(CanonicalJson.toModelJson(second), java.util.Map.of(
                "vesselName", 0.6, "bookingNumber", 0.3, "containers[0].grossWeightKg", 0.5,
                "containers[1].grossWeightKg", 0.4, "totals.packageCount", 0.95), 120, 70, 30);

        DecodedAnswer merged = PartMerger.mergeDecoded(List.of(one, two));

        assertThat(merged.json()).isEqualTo(PartMerger.merge(List.of(one.json(), two.json())));
        assertThat(merged.fieldConfidence()).containsEntry("vesselName", 0.6).containsEntry("bookingNumber", 0.8)
                .containsEntry("containers[0].grossWeightKg", 0.4).containsEntry("containers[1].grossWeightKg", 0.5)
                .containsEntry("totals.packageCount", 0.95);
        assertThat(new int[] {merged.promptTokens(), merged.answerTokens(), merged.decodedTokens()})
                .containsExactly(220, 120, 50);
    }

    @Test
    void aSinglePartComesBackUnchanged() {
        String json = CanonicalJson.toModelJson(Truths.full());
        assertThat(PartMerger.merge(List.of(json))).isEqualTo(json);
    }
}
