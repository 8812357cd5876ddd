package dev.manifests.job.validate;

/**
 * One domain rule a record breaks.
 *
 * @param rule the rule's name, stable for metrics and dead letters (e.g. {@code container-check-digit})
 * @param fieldPath where in the record, e.g. {@code containers[2].containerNumber}; empty for the whole record
 * @param message what is wrong, with the values involved
 */
public record RuleViolation(String rule, String fieldPath, String message) {

    @Override
    public String toString() {
        return rule + (fieldPath.isEmpty() ? "" : " at " + fieldPath) + ": " + message;
    }
}
