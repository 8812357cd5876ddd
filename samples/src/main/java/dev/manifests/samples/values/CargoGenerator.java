package dev.manifests.samples.values;

import dev.manifests.samples.values.ReferenceData.CarrierStyle;
import dev.manifests.samples.values.ReferenceData.HsCode;
import dev.manifests.samples.values.ReferenceData.PackageKind;
import dev.manifests.samples.values.ReferenceData.SizeType;
import dev.manifests.schema.Container;
import dev.manifests.schema.Totals;
import dev.manifests.schema.codes.Iso6346;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Stuffs containers: ISO 6346 numbers with real owner prefixes and valid check digits, seals, size/type codes,
 * goods with their HS codes, package counts and weights a box of that type can hold, and the totals that add up.
 */
final class CargoGenerator {

    /** HS chapters that travel in reefers: meat, fish, dairy, vegetables, fruit, their preparations. */
    private static final Set<Integer> PERISHABLE_CHAPTERS = Set.of(2, 3, 4, 7, 8, 16, 20);

    private final ReferenceData data;

    CargoGenerator(ReferenceData data) {
        this.data = data;
    }

    /** What a whole shipment has in common: its goods, packing, and how its document prints numbers. */
    private record Shipment(HsCode mainGoods, PackageKind packageKind, double perPackageKg, double perPackageM3,
                            int weightDecimals, boolean volumesStated, boolean sizeTypesStated, boolean upperCase) {
    }

