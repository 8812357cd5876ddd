package dev.manifests.job.validate;

import dev.manifests.schema.ShippingDocument;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Dates are plausible: none before the earliest date or too far after today, and the shipped-on-board date close
 * to the issue date (a misread year or swapped day and month lands outside these windows).
 */
public final class DateRule implements ManifestRule {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "date-window";
    public static final String ON_BOARD_NAME = "shipped-on-board-date";

    private final ValidationOptions options;

    public DateRule(ValidationOptions options) {
        this.options = options;
    }

    @Override
    public List<RuleViolation> check(ShippingDocument document) {
        List<RuleViolation> violations = new ArrayList<>();
        LocalDate latest = options.today().plusDays(options.maxDaysAfterToday());
        LocalDate issued = document.getDateOfIssue();
        LocalDate onBoard = document.getShippedOnBoardDate();
        checkWindow("dateOfIssue", issued, latest, violations);
        checkWindow("shippedOnBoardDate", onBoard, latest, violations);
        if (issued != null && onBoard != null) {
            long daysAfterIssue = ChronoUnit.DAYS.between(issued, onBoard);
            if (daysAfterIssue > options.maxShippedAfterIssueDays()) {
                violations.add(new RuleViolation(ON_BOARD_NAME, "shippedOnBoardDate", "shipped on board " + onBoard
                        + ", " + daysAfterIssue + " days after the issue date " + issued + " (at most "
                        + options.maxShippedAfterIssueDays() + ")"));
            } else if (-daysAfterIssue > options.maxShippedBeforeIssueDays()) {
                violations.add(new RuleViolation(ON_BOARD_NAME, "shippedOnBoardDate", "shipped on board " + onBoard
                        + ", " + -daysAfterIssue + " days before the issue date " + issued + " (at most "
                        + options.maxShippedBeforeIssueDays() + ")"));
            }
        }
        return violations;
    }

    private void checkWindow(String field, LocalDate date, LocalDate latest, List<RuleViolation> violations) {
        if (date == null) {
            return;
        }
        if (date.isBefore(options.earliestDate())) {
            violations.add(new RuleViolation(NAME, field, date + " is before " + options.earliestDate()));
        } else if (date.isAfter(latest)) {
            violations.add(new RuleViolation(NAME, field, date + " is more than " + options.maxDaysAfterToday()
                    + " days after today (" + options.today() + ")"));
        }
    }
}
