package dev.manifests.schema.json;

/**
 * Thrown when JSON does not fit the Avro schema of a record; the message names the field path (for example
 * {@code containers[2].grossWeightKg}) and what is wrong with it.
 */
public class InvalidRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String fieldPath;

    public InvalidRecordException(String fieldPath, String problem) {
        super(fieldPath.isEmpty() ? problem : fieldPath + ": " + problem);
        this.fieldPath = fieldPath;
    }

    public InvalidRecordException(String fieldPath, String problem, Throwable cause) {
        super(fieldPath.isEmpty() ? problem : fieldPath + ": " + problem, cause);
        this.fieldPath = fieldPath;
    }

    /** Path of the offending field, empty when the whole text is at fault (not JSON, not an object). */
    public String fieldPath() {
        return fieldPath;
    }
}
