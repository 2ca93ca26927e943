package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A fleet's daily rollups over [from, to), summed: the devices that reported, device-days, minutes up and faults.
 * Uptime is minutes up ÷ (device-days × 1,440); the fault rate is faults per 30 device-days (per device per 30 days).
 */
record Window(LocalDate from, LocalDate to, int reportingDevices, DaySeries.Totals totals) {
    static final int SCALE = 6;

    /** Minutes up ÷ minutes reported, e.g. 0.995; empty without a reported day. */
    Optional<BigDecimal> uptime() {
        return uptime(totals);
    }

    static Optional<BigDecimal> uptime(DaySeries.Totals t) {
        return t.days() == 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf(t.uptimeMinutes()).divide(BigDecimal.valueOf(t.days() * DeviceDay.MINUTES),
                        SCALE, RoundingMode.HALF_EVEN));
    }

    /** Faults × 30 ÷ device-days; empty without a reported day. */
    Optional<BigDecimal> faultsPerDevicePer30Days() {
        return totals.days() == 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf(totals.faults() * 30).divide(BigDecimal.valueOf(totals.days()), SCALE,
                        RoundingMode.HALF_EVEN));
    }

    /** {@code ratio} as a percentage with {@code digits} decimals, e.g. "99.52". */
    static String percent(BigDecimal ratio, int digits) {
        return ratio.movePointRight(2).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
