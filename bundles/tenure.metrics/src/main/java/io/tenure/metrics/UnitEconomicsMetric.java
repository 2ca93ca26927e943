package io.tenure.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;

/** {@code /api/v1/metrics/unit_economics}: CLTV from the book, LTV:CAC and CRC:CAC from the configured costs. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class UnitEconomicsMetric extends BaseMetric {
    static final String DEFINITION = "Over the 12 months before asOf (optionally one slice): annual revenue per customer = "
            + "ARR of paying accounts at asOf / their number; annual churn rate = 1 - logo retention of the 12-month "
            + "cohort. CLTV simple and churn-based = revenue per customer x gross margin / churn rate; discounted = revenue "
            + "per customer x gross margin / (churn rate + cost of capital). LTV:CAC = discounted CLTV / fully loaded CAC "
            + "(3 or better is healthy, below 1 destroys value). CRC:CAC = yearly CS cost per paying customer / CAC.";

    @Reference
    private MetricContext context;

    public UnitEconomicsMetric() {
        super("unit_economics", "CLTV, LTV:CAC and CRC:CAC", DEFINITION);
    }

    public UnitEconomicsMetric(MetricContext context) {
        super("unit_economics", "CLTV, LTV:CAC and CRC:CAC", DEFINITION);
        this.context = context;
    }

    @Override
    public List<MetricParameter> parameters() {
        return AccountFilter.PARAMETERS;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        FinanceConfig f = context.finance();
        AccountFilter filter = AccountFilter.of(request);
        RevenueLedger ledger = context.ledgers().current();
        java.time.LocalDate end = request.asOf().plusDays(1);
        RetentionCalculator.Retention year = RetentionCalculator.compute(ledger, end.minusYears(1), end, filter.test());
        long[] arr = Book.arrBefore(ledger, end);
        long paying = 0;
        long total = 0;
        for (int a = 0; a < arr.length; a++) {
            if (arr[a] > 0 && filter.test().test(ledger.accounts.get(a))) {
                paying++;
                total += arr[a];
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("asOf", request.asOf().toString());
        v.put("currency", ledger.currency);
        v.put("payingAccounts", paying);
        BigDecimal revenue = paying == 0 ? null : BigDecimal.valueOf(total, 2).divide(BigDecimal.valueOf(paying), 2, RoundingMode.HALF_EVEN);
        BigDecimal churn = year.logoRetention() == null ? null : BigDecimal.ONE.subtract(year.logoRetention());
        v.put("annualRevenuePerCustomer", revenue == null ? null : revenue.toPlainString());
        v.put("annualChurnRate", churn);
        v.put("grossMargin", BigDecimal.valueOf(f.grossMargin()));
        if (revenue == null || churn == null || churn.signum() == 0) {
            v.put("cltv", null);
            v.put("note", churn != null && churn.signum() == 0 ? "no logo churned in the last 12 months: lifetime value is unbounded"
                    : "no paying accounts or no 12-month cohort");
        } else {
            BigDecimal csCost = context.yearlyCsCost(ledger.currency);
            Optional<BigDecimal> cac = f.cac() > 0 ? Optional.of(BigDecimal.valueOf(f.cac())) : Optional.empty();
            CltvCalculator.Cltv c = CltvCalculator.compute(new CltvCalculator.Inputs(revenue, churn,
                    BigDecimal.valueOf(f.grossMargin()), Optional.empty(), Optional.of(BigDecimal.valueOf(f.costOfCapital())), cac,
                    Optional.of(csCost.divide(BigDecimal.valueOf(paying), 2, RoundingMode.HALF_EVEN))));
            Map<String, Object> cltv = new LinkedHashMap<>();
            cltv.put("simple", c.simple().toPlainString());
            cltv.put("churnBased", c.churnBased().toPlainString());
            cltv.put("discounted", c.discounted().map(BigDecimal::toPlainString).orElse(null));
            v.put("lifespanYears", c.lifespanYears());
            v.put("cltv", cltv);
            v.put("ltvToCac", c.ltvToCac().orElse(null));
            v.put("crcToCac", c.crcToCac().orElse(null));
            v.put("ltvToCacHealth", c.ltvToCac().map(r -> r.compareTo(BigDecimal.valueOf(3)) >= 0 ? "healthy"
                    : r.compareTo(BigDecimal.ONE) < 0 ? "destroys_value" : "below_target").orElse(null));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("filters", filter.applied());
        inputs.put("cohortAccounts", year.cohortAccounts());
        inputs.put("retainedAccounts", year.retainedAccounts());
        inputs.put("cac", f.cac());
        inputs.put("costOfCapital", f.costOfCapital());
        return new MetricResult(name(), v, DEFINITION, inputs);
    }
}
