package io.tenure.forecast;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A period the forecast is asked about: {@code [from, to)} with its label (2026-Q1, 2026-03, 2026 or from..to). */
record ForecastPeriod(String label, LocalDate from, LocalDate to) {
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    /** How closed periods are cut for calibration. */
    enum Length {
        MONTH(1), QUARTER(3), YEAR(12);

        final int months;

        Length(int months) {
            this.months = months;
        }

        /** @throws IllegalArgumentException naming the bad value */
        static Length parse(String text) {
            for (Length l : values()) {
                if (l.name().equalsIgnoreCase(text.strip())) {
                    return l;
                }
            }
            throw new IllegalArgumentException("by '" + text + "' is not month, quarter or year");
        }

        /** The period of this length that holds {@code day}. */
        ForecastPeriod holding(LocalDate day) {
            int month = (day.getMonthValue() - 1) / months * months + 1;
            LocalDate start = LocalDate.of(day.getYear(), month, 1);
            LocalDate end = start.plusMonths(months);
            String label = switch (this) {
                case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
                case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
                case YEAR -> String.valueOf(start.getYear());
            };
            return new ForecastPeriod(label, start, end);
        }
    }

    /**
     * A quarter ({@code 2026-Q1}), a month ({@code 2026-03}) or a year ({@code 2026}).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static ForecastPeriod parse(String text) {
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
     * {@code [from, to)}.
     *
     * @throws IllegalArgumentException when from is not before to, or the period is longer than 10 years
     */
    static ForecastPeriod between(LocalDate f, LocalDate t) {
        if (!f.isBefore(t)) {
            throw new IllegalArgumentException("from " + f + " must be before to " + t);
        }
        if (f.plusYears(10).isBefore(t)) {
            throw new IllegalArgumentException("from " + f + " to " + t + " is longer than 10 years");
        }
        return new ForecastPeriod(f + ".." + t, f, t);
    }

    static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a date like 2026-01-31");
        }
    }

    /**
     * The last {@code count} periods of {@code length} that are closed on {@code today}: ended at least
     * {@code graceDays} before it, so the outcome of every renewal in them is known. Oldest first.
     */
    static List<ForecastPeriod> closed(Length length, int count, LocalDate today, int graceDays) {
        List<ForecastPeriod> periods = new ArrayList<>();
        ForecastPeriod p = length.holding(today);
        while (periods.size() < count) {
            if (!p.to().plusDays(graceDays).isAfter(today)) {
                periods.add(p);
            }
            p = length.holding(p.from().minusDays(1));
        }
        Collections.reverse(periods);
        return periods;
    }
}
