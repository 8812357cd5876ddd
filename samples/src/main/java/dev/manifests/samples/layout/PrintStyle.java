package dev.manifests.samples.layout;

import dev.manifests.schema.Location;
import dev.manifests.schema.Party;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How one printed document writes its values: date, weight, volume, container number and place formats, as
 * different forms use them. Every format keeps the exact value recoverable (no rounding, no case changes).
 */
record PrintStyle(DateStyle date, WeightStyle weight, VolumeStyle volume, ContainerStyle container,
                  PlaceStyle place, boolean vesselPrefix) {

    enum DateStyle {
        DAY_MON_YEAR("dd-MMM-yyyy", true), US("MM/dd/yyyy", false), ISO("yyyy-MM-dd", false),
        DOTTED("dd.MM.yyyy", false), LONG("d MMM yyyy", false);

        final DateTimeFormatter formatter;
        final boolean upperCase;

        DateStyle(String pattern, boolean upperCase) {
            this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
            this.upperCase = upperCase;
        }
    }

    /** Grouping and decimal separators, minimum decimals and the unit a form prints weights with. */
    enum WeightStyle {
        ENGLISH_KGS(',', '.', 3, " KGS"), PLAIN_KG('\0', '.', 1, " KG"), CONTINENTAL(',', ',', 3, " kg"),
        ENGLISH_TWO(',', '.', 2, " KGS"), PLAIN_KGS('\0', '.', 0, " KGS");

        final char grouping;
        final char decimal;
        final int minDecimals;
        final String unit;

        WeightStyle(char grouping, char decimal, int minDecimals, String unit) {
            this.grouping = grouping == ',' && decimal == ',' ? '.' : grouping;
            this.decimal = decimal;
            this.minDecimals = minDecimals;
            this.unit = unit;
        }
    }

    enum VolumeStyle {
        CBM(" CBM", 3), M3(" M3", 1), LOWER_M3(" m3", 2), CUBIC(" CU.M", 3);

        final String unit;
        final int minDecimals;

        VolumeStyle(String unit, int minDecimals) {
            this.unit = unit;
            this.minDecimals = minDecimals;
        }
    }

    enum ContainerStyle { COMPACT, SPACE, SPACE_DASH, DASHES }

    enum PlaceStyle { NAME_CODE, CODE_NAME, NAME_SLASH_CODE }

    static PrintStyle random(Random random) {
        return new PrintStyle(pick(DateStyle.values(), random), pick(WeightStyle.values(), random),
                pick(VolumeStyle.values(), random), pick(ContainerStyle.values(), random),
                pick(PlaceStyle.values(), random), random.nextBoolean());
    }

    PrintStyle withDate(DateStyle style) {
        return new PrintStyle(style, weight, volume, container, place, vesselPrefix);
    }

    PrintStyle withWeight(WeightStyle style) {
        return new PrintStyle(date, style, volume, container, place, vesselPrefix);
    }

    static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    String date(LocalDate value) {
        String text = value.format(date.formatter);
        return date.upperCase ? text.toUpperCase(Locale.ENGLISH) : text;
    }

    /** The weight with its unit, e.g. "12,345.600 KGS". */
    String weight(double kg) {
        return number(kg, weight.minDecimals, weight.grouping, weight.decimal) + weight.unit;
    }

    /** The weight without unit, for table columns whose header names the unit. */
    String weightNumber(double kg) {
        return number(kg, weight.minDecimals, weight.grouping, weight.decimal);
    }

    String weightUnit() {
        return weight.unit.trim();
    }

    String volume(double m3) {
        return volumeNumber(m3) + volume.unit;
    }

    String volumeNumber(double m3) {
        return number(m3, volume.minDecimals, '\0', weight.decimal);
    }

    String volumeUnit() {
        return volume.unit.trim();
    }

    String count(int value) {
        return number(value, 0, weight.grouping, weight.decimal);
    }

    String container(String number) {
        if (number.length() != 11) {
            return number;
        }
        String owner = number.substring(0, 4);
        String serial = number.substring(4, 10);
        String check = number.substring(10);
        return switch (container) {
            case COMPACT -> number;
            case SPACE -> owner + " " + serial + check;
            case SPACE_DASH -> owner + " " + serial + "-" + check;
            case DASHES -> owner + "-" + serial + "-" + check;
        };
    }

    String place(Location location) {
        if (location.getUnlocode() == null) {
            return location.getName();
        }
        return switch (place) {
            case NAME_CODE -> location.getName() + " (" + location.getUnlocode() + ")";
            case CODE_NAME -> location.getUnlocode() + " - " + location.getName();
            case NAME_SLASH_CODE -> location.getName() + " / " + location.getUnlocode();
        };
    }

    String vessel(String name) {
        return vesselPrefix ? "M/V " + name : name;
    }

    /** Longest address line a form prints before breaking at the next comma. */
    private static final int ADDRESS_LINE_CHARS = 34;

    /**
     * Name and address lines; the record joins address lines with ", ", so the address is broken only at those
     * commas, packing parts into lines of moderate length. The country code is printed only when there is no
     * address to tell the country from.
     */
    static List<String> party(Party party) {
        List<String> lines = new ArrayList<>();
        lines.add(party.getName());
        if (party.getAddress() != null) {
            StringBuilder line = new StringBuilder();
            for (String part : party.getAddress().split(", ")) {
                if (!line.isEmpty() && line.length() + 2 + part.length() > ADDRESS_LINE_CHARS) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.isEmpty() ? "" : ", ").append(part);
            }
            lines.add(line.toString());
        } else if (party.getCountryCode() != null) {
            lines.add("Country: " + party.getCountryCode());
        }
        return lines;
    }

    static String number(double value, int minDecimals, char grouping, char decimal) {
        int scale = Math.max(minDecimals, Math.max(0, BigDecimal.valueOf(value).stripTrailingZeros().scale()));
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setDecimalSeparator(decimal);
        if (grouping != '\0') {
            symbols.setGroupingSeparator(grouping);
        }
        DecimalFormat format = new DecimalFormat(grouping == '\0' ? "0" : "#,##0", symbols);
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        format.setGroupingUsed(grouping != '\0');
        return format.format(BigDecimal.valueOf(value).setScale(scale, java.math.RoundingMode.UNNECESSARY));
    }
}
