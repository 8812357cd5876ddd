package dev.manifests.job.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one training-set export: documents written and rejected per format and per layout, parse times, and
 * text lengths, printed as tables at the end of a run.
 */
public final class ExportStatistics {

    private final Map<String, Group> byFormat = new TreeMap<>();
    private final Map<String, Group> byLayout = new TreeMap<>();
    private final Group all = new Group();
    private final Map<String, Integer> rejectReasons = new TreeMap<>();
    private long makeMillis;
    private long wallMillis;
    private int threads;

    void written(String layout, String format, int chars, long parseMillis) {
        for (Group group : groups(layout, format)) {
            group.chars.add(chars);
            group.parseMillis.add(parseMillis);
        }
    }

    void rejected(String layout, String format, String reason, long parseMillis) {
        for (Group group : groups(layout, format)) {
            group.rejected++;
            group.parseMillis.add(parseMillis);
        }
        // reasons carry sizes and messages; count them by their first words so the table stays short
        String kind = reason.length() > 60 ? reason.substring(0, 60) + "..." : reason;
        rejectReasons.merge(kind, 1, Integer::sum);
    }

    void finished(long makeMillis, long wallMillis, int threads) {
        this.makeMillis = makeMillis;
        this.wallMillis = wallMillis;
        this.threads = threads;
    }

    public int written() {
        return all.chars.size();
    }

    public int rejected() {
        return all.rejected;
    }

    public long wallMillis() {
        return wallMillis;
    }

    /** Written and rejected documents per format, in format order. */
    public Map<String, int[]> countsByFormat() {
        Map<String, int[]> counts = new TreeMap<>();
        byFormat.forEach((format, group) -> counts.put(format, new int[] {group.chars.size(), group.rejected}));
        return counts;
    }

    /** The tables an operator reads after an export. */
    public String report() {
        StringBuilder out = new StringBuilder();
        double seconds = wallMillis / 1000.0;
        out.append(String.format(Locale.ROOT, "%d documents written, %d rejected in %.1f s (%.2f documents/s on %d"
                + " threads; %.1f thread-s making documents)%n", written(), rejected(), seconds,
                (written() + rejected()) / Math.max(seconds, 0.001), threads, makeMillis / 1000.0));
        out.append(String.format(Locale.ROOT, "%n%-28s %7s %8s %9s %9s %11s %9s %9s %9s%n", "format", "written",
                "rejected", "parse ms", "p95 ms", "docs/s/thr", "chars", "p95 ch", "max ch"));
        byFormat.forEach((format, group) -> out.append(group.row(format)));
        out.append(all.row("all"));
        out.append(String.format(Locale.ROOT, "%n%-28s %7s %8s %9s %9s %11s %9s %9s %9s%n", "layout", "written",
                "rejected", "parse ms", "p95 ms", "docs/s/thr", "chars", "p95 ch", "max ch"));
        byLayout.forEach((layout, group) -> out.append(group.row(layout)));
        if (!rejectReasons.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nrejects by reason%n"));
            rejectReasons.forEach((reason, count) ->
                    out.append(String.format(Locale.ROOT, "%7d  %s%n", count, reason)));
        }
        return out.toString();
    }

    private List<Group> groups(String layout, String format) {
        List<Group> groups = new ArrayList<>(3);
        groups.add(all);
        groups.add(byFormat.computeIfAbsent(format, f -> new Group()));
        groups.add(byLayout.computeIfAbsent(layout == null ? "(unknown)" : layout, l -> new Group()));
        return groups;
    }

    private static final class Group {
        private final List<Integer> chars = new ArrayList<>();
        private final List<Long> parseMillis = new ArrayList<>();
        private int rejected;

        String row(String name) {
            long[] millis = parseMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] lengths = chars.stream().mapToLong(Integer::longValue).sorted().toArray();
            double meanMillis = mean(millis);
            return String.format(Locale.ROOT, "%-28s %7d %8d %9.1f %9d %11.1f %9.0f %9d %9d%n", name, chars.size(),
                    rejected, meanMillis, percentile(millis, 0.95), meanMillis > 0 ? 1000.0 / meanMillis : 0.0,
                    mean(lengths), percentile(lengths, 0.95), lengths.length == 0 ? 0 : lengths[lengths.length - 1]);
        }

        private static double mean(long[] values) {
            return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
        }

        /** Nearest-rank percentile of sorted values. */
        private static long percentile(long[] sorted, double share) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(share * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
