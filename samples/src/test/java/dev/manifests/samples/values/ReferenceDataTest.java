package dev.manifests.samples.values;

import dev.manifests.samples.values.ReferenceData.CountryWords;
import dev.manifests.schema.Party;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceDataTest {

    private static final ReferenceData DATA = ReferenceData.load();

    @Test
    void everyDataFileNamesItsSourceOnItsFirstLine() throws Exception {
        for (String file : List.of("sea-ports.tsv", "hs-codes.tsv", "carriers.tsv", "container-owners.tsv",
                "size-types.tsv", "package-types.tsv", "inland-places.tsv", "vessel-words.tsv", "parties.txt")) {
            try (InputStream in = ReferenceData.class.getResourceAsStream("/dev/manifests/samples/data/" + file);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                assertThat(reader.readLine()).as(file).startsWith("# ").hasSizeGreaterThan(60);
            }
        }
    }

    @Test
    void holdsHundredsOfRealPortsWithDistinctLocodes() {
        assertThat(DATA.seaPorts()).hasSizeGreaterThan(300);
        Set<String> codes = new HashSet<>();
        DATA.seaPorts().forEach(p -> {
            assertThat(p.unlocode()).matches("[A-Z]{2}[A-Z2-9]{3}").startsWith(p.countryCode());
            assertThat(codes.add(p.unlocode())).as(p.unlocode()).isTrue();
        });
        assertThat(DATA.seaPorts()).anyMatch(p -> p.unlocode().equals("NLRTM") && p.name().equals("Rotterdam"));
    }

    @Test
    void carriersHaveFourLetterScacsAndOwnerPrefixesEndingInU() {
        assertThat(DATA.carriers()).hasSizeGreaterThanOrEqualTo(13);
        DATA.carriers().forEach(c -> {
            assertThat(c.scac()).matches("[A-Z]{4}");
            assertThat(c.ownerPrefixes()).allMatch(p -> p.matches("[A-Z]{3}U"));
        });
        assertThat(DATA.lessorPrefixes()).allMatch(p -> p.matches("[A-Z]{3}U"));
        assertThat(DATA.carriers()).anyMatch(c -> c.scac().equals("MAEU") && c.name().startsWith("Maersk"));
    }

    @Test
    void hsCodesAreSixDigitsWithPrintableDescriptions() {
        assertThat(DATA.hsCodes()).hasSizeGreaterThan(300).allMatch(h -> h.code().matches("[0-9]{6}"))
                .allMatch(h -> WinAnsi.canPrint(h.description()));
    }

    @Test
    void everyCountryMakesPrintablePartiesFromEachOfItsPatterns() {
        assertThat(DATA.countries().keySet()).contains("DE", "FR", "ES", "IT", "NL", "PL", "TR", "CN", "JP", "KR",
                "VN", "IN", "AE", "BR", "MX", "US", "GB", "RU");
        Random random = new Random(8);
        for (CountryWords words : DATA.countries().values()) {
            assertThat(words.stems()).as(words.countryCode()).isNotEmpty();
            assertThat(words.cities()).as(words.countryCode()).isNotEmpty();
            for (int i = 0; i < 60; i++) {
                Party party = PartyGenerator.generate(words, i % 3 == 0, random);
                assertThat(WinAnsi.canPrint(party.getName())).as(party.getName()).isTrue();
                assertThat(WinAnsi.canPrint(party.getAddress())).as(party.getAddress()).isTrue();
                assertThat(party.getName()).doesNotContain("{").doesNotContain("  ");
            }
        }
    }
}
