package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.math.MathContext;

/** Linear scores between two thresholds, computed on exact decimals so a value at a threshold scores exactly. */
final class Scores {
    private Scores() {
    }

    /** 0 at or below {@code zeroAt}, 100 at or above {@code fullAt} (higher is better), linear in between. */
    static double between(BigDecimal value, double zeroAt, double fullAt) {
        BigDecimal zero = BigDecimal.valueOf(zeroAt);
        BigDecimal full = BigDecimal.valueOf(fullAt);
        if (value.compareTo(full) >= 0) {
            return 100;
        }
        if (value.compareTo(zero) <= 0) {
            return 0;
        }
        return value.subtract(zero).multiply(BigDecimal.valueOf(100)).divide(full.subtract(zero), MathContext.DECIMAL64)
                .doubleValue();
    }

    /** 100 at or below {@code fullAt}, 0 at or above {@code zeroAt} (lower is better), linear in between. */
    static double falling(BigDecimal value, double fullAt, double zeroAt) {
        return between(BigDecimal.valueOf(zeroAt).add(BigDecimal.valueOf(fullAt)).subtract(value), fullAt, zeroAt);
    }
}
