package dev.manifests.serving.decode;

import dev.manifests.schema.Carrier;
import dev.manifests.schema.Container;
import dev.manifests.schema.Location;
import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.codes.CarrierNames;
import dev.manifests.schema.codes.Iso6346;
import dev.manifests.schema.codes.PlaceNames;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a decoded answer back against what the document prints and what codes mean, where the model's copy is
 * known to be wrong:
 * <ul>
 *   <li>a container number OCR misread ({@code ZIMUS772433}) is read back to the valid number it stands for
 *       ({@link Iso6346#readBack}): the decoder copies it as printed, and only its check digit tells the S is a 5;</li>
 *   <li>a place whose UN/LOCODE is answered with a name that is none of that code's names ({@link PlaceNames}) gets
 *       the code's name the document prints, when it prints one: a model that has never seen {@code Hamburg} as a
 *       port copies a caption beside it ({@code Voyage}) or half of {@code Gioia Tauro}.</li>
 *   <li>a carrier answered with a name that falls short of a known carrier's printed name ({@code ZIM Integrated
 *       Shipping} for {@code ZIM Integrated Shipping Services Ltd.}), or with any other name beside that carrier's
 *       SCAC, gets the carrier's name as the document prints it ({@link CarrierNames}).</li>
 * </ul>
 * A part's answer is read back before parts are merged, against that part's text, so a container seen in two parts
 * is recognised by its real number.
 */
public final class AnswerReadBack {

    private static final String PART_ID = "part";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private AnswerReadBack() {
    }

    /** The finished answer of a decoder, read back against its prompt's text. */
    public static DecodedAnswer of(ConstrainedDecoder decoder) {
        return of(decoder.answer(), decoder.printedText());
    }

    /**
     * The answer read back; the same answer when nothing in it changes, or when it does not parse (whoever reads it
     * rejects it then, with the reason).
     */
    static DecodedAnswer of(DecodedAnswer answer, PrintedText printed) {
        ShippingDocument document;
        try {
            document = CanonicalJson.fromJson(answer.json(), PART_ID);
        } catch (InvalidRecordException e) {
            return answer;
        }
        boolean changed = false;
        for (Container container : document.getContainers()) {
            changed |= readBackContainerNumber(container);
        }
        for (Location place : Arrays.asList(document.getPortOfLoading(), document.getPortOfDischarge(),
                document.getPlaceOfReceipt(), document.getPlaceOfDelivery())) {
            changed |= place != null && readBackPlaceName(place, printed);
        }
        changed |= document.getCarrier() != null && readBackCarrierName(document.getCarrier(), printed);
        if (!changed) {
            return answer;
        }
        return new DecodedAnswer(CanonicalJson.toModelJson(document), answer.fieldConfidence(), answer.promptTokens(),
                answer.answerTokens(), answer.decodedTokens());
    }

    private static boolean readBackContainerNumber(Container container) {
        String printed = container.getContainerNumber();
        String read = Iso6346.readBack(printed);
        if (read.equals(printed)) {
            return false;
        }
        container.setContainerNumber(read);
        return true;
    }

    private static boolean readBackPlaceName(Location place, PrintedText printed) {
        List<String> names = PlaceNames.of(place.getUnlocode());
        String instead = printedInstead(place.getName(), names, names, printed);
        if (instead == null) {
            return false;
        }
        place.setName(instead);
        return true;
    }

    private static boolean readBackCarrierName(Carrier carrier, PrintedText printed) {
        String answered = carrier.getName();
        List<String> known = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (CarrierNames.Carrier listed : CarrierNames.all()) {
            known.add(listed.name());
            if (listed.scac().equals(carrier.getScac()) || startsWithWords(listed.name(), answered)) {
                candidates.add(listed.name());
            }
        }
        String instead = printedInstead(answered, known, candidates, printed);
        if (instead == null) {
            return false;
        }
        carrier.setName(instead);
        return true;
    }

    /**
     * The name to answer instead of {@code answered}: the longest of {@code candidates} the document prints, in the
     * form it prints it; null when {@code answered} already is one of the {@code known} names, or no candidate is
     * printed.
     */
    private static String printedInstead(String answered, List<String> known, List<String> candidates,
            PrintedText printed) {
        for (String name : known) {
            if (PrintedText.sameWords(name, answered)) {
                return null;
            }
        }
        String best = null;
        for (String name : candidates) {
            String form = printed.printedForm(name);
            if (form != null && (best == null || form.length() > best.length())) {
                best = form;
            }
        }
        return best;
    }

    /** Whether the words of {@code prefix} (at least one) are the first words of {@code name}, case aside. */
    private static boolean startsWithWords(String name, String prefix) {
        List<String> words = words(prefix);
        List<String> of = words(name);
        return !words.isEmpty() && words.size() <= of.size() && of.subList(0, words.size()).equals(words);
    }

    private static List<String> words(String text) {
        Matcher matcher = WORD.matcher(text);
        List<String> words = new ArrayList<>();
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
