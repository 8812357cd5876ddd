package dev.manifests.schema.codes;

import java.util.ArrayList;
import java.util.List;

/**
 * Ocean carriers by SCAC with the name each prints on its documents ({@code carrier-names.tsv}, with its sources).
 */
public final class CarrierNames {

    /** A carrier: its Standard Carrier Alpha Code and its name as printed. */
    public record Carrier(String scac, String name) {
    }

    private static final String RESOURCE = "carrier-names.tsv";
    private static final List<Carrier> CARRIERS = read();

    private CarrierNames() {
    }

    /** Every carrier of the list, in its order. */
    public static List<Carrier> all() {
        return CARRIERS;
    }

    private static List<Carrier> read() {
        List<Carrier> carriers = new ArrayList<>();
        for (String[] columns : CodeListFile.rows(CarrierNames.class, RESOURCE)) {
            carriers.add(new Carrier(columns[0], columns[1]));
        }
        return List.copyOf(carriers);
    }
}
