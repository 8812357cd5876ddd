package dev.manifests.job.corpus;

import dev.manifests.schema.ShippingDocument;
import dev.manifests.schema.json.CanonicalJson;
import dev.manifests.schema.json.InvalidRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a folder of labelled documents: each {@code <name>.<ext>} with its answer in {@code <name>.expected.json}
 * beside it. Documents come in file-name order, so an export of the same folder is the same file.
 */
public final class LabelledFolder {

    /** Suffix of the file that holds a document's expected record. */
    public static final String EXPECTED_SUFFIX = ".expected.json";

    private LabelledFolder() {
    }

    /**
     * Lists the labelled documents of {@code folder}.
     *
     * @param split the split name written with each document
     * @throws IOException when the folder cannot be read, or an expected file has no document or does not fit
     *     the schema (a labelled set with a broken label is a broken set, not bad input)
     */
    public static List<LabelledDocument> read(Path folder, String split) throws IOException {
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.list(folder)) {
            expectedFiles = files.filter(p -> p.getFileName().toString().endsWith(EXPECTED_SUFFIX)).sorted().toList();
        }
        List<LabelledDocument> documents = new ArrayList<>();
        for (Path expected : expectedFiles) {
            String fileName = expected.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - EXPECTED_SUFFIX.length());
            Path document = documentBeside(folder, name, expected);
            ShippingDocument truth;
            try {
                truth = CanonicalJson.fromJson(Files.readString(expected, StandardCharsets.UTF_8), null);
            } catch (InvalidRecordException e) {
                throw new IOException(expected + " does not fit the schema: " + e.getMessage(), e);
            }
            String documentName = document.getFileName().toString();
            String extension = documentName.substring(name.length() + 1);
            String id = truth.getDocumentId() == null || truth.getDocumentId().isBlank() ? name : truth.getDocumentId();
            documents.add(new LabelledDocument(id, split, null, extension.toUpperCase(Locale.ROOT), false, false,
                    Files.readAllBytes(document), documentName, truth));
        }
        return documents;
    }

    private static Path documentBeside(Path folder, String name, Path expected) throws IOException {
        List<Path> candidates;
        try (Stream<Path> files = Files.list(folder)) {
            candidates = files.filter(p -> {
                String other = p.getFileName().toString();
                return other.startsWith(name + ".") && !other.endsWith(".json")
                        && other.indexOf('.', name.length() + 1) < 0;
            }).sorted().toList();
        }
        if (candidates.size() != 1) {
            throw new IOException(expected + " needs exactly one document named " + name + ".<ext> beside it, found "
                    + candidates.size());
        }
        return candidates.get(0);
    }
}
