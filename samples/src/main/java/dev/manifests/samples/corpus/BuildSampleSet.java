package dev.manifests.samples.corpus;

import dev.manifests.samples.layout.Layout;
import dev.manifests.samples.layout.Layouts;
import dev.manifests.samples.render.DocumentFormat;
import dev.manifests.samples.render.FormatWriters;
import dev.manifests.samples.render.RenderedDocument;
import dev.manifests.samples.values.ReferenceData;
import dev.manifests.samples.values.ShipmentGenerator;
import dev.manifests.samples.values.ValuePool;
import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;
import dev.manifests.schema.codes.Iso6346;
import dev.manifests.schema.json.CanonicalJson;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes the committed sample set: documents in every format and every layout, each beside its
 * {@code .expected.json}, plus documents that must fail (corrupt, encrypted, empty, oversized, not a shipping
 * document, breaking a domain rule) under {@code failing/} with a README saying why. Same output on every run.
 *
 * <p>Usage: {@code BuildSampleSet [output folder, default samples/documents] [document count, default 60]}
 */
public final class BuildSampleSet {

    private static final long SEED = 20261123L;
    /** The parser's byte limit in local mode and tests is 1 MiB; the oversized sample is well above it. */
    private static final int OVERSIZED_BYTES = 1_500_000;

    /** Layouts whose first sample gets a small preview image: a master B/L, a scan, a manifest, a printout. */
    private static final List<String> PREVIEW_LAYOUTS = List.of("ocean-master-bl", "house-bl",
            "cargo-manifest-landscape", "dot-matrix-blocks");
    private static final float PREVIEW_DPI = 72;

    private final Path folder;
    private final Path previews;
    private final ShipmentGenerator generator;
    private final ValuePool values;

