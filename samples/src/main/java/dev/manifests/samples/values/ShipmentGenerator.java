package dev.manifests.samples.values;

import dev.manifests.samples.values.ReferenceData.CarrierStyle;
import dev.manifests.samples.values.ReferenceData.CountryWords;
import dev.manifests.samples.values.ReferenceData.Port;
import dev.manifests.schema.Carrier;
import dev.manifests.schema.Container;
import dev.manifests.schema.DocumentType;
import dev.manifests.schema.FreightTerms;
import dev.manifests.schema.Location;
import dev.manifests.schema.Party;
import dev.manifests.schema.ShippingDocument;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the ground truth of one shipping document: a {@link ShippingDocument} whose values are real or realistic
 * (carriers with their SCAC and number styles, real ports with UN/LOCODEs, containers with valid ISO 6346 numbers,
 * goods with their HS codes) and consistent (dates in order, totals that add up). Whatever a layout would leave
 * unprinted is decided here and is null in the record, so layouts print exactly what the record says.
 * All values fit Windows-1252, so every layout can print them.
 */
public final class ShipmentGenerator {

    /** Earliest on-board date generated. */
    public static final LocalDate FIRST_DATE = LocalDate.of(2024, 1, 1);
    /** Latest on-board date generated; the issue date may follow it by a few days. */
    public static final LocalDate LAST_DATE = LocalDate.of(2027, 12, 24);

    private static final Pattern VESSEL_SLOT = Pattern.compile("\\{(\\w+)}");
    private static final List<String> HOUSE_BILL_PATTERNS =
            List.of("@@@#######", "@@@@########", "HB@@@######", "@@########", "@@@-#######");

    private final ReferenceData data;
    private final CargoGenerator cargo;

    public ShipmentGenerator(ReferenceData data) {
        this.data = data;
        this.cargo = new CargoGenerator(data);
    }

    /** A new document's ground truth; every choice comes from {@code random}, every value from {@code pool}. */
    public ShippingDocument generate(String documentId, ValuePool pool, Random random) {
        DocumentType type = documentType(random);
        CarrierStyle carrier = PartyGenerator.pick(pool.carriers(), random);
        boolean printsLocodes = random.nextInt(100) >= 20;
        boolean upperCase = random.nextInt(100) < 35;

        Port loading = port(pool, random);
        Port discharge = port(pool, random);
        for (int tries = 0; tries < 20 && discharge.countryCode().equals(loading.countryCode()); tries++) {
            discharge = port(pool, random);
        }

        Party shipper = party(pool, loading.countryCode(), upperCase, random);
        Party consignee = party(pool, discharge.countryCode(), upperCase, random);
        Party notify = random.nextInt(100) < 40 ? null
                : party(pool, random.nextBoolean() ? discharge.countryCode() : "", upperCase, random);

        int dateRangeDays = (int) (LAST_DATE.toEpochDay() - FIRST_DATE.toEpochDay()) + 1;
        LocalDate onBoard = FIRST_DATE.plusDays(random.nextInt(dateRangeDays));
        LocalDate issued = onBoard.plusDays(random.nextInt(100) < 60 ? 0 : 1 + random.nextInt(3));
        boolean manifest = type == DocumentType.CARGO_MANIFEST;

        int containerCount = manifest ? 2 + skewed(24, random) : 1 + skewed(6, random);
        List<Container> containers = cargo.containers(containerCount, carrier, upperCase, random);
        String vessel = manifest || random.nextInt(100) >= 5 ? vesselName(carrier, pool, random) : null;

        return ShippingDocument.newBuilder()
                .setDocumentId(documentId)
                .setDocumentType(type)
                .setBillOfLadingNumber(type == DocumentType.HOUSE_BILL_OF_LADING
                        ? Patterns.expand(PartyGenerator.pick(HOUSE_BILL_PATTERNS, random), random)
                        : Patterns.expand(carrier.billOfLadingPattern(), random))
                .setBookingNumber(random.nextInt(100) < (manifest ? 20 : 70)
                        ? Patterns.expand(carrier.bookingPattern(), random) : null)
                .setShipper(shipper)
                .setConsignee(consignee)
                .setNotifyParty(notify)
                .setCarrier(Carrier.newBuilder().setName(carrier.name())
                        .setScac(random.nextInt(100) < 80 ? carrier.scac() : null).build())
                .setVesselName(vessel)
                .setVoyageNumber(vessel != null && random.nextInt(100) < 95
                        ? Patterns.expand(carrier.voyagePattern(), random) : null)
                .setPortOfLoading(location(loading, printsLocodes, random))
                .setPortOfDischarge(location(discharge, printsLocodes, random))
                .setPlaceOfReceipt(random.nextInt(100) < 30 ? place(loading, printsLocodes, random) : null)
                .setPlaceOfDelivery(random.nextInt(100) < 30 ? place(discharge, printsLocodes, random) : null)
                .setDateOfIssue(random.nextInt(100) < 95 ? issued : null)
                .setShippedOnBoardDate(manifest || random.nextInt(100) < 85 ? onBoard : null)
                .setFreightTerms(freightTerms(random))
                .setContainers(containers)
                .setTotals(CargoGenerator.totals(containers))
                .build();
    }

