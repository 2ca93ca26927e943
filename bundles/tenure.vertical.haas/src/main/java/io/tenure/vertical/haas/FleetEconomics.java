package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CLTV and retention spend on per-unit marginal cost (DOMAIN.md §3 and §8), from the paying accounts' ARR and fleet
 * cost at the as-of day and the logo churn of the 12 months before it. The gross margin is not a flat percentage: it
 * is (ARR − fleet marginal cost) ÷ ARR of the paying accounts.
 *
 * <ul>
 * <li>annual revenue per customer = ARR ÷ paying accounts; margin per customer = (ARR − fleet cost) ÷ paying accounts;
 * <li>gross margin = (ARR − fleet cost) ÷ ARR; annual churn rate = 1 − logo retention of the 12-month cohort;
 * <li>CLTV simple = revenue per customer × lifespan × gross margin with lifespan = 1 ÷ churn; churn-based = revenue per
 * customer × gross margin ÷ churn (the same number); discounted = revenue per customer × gross margin ÷ (churn + cost
 * of capital);
 * <li>per unit (device in the fleet): revenue, marginal cost and margin per unit = the sums ÷ units; CLTV per unit =
 * margin per unit ÷ churn;
 * <li>retention spend ceiling per unit = the configured share (30%) of the yearly margin per unit; a given yearly
 * retention spend ÷ units is within the ceiling, above it, or above the whole margin (it destroys margin).
 * </ul>
 * Money in major units rounded half-even to cents; ratios with six decimals.
 */
final class FleetEconomics {
    private static final MathContext MC = MathContext.DECIMAL64;

    private FleetEconomics() {
    }

    /**
     * @param arr ARR of the paying accounts, minor units
     * @param cost their fleets' yearly marginal cost, minor units
     * @param payingAccounts how many pay
     * @param units devices in their fleets
     * @param churnRate 1 − logo retention over the last 12 months; empty without a cohort
     * @param costOfCapital yearly discount rate, e.g. 0.10
     * @param ceilingShare retention spend ceiling as a share of margin per unit, e.g. 0.30
     * @param retentionSpend yearly retention spend on the fleet, major units, if given
     */
    record Inputs(long arr, long cost, long payingAccounts, long units, Optional<BigDecimal> churnRate,
            BigDecimal costOfCapital, BigDecimal ceilingShare, Optional<BigDecimal> retentionSpend, int fractionDigits) {
    }

    static Map<String, Object> cltv(Inputs in) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("payingAccounts", in.payingAccounts());
        if (in.payingAccounts() == 0) {
            v.put("note", "no paying hardware-as-a-service account");
            return v;
        }
        BigDecimal arr = major(in.arr(), in);
        BigDecimal margin = major(in.arr() - in.cost(), in);
        BigDecimal n = BigDecimal.valueOf(in.payingAccounts());
        v.put("annualRevenuePerCustomer", cents(arr.divide(n, MC)));
        v.put("fleetCostPerCustomer", cents(major(in.cost(), in).divide(n, MC)));
        v.put("grossMargin", in.arr() == 0 ? null : margin.divide(arr, MarginRetention.SCALE, RoundingMode.HALF_EVEN));
        v.put("annualChurnRate", in.churnRate().orElse(null));
        BigDecimal perCustomer = margin.divide(n, MC);
        if (margin.signum() <= 0) {
            v.put("note", "the fleets cost as much as they earn or more: there is no margin to value");
        } else if (in.churnRate().isEmpty() || in.churnRate().get().signum() == 0) {
            v.put("note", in.churnRate().isEmpty() ? "no 12-month cohort to measure churn"
                    : "no logo churned in the last 12 months: lifetime value is unbounded");
        } else {
            BigDecimal churn = in.churnRate().get();
            v.put("lifespanYears", BigDecimal.ONE.divide(churn, 4, RoundingMode.HALF_EVEN));
            v.put("simple", cents(perCustomer.multiply(BigDecimal.ONE.divide(churn, MC), MC)));
            v.put("churnBased", cents(perCustomer.divide(churn, MC)));
            v.put("discounted", cents(perCustomer.divide(churn.add(in.costOfCapital()), MC)));
        }
        return v;
    }

    static Map<String, Object> perUnit(Inputs in) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("units", in.units());
        if (in.units() == 0) {
            return v;
        }
        BigDecimal u = BigDecimal.valueOf(in.units());
        BigDecimal marginPerUnit = major(in.arr() - in.cost(), in).divide(u, MC);
        v.put("revenuePerUnit", cents(major(in.arr(), in).divide(u, MC)));
        v.put("marginalCostPerUnit", cents(major(in.cost(), in).divide(u, MC)));
        v.put("marginPerUnit", cents(marginPerUnit));
        in.churnRate().filter(c -> c.signum() > 0 && marginPerUnit.signum() > 0)
                .ifPresent(c -> v.put("cltvPerUnit", cents(marginPerUnit.divide(c, MC))));
        return v;
    }

    static Map<String, Object> retentionSpend(Inputs in) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ceilingShare", in.ceilingShare());
        if (in.units() == 0) {
            return v;
        }
        BigDecimal u = BigDecimal.valueOf(in.units());
        BigDecimal marginPerUnit = major(in.arr() - in.cost(), in).divide(u, MC);
        BigDecimal ceiling = marginPerUnit.signum() <= 0 ? BigDecimal.ZERO : marginPerUnit.multiply(in.ceilingShare(), MC);
        v.put("ceilingPerUnit", cents(ceiling));
        in.retentionSpend().ifPresent(spend -> {
            BigDecimal perUnit = spend.divide(u, MC);
            v.put("spend", cents(spend));
            v.put("spendPerUnit", cents(perUnit));
            v.put("shareOfUnitMargin", marginPerUnit.signum() <= 0 ? null
                    : perUnit.divide(marginPerUnit, MarginRetention.SCALE, RoundingMode.HALF_EVEN));
            v.put("verdict", perUnit.compareTo(ceiling) <= 0 && marginPerUnit.signum() > 0 ? "within_ceiling"
                    : perUnit.compareTo(marginPerUnit) <= 0 ? "above_ceiling" : "destroys_margin");
        });
        return v;
    }

    private static BigDecimal major(long minor, Inputs in) {
        return BigDecimal.valueOf(minor, in.fractionDigits());
    }

    private static String cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
