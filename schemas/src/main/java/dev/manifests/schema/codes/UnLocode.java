package dev.manifests.schema.codes;

import java.util.Locale;
import java.util.Set;

/**
 * UN/LOCODE location codes: an ISO 3166-1 alpha-2 country code followed by three characters from A-Z and 2-9
 * (e.g. {@code NLRTM} for Rotterdam, {@code USNYC} for New York). Only the shape is checked, not the code list.
 */
public final class UnLocode {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private UnLocode() {
    }

    /**
     * Tells whether a code has the UN/LOCODE shape with an existing country; one space between country and
     * location ("NL RTM"), as the code list prints it, is accepted.
     */
    public static boolean isWellFormed(String code) {
        if (code == null) {
            return false;
        }
        String compact = code.length() == 6 && code.charAt(2) == ' ' ? code.substring(0, 2) + code.substring(3) : code;
        return compact.matches("[A-Z]{2}[A-Z2-9]{3}") && COUNTRIES.contains(compact.substring(0, 2));
    }
}
