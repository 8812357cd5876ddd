package dev.manifests.samples.values;

import dev.manifests.samples.values.ReferenceData.CarrierStyle;
import dev.manifests.samples.values.ReferenceData.CountryWords;
import dev.manifests.samples.values.ReferenceData.Port;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The values one kind of document may draw from. Some carriers, ports, company-name stems and vessel-name words
 * are held out: they appear only in the {@link #heldOut(ReferenceData) held-out pool}, which only the test split
 * uses, so a test can measure extraction of values never seen in training. Everything else (HS codes, inland
 * places, container types, streets, cities) is shared.
 *
 * <p>The partition depends only on the values themselves (a fixed hash), so it is the same for every seed.
 */
public record ValuePool(boolean isHeldOut, List<CarrierStyle> carriers, List<Port> seaPorts,
                        Map<String, CountryWords> countries, Map<String, List<String>> vesselWords) {

    /** Carriers named outright as held out (by SCAC). */
    public static final Set<String> HELD_OUT_CARRIERS = Set.of("ZIMU", "WHLC", "MATS", "SMLU");

    private static final int PORT_HOLDOUT_MODULUS = 8;
    private static final int STEM_HOLDOUT_MODULUS = 6;
    private static final int VESSEL_WORD_HOLDOUT_MODULUS = 6;

    /** The values every split may use. */
    public static ValuePool seen(ReferenceData data) {
        return build(data, false);
    }

    /** The values only the test split uses. */
    public static ValuePool heldOut(ReferenceData data) {
        return build(data, true);
    }

    public static boolean isHeldOutCarrier(CarrierStyle carrier) {
        return HELD_OUT_CARRIERS.contains(carrier.scac());
    }

    public static boolean isHeldOutPort(String unlocode) {
        return bucket("port:" + unlocode, PORT_HOLDOUT_MODULUS);
    }

    public static boolean isHeldOutStem(String stem) {
        return bucket("stem:" + stem, STEM_HOLDOUT_MODULUS);
    }

    public static boolean isHeldOutVesselWord(String word) {
        return bucket("vessel:" + word, VESSEL_WORD_HOLDOUT_MODULUS);
    }

    /** The countries whose parties this pool can name (those with at least one stem in it). */
    public List<String> partyCountries() {
        return List.copyOf(countries.keySet());
    }

    private static ValuePool build(ReferenceData data, boolean heldOut) {
        List<CarrierStyle> carriers = filter(data.carriers(), c -> isHeldOutCarrier(c) == heldOut);
        List<Port> ports = filter(data.seaPorts(), p -> isHeldOutPort(p.unlocode()) == heldOut);
        Map<String, CountryWords> countries = new LinkedHashMap<>();
        for (CountryWords words : data.countries().values()) {
            List<String> stems = filter(words.stems(), s -> isHeldOutStem(s) == heldOut);
            if (!stems.isEmpty()) {
                countries.put(words.countryCode(), new CountryWords(words.countryCode(), words.country(), stems,
                        words.trades(), words.forms(), words.namePatterns(), words.streets(), words.cities(),
                        words.addressPatterns(), words.districts(), words.regions()));
            }
        }
        Map<String, List<String>> vesselWords = new LinkedHashMap<>();
        data.vesselWords().forEach((slot, words) ->
                vesselWords.put(slot, filter(words, w -> isHeldOutVesselWord(w) == heldOut)));
        return new ValuePool(heldOut, carriers, ports, Collections.unmodifiableMap(countries),
                Collections.unmodifiableMap(vesselWords));
    }

    private static <T> List<T> filter(List<T> values, Predicate<T> keep) {
        List<T> kept = new ArrayList<>();
        for (T value : values) {
            if (keep.test(value)) {
                kept.add(value);
            }
        }
        return List.copyOf(kept);
    }

    /** A fixed hash (String.hashCode is specified by the language) spread by a multiplicative mix. */
    private static boolean bucket(String key, int modulus) {
        int hash = key.hashCode() * 0x9E3779B1;
        return Math.floorMod(hash ^ (hash >>> 16), modulus) == 0;
    }
}