    private static DocumentType documentType(Random random) {
        int draw = random.nextInt(100);
        if (draw < 40) {
            return DocumentType.BILL_OF_LADING;
        }
        if (draw < 60) {
            return DocumentType.SEA_WAYBILL;
        }
        if (draw < 75) {
            return DocumentType.HOUSE_BILL_OF_LADING;
        }
        return DocumentType.CARGO_MANIFEST;
    }

    /** A count from 0 to {@code max - 1}, small values more likely (most shipments are a box or two). */
    private static int skewed(int max, Random random) {
        double u = random.nextDouble();
        return Math.min(max - 1, (int) (u * u * max));
    }

    /** Three shipments in four pass through a main container port. */
    private static Port port(ValuePool pool, Random random) {
        List<Port> main = pool.seaPorts().stream().filter(Port::main).toList();
        return !main.isEmpty() && random.nextInt(100) < 75 ? PartyGenerator.pick(main, random)
                : PartyGenerator.pick(pool.seaPorts(), random);
    }

    private static FreightTerms freightTerms(Random random) {
        int draw = random.nextInt(100);
        return draw < 60 ? FreightTerms.PREPAID : draw < 90 ? FreightTerms.COLLECT : null;
    }

    private static Party party(ValuePool pool, String preferredCountry, boolean upperCase, Random random) {
        CountryWords words = pool.countries().get(preferredCountry);
        if (words == null || random.nextInt(100) < 20) {
            words = pool.countries().get(PartyGenerator.pick(pool.partyCountries(), random));
        }
        return PartyGenerator.generate(words, upperCase, random);
    }

    private static Location location(Port port, boolean printsLocodes, Random random) {
        boolean locode = printsLocodes && random.nextInt(100) >= 5;
        return Location.newBuilder().setName(port.name()).setUnlocode(locode ? port.unlocode() : null).build();
    }

    /**
     * An inland place in the port's country when one is known, sometimes the port's own town (delivery at the
     * terminal); null when the document names no such place.
     */
    private Location place(Port port, boolean printsLocodes, Random random) {
        List<Port> inland = data.inlandPlaces().stream()
                .filter(p -> p.countryCode().equals(port.countryCode())).toList();
        if (!inland.isEmpty() && random.nextInt(100) < 80) {
            return location(PartyGenerator.pick(inland, random), printsLocodes, random);
        }
        return random.nextInt(100) < 40 ? location(port, printsLocodes, random) : null;
    }

    private static String vesselName(CarrierStyle carrier, ValuePool pool, Random random) {
        Matcher slots = VESSEL_SLOT.matcher(carrier.vesselPattern());
        StringBuilder out = new StringBuilder();
        while (slots.find()) {
            List<String> words = pool.vesselWords().get(slots.group(1));
            if (words == null || words.isEmpty()) {
                throw new IllegalStateException("vessel-words.tsv has no words for {" + slots.group(1) + "}");
            }
            slots.appendReplacement(out, Matcher.quoteReplacement(PartyGenerator.pick(words, random)));
        }
        slots.appendTail(out);
        return Patterns.expand(out.toString(), random);
    }
}
