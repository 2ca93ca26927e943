package io.tenure.metrics;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Calendar periods that cohorts and board figures are cut into. */
public enum Period {
    MONTH, QUARTER, YEAR;

    public static Period parse(String text) {
        for (Period p : values()) {
            if (p.name().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not month, quarter or year");
    }

    /** The first day of the period that holds {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(date.getYear(), (date.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
            case YEAR -> LocalDate.of(date.getYear(), 1, 1);
        };
    }

    public LocalDate next(LocalDate start) {
        return switch (this) {
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The label of the period starting at {@code start}: 2024-03, 2024-Q1 or 2024. */
    public String label(LocalDate start) {
        return switch (this) {
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
