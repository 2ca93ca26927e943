package io.tenure.api.metrics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period {@code [from, to)} with its label: a calendar month ({@code 2026-03}), quarter ({@code 2026-Q1})
 * or year ({@code 2026}), or any two dates ({@code 2026-01-15..2026-04-15}). Metrics, the board slide, the forecast
 * and compensation all read their {@code period} parameter through it.
 *
 * @param label how the period is written
 * @param from its first day
 * @param to the day after its last
 */
public record ReportingPeriod(String label, LocalDate from, LocalDate to) {
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    /** The longest period {@link #between} accepts. */
    public static final int MAX_YEARS = 10;

    public ReportingPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }

    /** Calendar lengths periods are cut into. */
    public enum Length {
        MONTH(1), QUARTER(3), YEAR(12);

        private final int months;

        Length(int months) {
            this.months = months;
        }

        /** @throws IllegalArgumentException naming the parameter and the bad value */
        public static Length parse(String parameter, String text) {
            for (Length l : values()) {
                if (l.name().equalsIgnoreCase(text.strip())) {
                    return l;
                }
            }
            throw new IllegalArgumentException(parameter + " '" + text + "' is not month, quarter or year");
        }

        /** The period of this length that holds {@code day}. */
        public ReportingPeriod holding(LocalDate day) {
            LocalDate start = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / months * months + 1, 1);
            String label = switch (this) {
                case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
                case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
                case YEAR -> String.valueOf(start.getYear());
            };
            return new ReportingPeriod(label, start, start.plusMonths(months));
        }

        /**
         * The last {@code count} periods of this length that are closed on {@code today}: ended at least
         * {@code graceDays} before it. Oldest first.
         */
        public List<ReportingPeriod> closed(int count, LocalDate today, int graceDays) {
            List<ReportingPeriod> periods = new ArrayList<>();
            ReportingPeriod p = holding(today);
            while (periods.size() < count) {
                if (!p.to().plusDays(graceDays).isAfter(today)) {
                    periods.add(p);
                }
                p = holding(p.from().minusDays(1));
            }
            Collections.reverse(periods);
            return periods;
        }
    }

    /**
     * A quarter ({@code 2026-Q1}), a month ({@code 2026-03}) or a year ({@code 2026}).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static ReportingPeriod parse(String text) {
        String t = text.strip();
        Matcher q = QUARTER.matcher(t);
        if (q.matches()) {
            return Length.QUARTER.holding(LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1));
        }
        Matcher m = MONTH.matcher(t);
        if (m.matches()) {
            return Length.MONTH.holding(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1));
        }
        if (YEAR.matcher(t).matches()) {
            return Length.YEAR.holding(LocalDate.of(Integer.parseInt(t), 1, 1));
        }
        throw new IllegalArgumentException("period '" + text + "' is not a quarter (2026-Q1), a month (2026-03) or a year (2026)");
    }

    /**
     * {@code [from, to)} from two dates.
     *
     * @throws IllegalArgumentException when from is not before to, or the period is longer than {@value #MAX_YEARS} years
     */
    public static ReportingPeriod between(LocalDate f, LocalDate t) {
        if (!f.isBefore(t)) {
            throw new IllegalArgumentException("from " + f + " must be before to " + t);
        }
        if (f.plusYears(MAX_YEARS).isBefore(t)) {
            throw new IllegalArgumentException("from " + f + " to " + t + " is longer than " + MAX_YEARS + " years");
        }
        return new ReportingPeriod(f + ".." + t, f, t);
    }

    /** @throws IllegalArgumentException naming {@code name} when {@code text} is not a date like 2026-01-31 */
    public static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a date like 2026-01-31");
        }
    }

    /** The period of the same length just before this one (for a calendar period). */
    public ReportingPeriod previous(Length length) {
        return length.holding(from.minusDays(1));
    }
}
