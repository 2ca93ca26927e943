package io.tenure.metrics;

import java.math.BigDecimal;
import java.util.Locale;

/** The benchmark bands of DOMAIN.md §3 that label retention figures. */
public enum Band {
    BEST_IN_CLASS, STRONG, ACCEPTABLE, WARNING;

    private static final BigDecimal G95 = new BigDecimal("0.95");
    private static final BigDecimal G90 = new BigDecimal("0.90");
    private static final BigDecimal G85 = new BigDecimal("0.85");
    private static final BigDecimal N120 = new BigDecimal("1.20");
    private static final BigDecimal N110 = new BigDecimal("1.10");
    private static final BigDecimal N100 = BigDecimal.ONE;

    /** GRR: best in class above 95%, strong 90–95%, acceptable 85–90%, warning below 85%. */
    public static Band ofGrr(BigDecimal grr) {
        return grr.compareTo(G95) > 0 ? BEST_IN_CLASS : grr.compareTo(G90) >= 0 ? STRONG : grr.compareTo(G85) >= 0 ? ACCEPTABLE : WARNING;
    }

    /** NRR: best in class above 120%, strong 110–120%, acceptable 100–110%, warning below 100%. */
    public static Band ofNrr(BigDecimal nrr) {
        return nrr.compareTo(N120) > 0 ? BEST_IN_CLASS : nrr.compareTo(N110) >= 0 ? STRONG : nrr.compareTo(N100) >= 0 ? ACCEPTABLE : WARNING;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
