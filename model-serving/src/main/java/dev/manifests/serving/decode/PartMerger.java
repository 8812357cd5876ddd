package dev.manifests.serving.decode;

import dev.manifests.schema.Container;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.Totals;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the answers of a split document's parts into one answer. Header fields come from the first part that
 * states them (nested records field by field); containers are concatenated in order, a container number seen
 * before filling the gaps of its first occurrence instead of repeating it; each total comes from the last part
 * that states it, since documents print totals at the end. Field confidences follow the values they belong to.
 */
public final class PartMerger {

    private static final String PART_ID = "part";
    private static final String CONTAINERS = "containers";
    private static final String TOTALS = "totals";

    private final List<ShippingDocument> parts;
    /** Per part, the merged index of each of its containers. */
    private final List<int[]> containerIndex = new ArrayList<>();
    /** Per total field, the part it was taken from (-1: none stated it). */
    private final Map<String, Integer> totalsSource = new HashMap<>();
    private final ShippingDocument merged;

    private PartMerger(List<String> partAnswers) {
        if (partAnswers.isEmpty()) {
            throw new IllegalArgumentException("no part answers to merge");
        }
        parts = new ArrayList<>(partAnswers.size());
        for (String answer : partAnswers) {
            parts.add(parse(answer));
        }
        merged = ShippingDocument.newBuilder(parts.get(0)).build();
        for (Schema.Field field : ShippingDocument.getClassSchema().getFields()) {
            if (CanonicalJson.isPipelineField(field) || CONTAINERS.equals(field.name()) || TOTALS.equals(field.name())) {
                continue;
            }
            Object value = null;
            for (ShippingDocument part : parts) {
                value = value == null ? copy(part.get(field.pos())) : fillGaps(value, part.get(field.pos()));
            }
            merged.put(field.pos(), value);
        }
        merged.setContainers(containers());
        merged.setTotals(totals());
    }

    /** Merges canonical part answers, in document order, into one canonical answer. */
    public static String merge(List<String> partAnswers) {
        return CanonicalJson.toModelJson(new PartMerger(partAnswers).merged);
    }

    /**
     * Merges decoded parts, in document order: the answer as {@link #merge}, each field's confidence from the part
     * its value came from (container paths renumbered to the merged list, the lower one where a container was
     * seen twice), and the token counts summed.
     */
    public static DecodedAnswer mergeDecoded(List<DecodedAnswer> decodedParts) {
        List<String> answers = new ArrayList<>();
        decodedParts.forEach(part -> answers.add(part.json()));
        PartMerger merger = new PartMerger(answers);
        Map<String, Double> confidence = new LinkedHashMap<>();
        int prompt = 0;
        int answer = 0;
        int decoded = 0;
        int index = 0;
        for (DecodedAnswer part : decodedParts) {
            int p = index++;
            part.fieldConfidence().forEach((path, value) -> {
                String target = merger.mergedPath(p, path);
                if (target != null) {
                    confidence.merge(target, value, Math::min);
                }
            });
            prompt += part.promptTokens();
            answer += part.answerTokens();
            decoded += part.decodedTokens();
        }
        return new DecodedAnswer(CanonicalJson.toModelJson(merger.merged), confidence, prompt, answer, decoded);
    }

    /** Where part {@code p}'s confidence for {@code path} belongs in the merged answer, or null when its value was not taken. */
    private String mergedPath(int p, String path) {
        if (path.startsWith(CONTAINERS + "[")) {
            int close = path.indexOf(']');
            int i = Integer.parseInt(path.substring(CONTAINERS.length() + 1, close));
            return CONTAINERS + "[" + containerIndex.get(p)[i] + "]" + path.substring(close + 1);
        }
        if (path.equals(CONTAINERS)) {
            return path;
        }
        if (path.startsWith(TOTALS + ".")) {
            int source = totalsSource.getOrDefault(path.substring(TOTALS.length() + 1), -1);
            return source == p || (source < 0 && p == 0) ? path : null;
        }
        for (int q = 0; q < parts.size(); q++) {
            if (!missing(valueAt(parts.get(q), path))) {
                return q == p ? path : null;
            }
        }
        return p == 0 ? path : null;
    }

    private static Object valueAt(IndexedRecord record, String path) {
        Object value = record;
        for (String name : path.split("\\.")) {
            if (!(value instanceof IndexedRecord current)) {
                return null;
            }
            Schema.Field field = current.getSchema().getField(name);
            value = field == null ? null : current.get(field.pos());
        }
        return value;
    }

