package dev.manifests.samples.layout;

import dev.manifests.schema.Container;
import dev.manifests.schema.Location;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a printed document must contain for each value of its record to be recoverable. */
final class RecoverableValues {

    private static final Pattern CONTAINER = Pattern.compile("\\b([A-Z]{4})[ -]?(\\d{6})-?(\\d)\\b");

    private RecoverableValues() {
    }

    /** Identifiers that are never wrapped, so they appear contiguously in any rendering. */
    static List<String> of(ShippingDocument record) {
        List<String> values = new ArrayList<>();
        values.add(record.getBillOfLadingNumber());
        addIfSet(values, record.getBookingNumber());
        addIfSet(values, record.getCarrier().getScac());
        addIfSet(values, record.getVesselName());
        addIfSet(values, record.getVoyageNumber());
        for (Location location : locations(record)) {
            values.add(location.getName());
            addIfSet(values, location.getUnlocode());
        }
        for (Container container : record.getContainers()) {
            addIfSet(values, container.getSealNumber());
            addIfSet(values, container.getSizeTypeCode());
            values.add(container.getPackageType());
            values.addAll(container.getHsCodes());
        }
        return values;
    }

    /** Words of the values that may wrap over lines: names, addresses, descriptions. */
    static Set<String> words(ShippingDocument record) {
        Set<String> words = new LinkedHashSet<>();
        List<Party> parties = new ArrayList<>(List.of(record.getShipper(), record.getConsignee()));
        if (record.getNotifyParty() != null) {
            parties.add(record.getNotifyParty());
        }
        for (Party party : parties) {
            addWords(words, party.getName());
            addWords(words, party.getAddress());
            addIfSet(new ArrayList<>(), party.getCountryCode());
        }
        addWords(words, record.getCarrier().getName());
        for (Container container : record.getContainers()) {
            addWords(words, container.getDescription());
        }
        return words;
    }

    static Set<String> containerNumbers(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher matcher = CONTAINER.matcher(text);
        while (matcher.find()) {
            numbers.add(matcher.group(1) + matcher.group(2) + matcher.group(3));
        }
        return numbers;
    }

    /** Asserts that every value of {@code record} can be read from {@code text} in one of the printed formats. */
    static void assertRecoverable(String text, ShippingDocument record, String context) {
        String collapsed = text.replaceAll("\\s+", " ");
        for (String value : of(record)) {
            assertThat(collapsed).as(context + ": " + value).contains(value.replaceAll("\\s+", " "));
        }
        for (String word : words(record)) {
            assertThat(collapsed).as(context + ": word " + word).contains(word);
        }
        Set<String> numbers = containerNumbers(text);
        for (Container container : record.getContainers()) {
            assertThat(numbers).as(context).contains(container.getContainerNumber());
            assertThat(anyWeight(collapsed, container.getGrossWeightKg())).as(context + ": weight "
                    + container.getGrossWeightKg()).isTrue();
        }
        assertThat(anyWeight(collapsed, record.getTotals().getGrossWeightKg())).as(context + ": total weight")
                .isTrue();
        for (LocalDate date : new LocalDate[] {record.getDateOfIssue(), record.getShippedOnBoardDate()}) {
            if (date != null) {
                boolean found = false;
                for (PrintStyle.DateStyle style : PrintStyle.DateStyle.values()) {
                    found |= collapsed.contains(styleOf(style).date(date));
                }
                assertThat(found).as(context + ": date " + date).isTrue();
            }
        }
    }

    private static boolean anyWeight(String text, double kg) {
        for (PrintStyle.WeightStyle style : PrintStyle.WeightStyle.values()) {
            if (text.contains(styleOf(style).weightNumber(kg))) {
                return true;
            }
        }
        return false;
    }

    private static PrintStyle styleOf(PrintStyle.DateStyle date) {
        return new PrintStyle(date, PrintStyle.WeightStyle.PLAIN_KG, PrintStyle.VolumeStyle.CBM,
                PrintStyle.ContainerStyle.COMPACT, PrintStyle.PlaceStyle.NAME_CODE, false);
    }

    private static PrintStyle styleOf(PrintStyle.WeightStyle weight) {
        return new PrintStyle(PrintStyle.DateStyle.ISO, weight, PrintStyle.VolumeStyle.CBM,
                PrintStyle.ContainerStyle.COMPACT, PrintStyle.PlaceStyle.NAME_CODE, false);
    }

    private static List<Location> locations(ShippingDocument record) {
        List<Location> locations = new ArrayList<>(List.of(record.getPortOfLoading(), record.getPortOfDischarge()));
        if (record.getPlaceOfReceipt() != null) {
            locations.add(record.getPlaceOfReceipt());
        }
        if (record.getPlaceOfDelivery() != null) {
            locations.add(record.getPlaceOfDelivery());
        }
        return locations;
    }

    private static void addWords(Set<String> words, String text) {
        if (text != null) {
            for (String word : text.split("[\\s,]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
    }

    private static void addIfSet(List<String> values, String value) {
        if (value != null) {
            values.add(value);
        }
    }
}
