package dev.manifests.schema.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        try (InputStream in = CarrierNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path beside " + CarrierNames.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                carriers.add(new Carrier(columns[0], columns[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return List.copyOf(carriers);
    }
}
