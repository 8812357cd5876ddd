package dev.manifests.schema.codes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceNamesTest {

    @Test
    void givesEveryNameOfAPortMainNameFirst() {
        assertThat(PlaceNames.of("ITNAP")).containsExactly("Napoli", "Naples");
        assertThat(PlaceNames.of("DEHAM")).containsExactly("Hamburg");
        assertThat(PlaceNames.of("ESAGP")).contains("Malaga", "Málaga");
    }

    @Test
    void knowsInlandPlacesOfReceiptAndDelivery() {
        assertThat(PlaceNames.of("DEDUI")).contains("Duisburg");
    }

    @Test
    void hasNoNamesForAnUnknownOrMissingCode() {
        assertThat(PlaceNames.of("XXZZZ")).isEmpty();
        assertThat(PlaceNames.of(null)).isEmpty();
    }
}