    List<Container> containers(int count, CarrierStyle carrier, boolean upperCase, Random random) {
        HsCode main = PartyGenerator.pick(data.hsCodes(), random);
        boolean reefer = PERISHABLE_CHAPTERS.contains(main.chapter()) && random.nextInt(100) < 70;
        PackageKind kind = packageFor(main, random);
        double perPackageKg = kind.minKg() + random.nextDouble() * (kind.maxKg() - kind.minKg());
        double perPackageM3 = kind.minM3() + random.nextDouble() * (kind.maxM3() - kind.minM3());
        int decimals = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> 0;
            case 5, 6 -> 1;
            case 7 -> 2;
            default -> 3;
        };
        Shipment shipment = new Shipment(main, kind, perPackageKg, perPackageM3, decimals,
                random.nextInt(100) < 80, random.nextInt(100) < 90, upperCase);
        SizeType usualSize = sizeType(reefer, random);
        List<Container> containers = new ArrayList<>(count);
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String number;
            do {
                number = containerNumber(carrier, random);
            } while (!numbers.add(number));
            SizeType size = random.nextInt(100) < 75 ? usualSize : sizeType(reefer, random);
            containers.add(container(number, size, shipment, carrier, random));
        }
        return containers;
    }

    /** Totals exactly as the containers add up; weights and volumes are summed in grams and litres. */
    static Totals totals(List<Container> containers) {
        long grams = 0;
        long litres = 0;
        int packages = 0;
        boolean anyVolume = false;
        for (Container container : containers) {
            packages += container.getPackageCount();
            grams += Math.round(container.getGrossWeightKg() * 1000);
            if (container.getVolumeM3() != null) {
                anyVolume = true;
                litres += Math.round(container.getVolumeM3() * 1000);
            }
        }
        return Totals.newBuilder()
                .setContainerCount(containers.size())
                .setPackageCount(packages)
                .setGrossWeightKg(grams / 1000.0)
                .setVolumeM3(anyVolume ? litres / 1000.0 : null)
                .build();
    }

    private Container container(String number, SizeType size, Shipment shipment, CarrierStyle carrier,
                                Random random) {
        List<HsCode> goods = new ArrayList<>();
        goods.add(random.nextInt(100) < 65 ? shipment.mainGoods() : sameChapter(shipment.mainGoods(), random));
        int extra = random.nextInt(100) < 20 ? (random.nextInt(100) < 25 ? 2 : 1) : 0;
        for (int i = 0; i < extra; i++) {
            HsCode more = sameChapter(shipment.mainGoods(), random);
            if (goods.stream().noneMatch(g -> g.code().equals(more.code()))) {
                goods.add(more);
            }
        }
        // as many packages as the box holds by weight and by volume, whichever runs out first, times a fill factor
        double byWeight = size.maxCargoKg() / shipment.perPackageKg();
        double byVolume = size.volumeM3() * 0.95 / shipment.perPackageM3();
        double fill = 0.3 + random.nextDouble() * 0.67;
        int packages = (int) Math.max(1, Math.round(Math.min(byWeight, byVolume) * fill));
        double weightKg = packages * shipment.perPackageKg() * (0.97 + random.nextDouble() * 0.06);
        weightKg = Math.max(1.0, Math.min(weightKg, size.maxCargoKg()));
        Double volume = null;
        if (shipment.volumesStated()) {
            double volumeM3 = packages * shipment.perPackageM3() * (0.97 + random.nextDouble() * 0.06);
            volume = Math.max(0.001, round(Math.min(volumeM3, size.volumeM3()), random.nextInt(3) == 0 ? 2 : 3));
        }
        List<String> descriptions = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (HsCode code : goods) {
            descriptions.add(code.description());
            codes.add(code.code());
        }
        String description = String.join("; ", descriptions);
        return Container.newBuilder()
                .setContainerNumber(number)
                .setSealNumber(random.nextInt(100) < 92 ? seal(carrier, random) : null)
                .setSizeTypeCode(shipment.sizeTypesStated() ? size.code() : null)
                .setPackageCount(packages)
                .setPackageType(shipment.packageKind().plural())
                .setGrossWeightKg(round(weightKg, shipment.weightDecimals()))
                .setVolumeM3(volume)
                .setDescription(shipment.upperCase() ? description.toUpperCase(Locale.ROOT) : description)
                .setHsCodes(codes)
                .build();
    }

    private String containerNumber(CarrierStyle carrier, Random random) {
        String owner = random.nextInt(100) < 70
                ? PartyGenerator.pick(carrier.ownerPrefixes(), random)
                : PartyGenerator.pick(data.lessorPrefixes(), random);
        while (true) {
            String firstTen = owner + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
            // owners avoid serials whose remainder is 10 (it would print as check digit 0)
            if (remainderIsTen(firstTen)) {
                continue;
            }
            return firstTen + Iso6346.checkDigit(firstTen);
        }
    }

    /**
     * True when the weighted sum leaves remainder 10, which {@link Iso6346#checkDigit} prints as 0 like remainder 0.
     * The last serial digit weighs 2^9 = 512, 6 modulo 11: adding one to it turns remainder 0 into 6, and turning
     * 9 into 0 subtracts 4608, 10 modulo 11, which turns remainder 0 into 1. Anything else means remainder 10.
     */
    private static boolean remainderIsTen(String firstTen) {
        if (Iso6346.checkDigit(firstTen) != '0') {
            return false;
        }
        char last = firstTen.charAt(9);
        String bumped = firstTen.substring(0, 9) + (last == '9' ? '0' : (char) (last + 1));
        char checkIfRemainderZero = last == '9' ? '1' : '6';
        return Iso6346.checkDigit(bumped) != checkIfRemainderZero;
    }

    private static String seal(CarrierStyle carrier, Random random) {
        String prefix = carrier.scac().substring(0, 2);
        return switch (random.nextInt(5)) {
            case 0 -> Patterns.expand(prefix + "#######", random);
            case 1 -> Patterns.expand("########", random);
            case 2 -> Patterns.expand("@#######", random);
            case 3 -> Patterns.expand(prefix + "@######", random);
            default -> Patterns.expand("######", random);
        };
    }

    private SizeType sizeType(boolean reefer, Random random) {
        List<SizeType> candidates = data.sizeTypes().stream().filter(s -> s.reefer() == reefer).toList();
        int total = candidates.stream().mapToInt(SizeType::share).sum();
        int draw = random.nextInt(total);
        for (SizeType size : candidates) {
            draw -= size.share();
            if (draw < 0) {
                return size;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    private PackageKind packageFor(HsCode goods, Random random) {
        List<PackageKind> specific = data.packageKinds().stream()
                .filter(k -> !k.chapters().isEmpty() && k.carries(goods.chapter())).toList();
        if (!specific.isEmpty() && random.nextInt(100) < 55) {
            return PartyGenerator.pick(specific, random);
        }
        List<PackageKind> general = data.packageKinds().stream().filter(k -> k.chapters().isEmpty()).toList();
        return PartyGenerator.pick(general, random);
    }

    private HsCode sameChapter(HsCode goods, Random random) {
        List<HsCode> chapter = data.hsCodes().stream().filter(c -> c.chapter() == goods.chapter()).toList();
        return PartyGenerator.pick(chapter, random);
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
