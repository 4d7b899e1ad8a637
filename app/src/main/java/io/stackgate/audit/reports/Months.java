package io.stackgate.audit.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar months a period touches, each cut to the period.
 *
 * @param label  {@code YYYY-MM}
 * @param start  the month's start, or the period's if later
 * @param end    the month's end, or the period's if earlier
 * @param length the whole month's length in seconds (what a monthly price is for)
 */
record Months(String label, Instant start, Instant end, long length) {

    static List<Months> of(Instant from, Instant to, ZoneId zone) {
        List<Months> months = new ArrayList<>();
        YearMonth month = YearMonth.from(from.atZone(zone));
        while (true) {
            Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
            if (!monthStart.isBefore(to)) {
                return months;
            }
            Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            months.add(new Months(month.toString(), monthStart.isBefore(from) ? from : monthStart,
                    monthEnd.isAfter(to) ? to : monthEnd, monthEnd.getEpochSecond() - monthStart.getEpochSecond()));
            month = month.plusMonths(1);
        }
    }

    /** Seconds of [{@code since}, {@code until}) within this (cut) month. */
    long overlap(Instant since, Instant until) {
        long from = Math.max(since.getEpochSecond(), start.getEpochSecond());
        long to = Math.min(until.getEpochSecond(), end.getEpochSecond());
        return Math.max(0, to - from);
    }
}
