package io.tenure.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.advocacy.Referral;
import io.tenure.api.advocacy.ReferralStatus;
import io.tenure.api.data.Query;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.revenue.MovementSource;

/** {@code /api/v1/metrics/pnl}: what retention, expansion and referrals are worth in money, against the cost of CS. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class PnlMetric extends BaseMetric {
    static final String DEFINITION = "For the period [from, to) and its retention cohort: one retention point = 1% of "
            + "starting ARR a year (1 point of GRR on $50M = $500K). Retained ARR = starting ARR - contraction - churn. CS "
            + "cost = the configured yearly CS cost (or the sum of the CSMs' annual costs), prorated to the period; CS cost "
            + "share = CS cost / retained ARR prorated, against the ceiling (default 30%). Expansion contribution ratio = "
            + "CS-led expansion booked / CS cost. Referral savings = referred share of new-logo ARR (won referrals dated in "
            + "the period / new-logo ARR) x (1 - referral cost / CAC), and in money x new logos x CAC when CAC is set.";

    @Reference
    private MetricContext context;

    public PnlMetric() {
        super("pnl", "P&L translation of retention, expansion and referrals", DEFINITION);
    }

    public PnlMetric(MetricContext context) {
        super("pnl", "P&L translation of retention, expansion and referrals", DEFINITION);
        this.context = context;
    }

    @Override
    public List<MetricParameter> parameters() {
        return PERIOD;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        LocalDate[] period = period(request);
        LocalDate from = period[0];
        LocalDate to = period[1];
        FinanceConfig f = context.finance();
        RevenueLedger ledger = context.ledgers().current();
        RetentionCalculator.Retention r = RetentionCalculator.compute(ledger, from, to, a -> true);
        String cur = ledger.currency;
        BigDecimal years = years(from, to);
        BigDecimal yearlyCsCost = context.yearlyCsCost(cur);
        BigDecimal csCost = yearlyCsCost.multiply(years);
        BigDecimal retained = BigDecimal.valueOf(r.startingArr() - r.contractionArr() - r.churnedArr(), 2).multiply(years);
        BigDecimal csLed = BigDecimal.valueOf(r.expansionBySource().getOrDefault(MovementSource.CS_LED, 0L), 2);
        long referredArr = 0;
        int referredLogos = 0;
        List<Referral> referrals = new ArrayList<>();
        context.store().repository(Referral.TYPE).forEach(Query.all().where("status", "won"), referrals::add);
        for (Referral ref : referrals) {
            if (ref.status() == ReferralStatus.WON && !ref.date().isBefore(from) && ref.date().isBefore(to)) {
                referredArr += ref.wonArr().filter(m -> m.currency().getCurrencyCode().equals(cur)).map(m -> m.minorUnits()).orElse(0L);
                referredLogos++;
            }
        }
        BigDecimal referredShare = RetentionCalculator.ratio(Math.min(referredArr, r.newLogoArr()), r.newLogoArr());
        BigDecimal savingsRatio = referredShare == null || f.cac() <= 0 ? null
                : referredShare.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(f.referralCost())
                        .divide(BigDecimal.valueOf(f.cac()), 6, RoundingMode.HALF_EVEN))).setScale(6, RoundingMode.HALF_EVEN);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("from", from.toString());
        v.put("to", to.toString());
        v.put("currency", cur);
        v.put("startingArr", RetentionMetric.money(r.startingArr(), cur));
        v.put("grr", r.grr());
        v.put("nrr", r.nrr());
        v.put("retentionPointValue", RetentionMetric.money(Math.round(r.startingArr() / 100.0), cur));
        v.put("retainedArr", RetentionMetric.money(r.startingArr() - r.contractionArr() - r.churnedArr(), cur));
        v.put("csCost", money(csCost));
        v.put("csCostShare", csCost.signum() == 0 || retained.signum() == 0 ? null : csCost.divide(retained, 6, RoundingMode.HALF_EVEN));
        v.put("csCostCeiling", BigDecimal.valueOf(f.csCostCeiling()));
        v.put("withinCeiling", csCost.signum() == 0 || retained.signum() == 0 ? null
                : csCost.divide(retained, 6, RoundingMode.HALF_EVEN).compareTo(BigDecimal.valueOf(f.csCostCeiling())) <= 0);
        v.put("csLedExpansion", money(csLed));
        v.put("expansionContributionRatio", csCost.signum() == 0 ? null : csLed.divide(csCost, 4, RoundingMode.HALF_EVEN));
        v.put("newLogoArr", RetentionMetric.money(r.newLogoArr(), cur));
        v.put("referredArr", RetentionMetric.money(referredArr, cur));
        v.put("referredLogos", referredLogos);
        v.put("referredShare", referredShare);
        v.put("referralSavingsRatio", savingsRatio);
        v.put("referralSavings", savingsRatio == null ? null
                : money(savingsRatio.multiply(BigDecimal.valueOf(r.newLogos())).multiply(BigDecimal.valueOf(f.cac()))));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("asOf", request.asOf().toString());
        inputs.put("yearlyCsCost", money(yearlyCsCost));
        inputs.put("csCostFrom", f.csCost() > 0 ? "finance settings" : "sum of the CSMs' annual costs");
        inputs.put("cac", f.cac());
        inputs.put("referralCost", f.referralCost());
        inputs.put("periodYears", years);
        return new MetricResult(name(), v, DEFINITION, inputs);
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