    private static ShippingDocument parse(String answer) {
        try {
            return CanonicalJson.fromJson(answer, PART_ID);
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException("a part answer does not conform to the schema: " + e.getMessage(), e);
        }
    }

    private List<Container> containers() {
        List<Container> out = new ArrayList<>();
        Map<String, Integer> byNumber = new HashMap<>();
        for (ShippingDocument part : parts) {
            List<Container> containers = part.getContainers();
            int[] index = new int[containers.size()];
            // a number an earlier part gave is the same container continued; within one part a number given twice
            // is the same container printed twice only when the two mostly agree, else two containers (one number
            // misread), and keeping both keeps the containers after them in place
            Map<String, Integer> thisPart = new HashMap<>();
            for (int i = 0; i < containers.size(); i++) {
                Container container = containers.get(i);
                String number = container.getContainerNumber();
                Integer seen = missing(number) ? null : byNumber.get(number);
                if (seen == null && !missing(number) && thisPart.containsKey(number)
                        && agrees(out.get(thisPart.get(number)), container)) {
                    seen = thisPart.get(number);
                }
                if (seen != null) {
                    out.set(seen, (Container) fillGaps(out.get(seen), container));
                    index[i] = seen;
                } else {
                    index[i] = out.size();
                    if (!missing(number)) {
                        thisPart.putIfAbsent(number, out.size());
                    }
                    out.add(Container.newBuilder(container).build());
                }
            }
            thisPart.forEach(byNumber::putIfAbsent);
            containerIndex.add(index);
        }
        return out;
    }

    /** Each total from the last part that states it (non-zero, or a volume at all). */
    private Totals totals() {
        Totals totals = new Totals(0, 0, 0.0, null);
        for (int p = 0; p < parts.size(); p++) {
            Totals stated = parts.get(p).getTotals();
            if (stated.getContainerCount() != 0) {
                totals.setContainerCount(stated.getContainerCount());
                totalsSource.put("containerCount", p);
            }
            if (stated.getPackageCount() != 0) {
                totals.setPackageCount(stated.getPackageCount());
                totalsSource.put("packageCount", p);
            }
            if (stated.getGrossWeightKg() != 0.0) {
                totals.setGrossWeightKg(stated.getGrossWeightKg());
                totalsSource.put("grossWeightKg", p);
            }
            if (stated.getVolumeM3() != null) {
                totals.setVolumeM3(stated.getVolumeM3());
                totalsSource.put("volumeM3", p);
            }
        }
        return totals;
    }

    /** {@code first} with its missing values (null, blank strings; field by field in records) taken from {@code later}. */
    private static Object fillGaps(Object first, Object later) {
        if (missing(first)) {
            return copy(later);
        }
        if (first instanceof IndexedRecord record && later instanceof IndexedRecord other) {
            for (Schema.Field field : record.getSchema().getFields()) {
                record.put(field.pos(), fillGaps(record.get(field.pos()), other.get(field.pos())));
            }
            return record;
        }
        if (first instanceof List<?> list && later instanceof List<?> more) {
            List<Object> union = new ArrayList<>(list);
            for (Object element : more) {
                if (!union.contains(element)) {
                    union.add(element);
                }
            }
            return union;
        }
        return first;
    }

    /**
     * Whether two containers of the same number are one container read twice: of the fields both state, more are
     * alike than differ (a row printed twice may be misread once; two rows given one number differ in most fields).
     */
    private static boolean agrees(Container first, Container second) {
        int alike = 0;
        int different = 0;
        for (Schema.Field field : Container.getClassSchema().getFields()) {
            Object a = first.get(field.pos());
            Object b = second.get(field.pos());
            if (missing(a) || missing(b) || a instanceof List) {
                continue;
            }
            if (a.toString().equals(b.toString())) {
                alike++;
            } else {
                different++;
            }
        }
        return alike > different;
    }

    private static boolean missing(Object value) {
        return value == null || (value instanceof CharSequence text && text.toString().isBlank());
    }

    /** A deep copy of records, so merging never changes a part's record. */
    private static Object copy(Object value) {
        if (value instanceof IndexedRecord record) {
            return SpecificData.get().deepCopy(record.getSchema(), record);
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value;
    }
}