    BuildSampleSet(Path folder, ReferenceData data) {
        this.folder = folder;
        this.previews = folder.toAbsolutePath().resolveSibling("previews");
        this.generator = new ShipmentGenerator(data);
        this.values = ValuePool.seen(data);
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "samples/documents");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        BuildSampleSet build = new BuildSampleSet(folder, ReferenceData.load());
        build.clear();
        List<String> written = build.writeDocuments(count);
        build.writeFailing();
        long bytes;
        try (Stream<Path> files = Files.walk(folder)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "wrote %d documents and the failing set to %s (%.1f MB)%n", written.size(),
                folder, bytes / 1e6);
    }

    /** Removes the files a previous run wrote, so documents that are no longer generated disappear. */
    void clear() throws IOException {
        for (Path root : List.of(folder, previews)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path path : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Document {@code i} uses layout {@code i mod layouts} and format {@code i mod formats}, so both cycle. */
    List<String> writeDocuments(int count) throws IOException {
        Files.createDirectories(folder);
        List<Layout> layouts = Layouts.all();
        DocumentFormat[] formats = DocumentFormat.values();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Layout layout = layouts.get(i % layouts.size());
            DocumentFormat format = formats[i % formats.length];
            String name = String.format(Locale.ROOT, "sample-%03d-%s-%s", i, layout.id(),
                    FormatMix.cliName(format));
            ShippingDocument truth = generator.generate(name, values, new Random(SEED * 31 + i));
            RenderedDocument rendered = layout.render(truth, new Random(SEED * 37 + i));
            byte[] bytes = FormatWriters.write(rendered, format, new Random(SEED * 41 + i));
            Files.write(folder.resolve(name + "." + format.extension()), bytes);
            Files.writeString(folder.resolve(name + ".expected.json"), CanonicalJson.toJson(truth) + "\n");
            names.add(name);
            if (PREVIEW_LAYOUTS.contains(layout.id()) && !Files.exists(previewPath(layout))) {
                DocumentFormat shown = format.needsOcr() ? DocumentFormat.PDF_SCANNED : DocumentFormat.PDF;
                writePreview(FormatWriters.write(rendered, shown, new Random(SEED * 41 + i)), previewPath(layout));
            }
        }
        return names;
    }

    private Path previewPath(Layout layout) {
        return previews.resolve(layout.id() + ".png");
    }

    /** The first page at screen resolution, for people browsing the repository. */
    private static void writePreview(byte[] pdf, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, PREVIEW_DPI, ImageType.RGB);
            ImageIO.write(page, "png", target.toFile());
        }
    }

    void writeFailing() throws IOException {
        Path failing = folder.resolve("failing");
        Files.createDirectories(failing);
        Layout layout = Layouts.byId("ocean-master-bl");
        ShippingDocument truth = generator.generate("failing-base", values, new Random(SEED));
        byte[] pdf = FormatWriters.write(layout.render(truth, new Random(1)), DocumentFormat.PDF, new Random(2));

        Files.write(failing.resolve("truncated.pdf"), Arrays.copyOf(pdf, pdf.length * 3 / 5));
        Files.write(failing.resolve("encrypted.pdf"), encrypt(pdf));
        Files.write(failing.resolve("empty.pdf"), new byte[0]);
        Files.write(failing.resolve("oversized.pdf"), oversized(pdf));
        Files.writeString(failing.resolve("recipe.txt"), RECIPE, StandardCharsets.UTF_8);

        ShippingDocument wrongDigit = withWrongCheckDigit(generator.generate("wrong-check-digit", values,
                new Random(SEED + 1)));
        Files.write(failing.resolve("wrong-check-digit.pdf"), FormatWriters.write(
                layout.render(wrongDigit, new Random(3)), DocumentFormat.PDF, new Random(4)));
        Files.writeString(failing.resolve("wrong-check-digit.expected.json"), CanonicalJson.toJson(wrongDigit)
                + "\n");

        ShippingDocument badTotals = withWrongTotals(generator.generate("totals-disagree", values,
                new Random(SEED + 2)));
        Files.write(failing.resolve("totals-disagree.txt"), FormatWriters.write(
                Layouts.byId("edi-fixed-width").render(badTotals, new Random(5)), DocumentFormat.TXT, new Random(6)));
        Files.writeString(failing.resolve("totals-disagree.expected.json"), CanonicalJson.toJson(badTotals) + "\n");

        Files.writeString(failing.resolve("README.md"), README, StandardCharsets.UTF_8);
    }

    /** A user password that no pipeline knows; RC4 keys derive only from passwords and the fixed file id. */
    static byte[] encrypt(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-7731", "consignee-2026",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            policy.setPreferAES(false);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The same B/L with a full-page photo of the cargo stored losslessly: a real file over the byte limit. */
    static byte[] oversized(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Random random = new Random(SEED);
            BufferedImage photo = new BufferedImage(720, 700, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < photo.getHeight(); y++) {
                for (int x = 0; x < photo.getWidth(); x++) {
                    photo.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            PDImageXObject image = LosslessFactory.createFromImage(document, photo);
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                stream.drawImage(image, 36, 100, 540, 525);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            if (out.size() < OVERSIZED_BYTES) {
                throw new IllegalStateException("oversized sample is only " + out.size() + " bytes");
            }
            return out.toByteArray();
        }
    }

    /** The first container's check digit replaced by the next digit: printed and expected as it is, invalid. */
    static ShippingDocument withWrongCheckDigit(ShippingDocument document) {
        ShippingDocument copy = ShippingDocument.newBuilder(document).build();
        Container first = Container.newBuilder(copy.getContainers().get(0)).build();
        String number = first.getContainerNumber();
        char right = Iso6346.checkDigit(number.substring(0, 10));
        char wrong = (char) ('0' + (right - '0' + 1) % 10);
        first.setContainerNumber(number.substring(0, 10) + wrong);
        List<Container> containers = new ArrayList<>(copy.getContainers());
        containers.set(0, first);
        copy.setContainers(containers);
        return copy;
    }

    /** Stated totals that disagree with the containers: one container and 1,000 kg more than they hold. */
    static ShippingDocument withWrongTotals(ShippingDocument document) {
        ShippingDocument copy = ShippingDocument.newBuilder(document).build();
        Totals totals = copy.getTotals();
        copy.setTotals(Totals.newBuilder(totals)
                .setContainerCount(totals.getContainerCount() + 1)
                .setGrossWeightKg(totals.getGrossWeightKg() + 1000)
                .build());
        return copy;
    }

    private static final String RECIPE = """
            Grandmother's apple cake

            Ingredients (one 26 cm tin):
              4 apples, peeled and sliced
              200 g flour
              150 g butter, soft
              120 g sugar
              3 eggs
              1 teaspoon baking powder
              a pinch of cinnamon

            Beat butter and sugar until pale, add the eggs one by one, then fold in flour and baking powder.
            Spread the batter in the buttered tin, cover with the apple slices and dust with cinnamon.
            Bake at 180 degrees for 45 minutes, until a skewer comes out clean. Serve warm with cream.
            """;

    private static final String README = """
            # Documents that must fail

            Each file here must end as a dead letter (or, for the last two, fail validation) with the reason below.
            Local mode and the tests set the parser's byte limit to 1 MiB.

            | file | must fail at | why |
            |---|---|---|
            | `truncated.pdf` | parse | the first 60 % of a valid PDF: no cross-reference table, no trailer |
            | `encrypted.pdf` | parse | protected with a user password (RC4 128-bit) that the pipeline does not know |
            | `empty.pdf` | parse | zero bytes |
            | `oversized.pdf` | parse | about 1.5 MB, over the 1 MiB byte limit (a B/L with a lossless full-page photo) |
            | `recipe.txt` | extract or validate | plain text that is not a shipping document: no B/L number, parties or containers |
            | `wrong-check-digit.pdf` | validate | the first container number's ISO 6346 check digit is wrong; `wrong-check-digit.expected.json` holds what is printed |
            | `totals-disagree.txt` | validate | stated totals give one container and 1,000 kg more than the containers hold; `totals-disagree.expected.json` holds what is printed |
            """;
}
