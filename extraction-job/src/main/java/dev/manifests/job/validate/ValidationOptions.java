package dev.manifests.job.validate;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Tolerances and date window of {@link ManifestValidator}.
 *
 * @param weightToleranceRelative how far the containers' gross weights may sum from the stated total, as a share
 *     of the total (default 0.005: documents round each container's weight)
 * @param weightToleranceMinKg the smallest allowed difference in kilograms, whatever the total (default 1 kg)
 * @param volumeToleranceRelative the same for volumes (default 0.005)
 * @param volumeToleranceMinM3 the smallest allowed volume difference in cubic metres (default 0.1 m3)
 * @param earliestDate no date on a document may be before this day (default 2000-01-01)
 * @param maxDaysAfterToday no date may be more than this many days after today (default 400: bookings are dated
 *     ahead, typos like 2062 are not)
 * @param maxShippedAfterIssueDays how many days the shipped-on-board date may follow the issue date (default 60)
 * @param maxShippedBeforeIssueDays how many days the shipped-on-board date may precede the issue date (default 60)
 * @param clock gives today's date (default the system clock in UTC)
 */
public record ValidationOptions(
        double weightToleranceRelative,
        double weightToleranceMinKg,
        double volumeToleranceRelative,
        double volumeToleranceMinM3,
        LocalDate earliestDate,
        int maxDaysAfterToday,
        int maxShippedAfterIssueDays,
        int maxShippedBeforeIssueDays,
        Clock clock) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ValidationOptions {
        if (weightToleranceRelative < 0 || weightToleranceMinKg < 0 || volumeToleranceRelative < 0
                || volumeToleranceMinM3 < 0) {
            throw new IllegalArgumentException("tolerances must not be negative");
        }
        if (maxDaysAfterToday < 0 || maxShippedAfterIssueDays < 0 || maxShippedBeforeIssueDays < 0) {
            throw new IllegalArgumentException("day limits must not be negative");
        }
        if (earliestDate == null || clock == null) {
            throw new IllegalArgumentException("earliestDate and clock are required");
        }
    }

    /** The defaults the job runs with, today's date from the system clock in UTC. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(0.005, 1.0, 0.005, 0.1, LocalDate.of(2000, 1, 1), 400, 60, 60, Clock.systemUTC());
    }

    /** The same options with today's date from {@code value}. */
    public ValidationOptions withClock(Clock value) {
        return new ValidationOptions(weightToleranceRelative, weightToleranceMinKg, volumeToleranceRelative,
                volumeToleranceMinM3, earliestDate, maxDaysAfterToday, maxShippedAfterIssueDays,
                maxShippedBeforeIssueDays, value);
    }

    /** Today's date by the options' clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
