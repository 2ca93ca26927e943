package io.tenure.vertical.haas;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One device's daily rollups, held compactly (three parallel arrays sorted by day) so a fleet of many devices over
 * a year fits in memory.
 */
final class DaySeries {
    /** Sums over a range of days: days reported, minutes up, faults. */
    record Totals(long days, long uptimeMinutes, long faults) {
        static final Totals NONE = new Totals(0, 0, 0);

        Totals plus(Totals o) {
            return new Totals(days + o.days, uptimeMinutes + o.uptimeMinutes, faults + o.faults);
        }

        long downMinutes() {
            return days * DeviceDay.MINUTES - uptimeMinutes;
        }
    }

    private final int[] days;
    private final int[] uptime;
    private final int[] faults;

    private DaySeries(int[] days, int[] uptime, int[] faults) {
        this.days = days;
        this.uptime = uptime;
        this.faults = faults;
    }

    /** Sums the days in [from, to). */
    Totals totals(LocalDate from, LocalDate to) {
        int lo = index((int) from.toEpochDay());
        int hi = index((int) to.toEpochDay());
        long up = 0;
        long f = 0;
        for (int i = lo; i < hi; i++) {
            up += uptime[i];
            f += faults[i];
        }
        return new Totals(hi - lo, up, f);
    }

    private int index(int day) {
        int i = Arrays.binarySearch(days, day);
        return i >= 0 ? i : -i - 1;
    }

    /** Collects one device's days in any order; {@link #build} sorts them (a later row for a day replaces an earlier). */
    static final class Builder {
        private long[] packed = new long[16];
        private int size;

        void add(DeviceDay d) {
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, size * 2);
            }
            // day in the high bits so sorting the longs sorts by day; uptime (11 bits) and faults (20 bits) below
            packed[size++] = (d.date().toEpochDay() << 32) | (d.uptimeMinutes() << 20) | Math.min(d.faults(), 0xFFFFF);
        }

        DaySeries build() {
            long[] sorted = Arrays.copyOf(packed, size);
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (n > 0 && (sorted[n - 1] >> 32) == (sorted[i] >> 32)) {
                    n--;
                }
                sorted[n++] = sorted[i];
            }
            int[] d = new int[n];
            int[] u = new int[n];
            int[] f = new int[n];
            for (int i = 0; i < n; i++) {
                d[i] = (int) (sorted[i] >> 32);
                u[i] = (int) ((sorted[i] >> 20) & 0xFFF);
                f[i] = (int) (sorted[i] & 0xFFFFF);
            }
            return new DaySeries(d, u, f);
        }
    }
}
