package dev.manifests.samples.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Random;
import java.util.TimeZone;

/**
 * Timestamps that file formats embed (PDF dates, ZIP entries, e-mail Date headers), drawn from the document's
 * {@link Random} within 2026 instead of read from the wall clock, so equal seeds give equal bytes.
 */
final class FixedClock {

    private static final long START_EPOCH_SECOND = ZonedDateTime.of(2026, 1, 5, 7, 0, 0, 0, ZoneOffset.UTC)
            .toEpochSecond();
    private static final long SPAN_SECONDS = 340L * 24 * 3600;

    private FixedClock() {
    }

    static Instant instant(Random random) {
        long offset = (long) (random.nextDouble() * SPAN_SECONDS);
        return Instant.ofEpochSecond(START_EPOCH_SECOND + offset);
    }

    static Calendar calendar(Random random) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTime(Date.from(instant(random)));
        return calendar;
    }
}
