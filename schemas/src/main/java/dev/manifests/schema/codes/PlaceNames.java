package dev.manifests.schema.codes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names documents print for places with a UN/LOCODE: each sea port's name, aliases and city, and the common
 * English names of ports and inland hubs ({@code place-names.tsv}, with its sources). A code has several names
 * ({@code ITNAP}: Napoli, Naples); a code not in the list has none.
 */
public final class PlaceNames {

    private static final String RESOURCE = "place-names.tsv";
    private static final Map<String, List<String>> NAMES = read();

    private PlaceNames() {
    }

    /** The names of the place with this UN/LOCODE, its main name first; empty when the code is not in the list. */
    public static List<String> of(String unlocode) {
        return unlocode == null ? List.of() : NAMES.getOrDefault(unlocode, List.of());
    }

    private static Map<String, List<String>> read() {
        Map<String, List<String>> names = new HashMap<>();
        for (String[] columns : CodeListFile.rows(PlaceNames.class, RESOURCE)) {
            names.put(columns[0], List.copyOf(Arrays.asList(columns).subList(1, columns.length)));
        }
        return Map.copyOf(names);
    }
}
