package dev.manifests.samples.values;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real-world values documents are made of (ports, HS codes, carriers, container owners, size/type codes,
 * package kinds, word lists for parties), read from the data files under {@code dev/manifests/samples/data}, each
 * of which names its source on its first line.
 */
public record ReferenceData(
        List<Port> seaPorts,
        List<Port> inlandPlaces,
        List<HsCode> hsCodes,
        List<CarrierStyle> carriers,
        List<String> lessorPrefixes,
        List<SizeType> sizeTypes,
        List<PackageKind> packageKinds,
        Map<String, List<String>> vesselWords,
        Map<String, CountryWords> countries) {

    /**
     * A port or inland place with its UN/LOCODE; {@code countryCode} is ISO 3166-1 alpha-2, {@code main} marks
     * the large container ports most shipments pass through.
     */
    public record Port(String unlocode, String name, String country, String countryCode, boolean main) {
    }

    /** A six-digit HS subheading and a description as a B/L would print it. */
    public record HsCode(String code, String description) {
        public int chapter() {
            return Integer.parseInt(code.substring(0, 2));
        }
    }

    /**
     * An ocean carrier and the way it writes its numbers. Patterns: {@code #} a digit, {@code @} a letter,
     * {@code *} a letter or digit, {@code ^} a voyage direction (N, S, E, W), anything else literal; vessel
     * patterns name a word list in braces ({@code MAERSK {city}}).
     */
    public record CarrierStyle(String scac, String name, String billOfLadingPattern, String bookingPattern,
                               String voyagePattern, String vesselPattern, List<String> ownerPrefixes) {
    }

    /** An ISO 6346 size/type code with what one box of it holds. */
    public record SizeType(String code, String label, int maxCargoKg, double volumeM3, boolean reefer, int share) {
    }

    /** A kind of package, the weight and volume of one, and the HS chapters it carries (empty: any). */
    public record PackageKind(String plural, String singular, int minKg, int maxKg, double minM3, double maxM3,
                              Set<Integer> chapters) {
        public boolean carries(int chapter) {
            return chapters.isEmpty() || chapters.contains(chapter);
        }
    }

    /** Word lists of one country for company names and addresses (see data/parties.txt for the keys). */
    public record CountryWords(String countryCode, String country, List<String> stems, List<String> trades,
                               List<String> forms, List<String> namePatterns, List<String> streets,
                               List<City> cities, List<String> addressPatterns, List<String> districts,
                               List<String> regions) {
    }

    /** A city with its postcode shape ({@code #} digit, {@code @} letter; empty where none is used) and region. */
    public record City(String name, String postcodePattern, String region) {
    }

    private static final String DATA = "/dev/manifests/samples/data/";

    private static final class Holder {
        private static final ReferenceData INSTANCE = read();
    }

    /** The reference data on the class path, read once (the records are immutable). */
    public static ReferenceData load() {
        return Holder.INSTANCE;
    }

    private static ReferenceData read() {
        List<Port> seaPorts = new ArrayList<>();
        for (String[] row : rows("sea-ports.tsv")) {
            seaPorts.add(new Port(row[0], row[1], row[2], row[3], Boolean.parseBoolean(row[4])));
        }
        List<Port> inland = new ArrayList<>();
        for (String[] row : rows("inland-places.tsv")) {
            inland.add(new Port(row[0], row[1], row[2], row[3], false));
        }
        List<HsCode> hsCodes = new ArrayList<>();
        for (String[] row : rows("hs-codes.tsv")) {
            hsCodes.add(new HsCode(row[0], row[1]));
        }
        List<CarrierStyle> carriers = new ArrayList<>();
        for (String[] row : rows("carriers.tsv")) {
            carriers.add(new CarrierStyle(row[0], row[1], row[2], row[3], row[4], row[5], List.of(row[6].split(","))));
        }
        List<String> lessors = new ArrayList<>();
        for (String[] row : rows("container-owners.tsv")) {
            lessors.add(row[0]);
        }
        List<SizeType> sizeTypes = new ArrayList<>();
        for (String[] row : rows("size-types.tsv")) {
            sizeTypes.add(new SizeType(row[0], row[1], Integer.parseInt(row[2]), Double.parseDouble(row[3]),
                    Boolean.parseBoolean(row[4]), Integer.parseInt(row[5])));
        }
        List<PackageKind> packages = new ArrayList<>();
        for (String[] row : rows("package-types.tsv")) {
            Set<Integer> chapters = row[6].equals("*") ? Set.of()
                    : Set.copyOf(Arrays.stream(row[6].split(",")).map(Integer::valueOf).toList());
            packages.add(new PackageKind(row[0], row[1], Integer.parseInt(row[2]), Integer.parseInt(row[3]),
                    Double.parseDouble(row[4]), Double.parseDouble(row[5]), chapters));
        }
        Map<String, List<String>> vesselWords = new LinkedHashMap<>();
        for (String[] row : rows("vessel-words.tsv")) {
            vesselWords.put(row[0], List.of(row[1].split("\\|")));
        }
        return new ReferenceData(List.copyOf(seaPorts), List.copyOf(inland), List.copyOf(hsCodes),
                List.copyOf(carriers), List.copyOf(lessors), List.copyOf(sizeTypes), List.copyOf(packages),
                Collections.unmodifiableMap(vesselWords), Collections.unmodifiableMap(readCountries()));
    }

    private static Map<String, CountryWords> readCountries() {
        Map<String, CountryWords> countries = new LinkedHashMap<>();
        Map<String, String> section = null;
        String code = null;
        for (String line : lines("parties.txt")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                if (code != null) {
                    countries.put(code, country(code, section));
                }
                code = trimmed.substring(1, trimmed.length() - 1);
                section = new LinkedHashMap<>();
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (section == null || equals < 0) {
                throw new IllegalStateException(
                        "parties.txt: line outside a [country] section or without '=': " + line);
            }
            section.put(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
        }
        if (code != null) {
            countries.put(code, country(code, section));
        }
        return countries;
    }

    private static CountryWords country(String code, Map<String, String> section) {
        List<City> cities = new ArrayList<>();
        for (String entry : list(section, "cities")) {
            String[] parts = entry.split(";", -1);
            cities.add(new City(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : ""));
        }
        return new CountryWords(code, required(section, code, "country"), list(section, "stems"),
                list(section, "trades"), list(section, "forms"), list(section, "names"), list(section, "streets"),
                List.copyOf(cities), list(section, "address"), list(section, "districts"), list(section, "regions"));
    }

    private static String required(Map<String, String> section, String code, String key) {
        String value = section.get(key);
        if (value == null) {
            throw new IllegalStateException("parties.txt: [" + code + "] has no " + key);
        }
        return value;
    }

    private static List<String> list(Map<String, String> section, String key) {
        String value = section.get(key);
        return value == null || value.isEmpty() ? List.of() : List.of(value.split("\\|"));
    }

    private static List<String[]> rows(String file) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    private static List<String> lines(String file) {
        try (InputStream in = ReferenceData.class.getResourceAsStream(DATA + file)) {
            if (in == null) {
                throw new IllegalStateException("missing data file " + DATA + file);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DATA + file, e);
        }
    }
}
