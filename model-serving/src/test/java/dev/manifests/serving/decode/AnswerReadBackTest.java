package dev.manifests.serving.decode;

import dev.manifests.schema.Carrier;
import dev.manifests.schema.Container;
import dev.manifests.schema.Location;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerReadBackTest {

    private static final PrintedText NOTHING_PRINTED = PrintedText.of("");

    private static DecodedAnswer answer(ShippingDocument document) {
        return new DecodedAnswer(CanonicalJson.toModelJson(document), Map.of("containers[0].containerNumber", 0.75), 100, 40, 30);
    }

    @Test
    void readsAContainerNumberOcrMisreadBackAndKeepsTheRestOfTheAnswer() throws InvalidRecordException {
        ShippingDocument truth = Truths.full();
        Container misread = Container.newBuilder(truth.getContainers().get(0)).setContainerNumber("MSKUI23456S").build();
        DecodedAnswer answer = answer(ShippingDocument.newBuilder(truth)
                .setContainers(List.of(misread, truth.getContainers().get(1))).build());

        DecodedAnswer read = AnswerReadBack.of(answer, NOTHING_PRINTED);

        assertThat(CanonicalJson.fromJson(read.json(), "d").getContainers()).extracting(Container::getContainerNumber)
                .containsExactly("MSKU1234565", truth.getContainers().get(1).getContainerNumber());
        assertThat(read.json()).isEqualTo(CanonicalJson.toModelJson(truth));
        assertThat(read.fieldConfidence()).isEqualTo(answer.fieldConfidence());
        assertThat(read.promptTokens()).isEqualTo(100);
    }

    @Test
    void returnsTheSameAnswerWhenNothingIsMisread() {
        DecodedAnswer answer = answer(Truths.full());

        assertThat(AnswerReadBack.of(answer, PrintedText.of("Port of loading: Hamburg / DEHAM"))).isSameAs(answer);
    }

    @Test
    void leavesAWrongCheckDigitAndAnAnswerThatDoesNotParseAsTheyAre() {
        ShippingDocument truth = Truths.full();
        Container wrongDigit = Container.newBuilder(truth.getContainers().get(0)).setContainerNumber("MSKU1234566").build();
        DecodedAnswer answer = answer(ShippingDocument.newBuilder(truth).setContainers(List.of(wrongDigit)).build());
        DecodedAnswer broken = new DecodedAnswer("{\"documentType\":", Map.of(), 1, 1, 1);

        assertThat(AnswerReadBack.of(answer, NOTHING_PRINTED)).isSameAs(answer);
        assertThat(AnswerReadBack.of(broken, NOTHING_PRINTED)).isSameAs(broken);
    }

    @Test
    void namesAPlaceAsTheDocumentPrintsItsCodesName() throws InvalidRecordException {
        ShippingDocument answered = ShippingDocument.newBuilder(Truths.full())
                .setPortOfLoading(new Location("Voyage", "DEHAM"))
                .setPortOfDischarge(new Location("Gioia", "ITGIT"))
                .build();
        PrintedText printed = PrintedText.of("Voyage 123E  Port of loading HAMBURG / DEHAM\nPort of discharge Gioia Tauro / ITGIT");

        ShippingDocument read = CanonicalJson.fromJson(AnswerReadBack.of(answer(answered), printed).json(), "d");

        assertThat(read.getPortOfLoading()).isEqualTo(new Location("HAMBURG", "DEHAM"));
        assertThat(read.getPortOfDischarge()).isEqualTo(new Location("Gioia Tauro", "ITGIT"));
    }

    @Test
    void keepsAnyOfACodesNamesAndANameTheDocumentDoesNotPrint() {
        DecodedAnswer naples = answer(ShippingDocument.newBuilder(Truths.full())
                .setPortOfLoading(new Location("Naples", "ITNAP")).build());
        DecodedAnswer unprinted = answer(ShippingDocument.newBuilder(Truths.full())
                .setPortOfLoading(new Location("Voyage", "DEHAM")).build());
        DecodedAnswer unknownCode = answer(ShippingDocument.newBuilder(Truths.full())
                .setPortOfLoading(new Location("Voyage", "XXZZZ")).build());

        assertThat(AnswerReadBack.of(naples, PrintedText.of("Port of loading: Naples / ITNAP, Via Napoli 3"))).isSameAs(naples);
        assertThat(AnswerReadBack.of(unprinted, PrintedText.of("Voyage 123E, port of loading DEHAM"))).isSameAs(unprinted);
        assertThat(AnswerReadBack.of(unknownCode, PrintedText.of("Hamburg"))).isSameAs(unknownCode);
    }

    @Test
    void givesACarrierItsNameAsPrintedWhenTheAnswerFallsShortOfItOrHasItsScac() throws InvalidRecordException {
        DecodedAnswer shortName = answer(ShippingDocument.newBuilder(Truths.full())
                .setCarrier(new Carrier("ZIM Integrated Shipping", null)).build());
        DecodedAnswer byScac = answer(ShippingDocument.newBuilder(Truths.full())
                .setCarrier(new Carrier("Seab Delivery Marine Corp.", "SMLU")).build());
        PrintedText printed = PrintedText.of("ZIM INTEGRATED SHIPPING SERVICES\nLTD.\nCarrier: Seaboard Marine Ltd.");

        assertThat(CanonicalJson.fromJson(AnswerReadBack.of(shortName, printed).json(), "d").getCarrier())
                .isEqualTo(new Carrier("ZIM INTEGRATED SHIPPING SERVICES LTD.", null));
        assertThat(CanonicalJson.fromJson(AnswerReadBack.of(byScac, printed).json(), "d").getCarrier())
                .isEqualTo(new Carrier("Seaboard Marine Ltd.", "SMLU"));
    }

    @Test
    void keepsACarrierNameNoKnownCarrierPrintsOrExplains() {
        DecodedAnswer unknown = answer(ShippingDocument.newBuilder(Truths.full())
                .setCarrier(new Carrier("Nordic Feeder Lines", null)).build());
        DecodedAnswer unprinted = answer(ShippingDocument.newBuilder(Truths.full())
                .setCarrier(new Carrier("ZIM Integrated Shipping", null)).build());

        assertThat(AnswerReadBack.of(unknown, PrintedText.of("Nordic Feeder Lines, Seaboard Marine Ltd."))).isSameAs(unknown);
        assertThat(AnswerReadBack.of(unprinted, PrintedText.of("ZIM Integrated Shipping"))).isSameAs(unprinted);
    }
}
