package io.tenure.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.Codes;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;

/** {@code /api/v1/metrics/retention}: NRR, GRR, logo retention, expansion, churn composition for a period. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class RetentionMetric extends BaseMetric {
    static final String DEFINITION = "Period [from, to). Cohort = accounts with ARR > 0 just before from; new logos "
            + "signed inside the period and everything they do are excluded. NRR = (starting ARR + expansion - contraction "
            + "- churn) / starting ARR. GRR = (starting ARR - contraction - churn) / starting ARR (never above 1). Logo "
            + "retention = cohort accounts with ARR > 0 at the period end / cohort accounts. Expansion includes "
            + "reactivations of cohort accounts within the period; expansion share of growth = expansion / (expansion + "
            + "new-logo ARR). ARR growth = (all ARR at the end, new logos included) / (all ARR at the start) - 1. Bands: GRR > 95% best in class, 90-95% strong, 85-90% acceptable, < 85% warning; NRR > 120% "
            + "best in class, 110-120% strong, 100-110% acceptable, < 100% warning. Money in major units of the ledger's "
            + "currency; ratios as numbers (1.2 = 120%).";

    @Reference
    private LedgerSource ledgers;

    public RetentionMetric() {
        super("retention", "Net and gross revenue retention", DEFINITION);
    }

    public RetentionMetric(LedgerSource ledgers) {
        super("retention", "Net and gross revenue retention", DEFINITION);
        this.ledgers = ledgers;
    }

    @Override
    public List<MetricParameter> parameters() {
        List<MetricParameter> p = new ArrayList<>(PERIOD);
        p.addAll(AccountFilter.PARAMETERS);
        return p;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        LocalDate[] period = period(request);
        LocalDate from = period[0];
        LocalDate to = period[1];
        AccountFilter filter = AccountFilter.of(request);
        RevenueLedger ledger = ledgers.current();
        RetentionCalculator.Retention r = RetentionCalculator.compute(ledger, from, to.isAfter(request.asOf())
                ? request.asOf().plusDays(1) : to, filter.test());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("asOf", request.asOf().toString());
        inputs.put("filters", filter.applied());
        inputs.put("movementsInLedger", ledger.size());
        inputs.put("complete", !to.isAfter(request.asOf().plusDays(1)));
        return new MetricResult(name(), values(r, to), DEFINITION, inputs);
    }

    static Map<String, Object> values(RetentionCalculator.Retention r, LocalDate to) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("from", r.from().toString());
        v.put("to", to.toString());
        v.put("currency", r.currency());
        v.put("cohortAccounts", r.cohortAccounts());
        v.put("retainedAccounts", r.retainedAccounts());
        v.put("startingArr", money(r.startingArr(), r.currency()));
        v.put("expansionArr", money(r.expansionArr(), r.currency()));
        v.put("contractionArr", money(r.contractionArr(), r.currency()));
        v.put("churnedArr", money(r.churnedArr(), r.currency()));
        v.put("endingArr", money(r.endingArr(), r.currency()));
        v.put("nrr", r.nrr());
        v.put("grr", r.grr());
        v.put("logoRetention", r.logoRetention());
        Map<String, Object> bands = new LinkedHashMap<>();
        bands.put("nrr", r.nrr() == null ? null : Band.ofNrr(r.nrr()).code());
        bands.put("grr", r.grr() == null ? null : Band.ofGrr(r.grr()).code());
        v.put("bands", bands);
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (MovementKind k : List.of(MovementKind.SEAT, MovementKind.TIER, MovementKind.CROSS_SELL, MovementKind.USAGE)) {
            byKind.put(Codes.code(k), money(r.expansionByKind().getOrDefault(k, 0L), r.currency()));
        }
        byKind.put("reactivation", money(r.reactivationArr(), r.currency()));
        v.put("expansionByKind", byKind);
        Map<String, Object> bySource = new LinkedHashMap<>();
        for (MovementSource s : MovementSource.values()) {
            bySource.put(Codes.code(s), money(r.expansionBySource().getOrDefault(s, 0L), r.currency()));
        }
        v.put("expansionBySource", bySource);
        Map<String, Object> arr = new LinkedHashMap<>();
        arr.put("involuntary", money(r.involuntaryChurnArr(), r.currency()));
        arr.put("voluntary", money(r.voluntaryChurnArr(), r.currency()));
        arr.put("downgrade", money(r.contractionArr(), r.currency()));
        Map<String, Object> logos = new LinkedHashMap<>();
        logos.put("involuntary", r.involuntaryChurnLogos());
        logos.put("voluntary", r.voluntaryChurnLogos());
        logos.put("downgrade", r.contractedLogos());
        Map<String, Object> composition = new LinkedHashMap<>();
        composition.put("arr", arr);
        composition.put("logos", logos);
        v.put("churnComposition", composition);
        v.put("newLogoArr", money(r.newLogoArr(), r.currency()));
        v.put("newLogos", r.newLogos());
        v.put("expansionShareOfGrowth", r.expansionShareOfGrowth());
        v.put("totalStartingArr", money(r.totalStartingArr(), r.currency()));
        v.put("totalEndingArr", money(r.totalEndingArr(), r.currency()));
        v.put("arrGrowth", r.arrGrowth());
        return v;
    }

    static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimalString();
    }
}
