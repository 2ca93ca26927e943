package io.tenure.health.measures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Date windows that measures look back over: [asOf - days, asOf). */
final class Windows {
    private Windows() {
    }

    static boolean within(LocalDate day, LocalDate asOf, int days) {
        return day.isBefore(asOf) && !day.isBefore(asOf.minusDays(days));
    }

    static boolean within(Instant t, LocalDate asOf, int days) {
        return within(t.atZone(ZoneOffset.UTC).toLocalDate(), asOf, days);
    }

    static boolean before(LocalDate day, LocalDate asOf) {
        return day.isBefore(asOf);
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(100, v));
    }

    /** Linear from {@code atLow} (score 0) to {@code atHigh} (score 100). */
    static double linear(double value, double atLow, double atHigh) {
        return clamp((value - atLow) / (atHigh - atLow) * 100);
    }
}
