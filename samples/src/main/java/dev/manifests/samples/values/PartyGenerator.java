package dev.manifests.samples.values;

import dev.manifests.samples.values.ReferenceData.City;
import dev.manifests.samples.values.ReferenceData.CountryWords;
import dev.manifests.schema.Party;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes up a company and its postal address in one country from the word lists of a {@link ValuePool}: a name
 * such as "Weißbach Logistik GmbH" or "Ningbo Hengtai Import &amp; Export Co., Ltd." and an address in the
 * country's own order, sometimes ending with the country's name.
 */
final class PartyGenerator {

    private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");

    private PartyGenerator() {
    }

    /**
     * @param upperCase whether the document prints parties in capitals (then the truth is in capitals too)
     */
    static Party generate(CountryWords words, boolean upperCase, Random random) {
        City city = pick(words.cities(), random);
        String name = fill(pick(words.namePatterns(), random), words, city, random);
        String address = null;
        String countryCode = null;
        if (random.nextInt(100) >= 4) {
            address = tidy(fill(pick(words.addressPatterns(), random), words, city, random));
            if (random.nextInt(100) < 60) {
                address = address + ", " + words.country();
            }
            countryCode = words.countryCode();
        }
        if (upperCase) {
            name = name.toUpperCase(Locale.ROOT);
            address = address == null ? null : address.toUpperCase(Locale.ROOT);
        }
        return Party.newBuilder().setName(tidy(name)).setAddress(address).setCountryCode(countryCode).build();
    }

    private static String fill(String pattern, CountryWords words, City city, Random random) {
        Matcher slots = SLOT.matcher(pattern);
        StringBuilder out = new StringBuilder();
        String lastStem = null;
        while (slots.find()) {
            String value = switch (slots.group(1)) {
                case "stem" -> {
                    String stem = pick(words.stems(), random);
                    if (stem.equals(lastStem) && words.stems().size() > 1) {
                        stem = pick(words.stems(), random);
                    }
                    lastStem = stem;
                    yield stem;
                }
                case "trade" -> pick(words.trades(), random);
                case "form" -> pick(words.forms(), random);
                case "city" -> city.name();
                case "street" -> pick(words.streets(), random);
                case "n" -> Integer.toString(1 + random.nextInt(random.nextInt(4) == 0 ? 999 : 180));
                case "postcode" -> Patterns.expand(city.postcodePattern(), random);
                case "district" -> words.districts().isEmpty() ? "" : pick(words.districts(), random);
                case "region" -> !city.region().isEmpty() ? city.region()
                        : words.regions().isEmpty() ? "" : pick(words.regions(), random);
                default -> throw new IllegalStateException("parties.txt: unknown slot {" + slots.group(1)
                        + "} in pattern " + pattern);
            };
            slots.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        slots.appendTail(out);
        return out.toString();
    }

    /** Collapses the doubled spaces and empty list items an empty slot (a missing postcode) leaves behind. */
    private static String tidy(String text) {
        return text.replaceAll("\\s+", " ").replaceAll("( ,)+", ",").replaceAll(",(\\s*,)+", ",")
                .replaceAll("^[\\s,]+|[\\s,]+$", "").trim();
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
