package dev.manifests.job.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of {@link ExportTrainingSet}: either a generated split ({@code --split --count --seed
 * [--formats]}) or a labelled folder ({@code --folder [--split]}), and the output file.
 *
 * @param split train, validation or test for the generator; the split name written for a folder
 * @param count documents to generate
 * @param seed generator seed: the same seed gives the same documents
 * @param formats document formats to generate, as the generator names them (pdf, scanned-pdf, eml, ...); empty for
 *     every format
 * @param scanShare share of generated documents that are scans (OCR is slow), or null for the generator's own mix
 * @param variedShare share of generated train documents laid out as forms drawn anew for each document (0: none)
 * @param folder labelled folder to read instead of generating, or null
 * @param out the JSONL file to write ({@code .gz} compresses)
 * @param threads parse threads (default: the machine's cores)
 */
public record ExportArguments(String split, int count, long seed, List<String> formats, Double scanShare,
        double variedShare, Path folder, Path out, int threads) {

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: ExportTrainingSet --split train|validation|test --count N --seed S [--formats pdf,docx,...]"
                    + " [--scan-share 0.03] [--varied-share 0.5] [--threads T] --out FILE.jsonl[.gz]",
            "       ExportTrainingSet --folder DIR [--split NAME] [--threads T] --out FILE.jsonl[.gz]");

    /** Reads the command line; the message of the exception says what is missing or wrong. */
    public static ExportArguments parse(String[] args) {
        String split = null;
        Integer count = null;
        Long seed = null;
        List<String> formats = new ArrayList<>();
        Double scanShare = null;
        Double variedShare = null;
        Path folder = null;
        Path out = null;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--split" -> split = value;
                case "--count" -> count = positive(name, value);
                case "--seed" -> seed = number(name, value);
                case "--formats" -> {
                    for (String format : value.split(",")) {
                        if (!format.isBlank()) {
                            formats.add(format.trim());
                        }
                    }
                }
                case "--scan-share" -> scanShare = share(name, value);
                case "--varied-share" -> variedShare = share(name, value);
                case "--folder" -> folder = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--threads" -> threads = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if (folder != null) {
            if (count != null || seed != null || !formats.isEmpty() || scanShare != null || variedShare != null) {
                throw new IllegalArgumentException(
                        "--folder takes no --count, --seed, --formats, --scan-share or --varied-share");
            }
            Path name = folder.toAbsolutePath().normalize().getFileName();
            return new ExportArguments(split != null ? split : String.valueOf(name), 0, 0, List.of(), null, 0, folder,
                    out, threads);
        }
        if (split == null || count == null || seed == null) {
            throw new IllegalArgumentException("--split, --count and --seed are required without --folder");
        }
        if (!List.of("train", "validation", "test").contains(split)) {
            throw new IllegalArgumentException("--split must be train, validation or test, got " + split);
        }
        if (variedShare != null && variedShare > 0 && !split.equals("train")) {
            throw new IllegalArgumentException("--varied-share applies to the train split only");
        }
        return new ExportArguments(split, count, seed, List.copyOf(formats), scanShare,
                variedShare == null ? 0 : variedShare, null, out, threads);
    }

    private static double share(String name, String value) {
        try {
            double share = Double.parseDouble(value);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number from 0 to 1, got " + value, e);
        }
        throw new IllegalArgumentException(name + " must be a number from 0 to 1, got " + value);
    }

    private static int positive(String name, String value) {
        long number = number(name, value);
        if (number <= 0 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got " + value);
        }
        return (int) number;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
        }
    }
}
