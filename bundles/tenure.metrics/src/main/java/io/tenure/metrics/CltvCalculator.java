package io.tenure.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Customer lifetime value, DOMAIN.md §3: simple = annual revenue × lifespan × gross margin; churn-based = annual
 * revenue × gross margin ÷ annual churn rate (lifespan = 1 ÷ churn); discounted = present value of the retained margin
 * stream, m × (1 − c)^(t−1) ÷ (1 + d)^t summed over the years t ≥ 1, which is m ÷ (c + d). LTV:CAC = CLTV ÷ CAC.
 */
public final class CltvCalculator {
    private static final MathContext MC = MathContext.DECIMAL64;

    private CltvCalculator() {
    }

    /**
     * @param lifespanYears observed average lifespan for the simple formula; 1 ÷ churn when empty
     * @param discountRate yearly cost of capital for the discounted value
     * @param cac fully loaded cost to acquire a customer, for LTV:CAC
     * @param retentionCost yearly cost to retain a customer, for CRC:CAC
     */
    public record Inputs(BigDecimal annualRevenue, BigDecimal churnRate, BigDecimal grossMargin,
            Optional<BigDecimal> lifespanYears, Optional<BigDecimal> discountRate, Optional<BigDecimal> cac,
            Optional<BigDecimal> retentionCost) {
    }

    /** Values in major units (rounded to cents, half even) and ratios. */
    public record Cltv(BigDecimal lifespanYears, BigDecimal simple, BigDecimal churnBased, Optional<BigDecimal> discounted,
            Optional<BigDecimal> ltvToCac, Optional<BigDecimal> crcToCac) {
    }

    public static Cltv compute(Inputs in) {
        require(in.annualRevenue().signum() > 0, "annualRevenue must be positive");
        require(in.churnRate().signum() > 0 && in.churnRate().compareTo(BigDecimal.ONE) <= 0,
                "churnRate must be above 0 and at most 1 (100%)");
        require(in.grossMargin().signum() > 0 && in.grossMargin().compareTo(BigDecimal.ONE) <= 0,
                "grossMargin must be above 0 and at most 1 (100%)");
        in.discountRate().ifPresent(d -> require(d.signum() >= 0, "discountRate must not be negative"));
        in.lifespanYears().ifPresent(l -> require(l.signum() > 0, "lifespanYears must be positive"));
        in.cac().ifPresent(c -> require(c.signum() > 0, "cac must be positive"));
        BigDecimal margin = in.annualRevenue().multiply(in.grossMargin(), MC);
        BigDecimal lifespan = in.lifespanYears().orElse(BigDecimal.ONE.divide(in.churnRate(), MC));
        BigDecimal simple = cents(margin.multiply(lifespan, MC));
        BigDecimal churnBased = cents(margin.divide(in.churnRate(), MC));
        Optional<BigDecimal> discounted = in.discountRate().map(d -> cents(margin.divide(in.churnRate().add(d), MC)));
        Optional<BigDecimal> ltvToCac = in.cac().map(c -> discounted.orElse(churnBased).divide(c, 4, RoundingMode.HALF_EVEN));
        Optional<BigDecimal> crcToCac = in.cac().flatMap(c -> in.retentionCost().map(r -> r.divide(c, 4, RoundingMode.HALF_EVEN)));
        BigDecimal years = lifespan.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return new Cltv(years.scale() < 0 ? years.setScale(0) : years, simple, churnBased, discounted,
                ltvToCac, crcToCac);
    }

    private static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A rate written as a fraction ({@code 0.1}) or a percentage ({@code 10%}). */
    public static BigDecimal rate(String text) {
        String t = text.strip();
        try {
            return t.endsWith("%") ? new BigDecimal(t.substring(0, t.length() - 1).strip()).movePointLeft(2) : new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rate like 0.1 or 10%");
        }
    }
}
