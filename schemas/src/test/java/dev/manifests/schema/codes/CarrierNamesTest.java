package dev.manifests.schema.codes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierNamesTest {

    @Test
    void listsCarriersWithTheirScacAndPrintedName() {
        assertThat(CarrierNames.all()).contains(new CarrierNames.Carrier("SMLU", "Seaboard Marine Ltd."),
                new CarrierNames.Carrier("MAEU", "Maersk A/S"));
        assertThat(CarrierNames.all()).allSatisfy(carrier -> assertThat(carrier.scac()).matches("[A-Z]{4}"));
    }
}
