package io.tenure.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tenure.api.account.Account;
import io.tenure.api.data.Codes;
import io.tenure.api.data.Query;
import io.tenure.api.forecast.BucketTotal;
import io.tenure.api.forecast.Forecast;
import io.tenure.api.forecast.ForecastBucket;
import io.tenure.api.forecast.ForecastService;
import io.tenure.api.forecast.ForecastTotals;
import io.tenure.api.health.HealthScore;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;

/** {@code /api/v1/metrics/board?period=YYYY-Qn}: all the data of the one-page board slide (DOMAIN.md §9). */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class BoardMetric extends BaseMetric {
    static final String DEFINITION = "The quarter [start, end) and the twelve months ending with it (TTM). NRR (the lead), "
            + "GRR and logo retention of each, with the prior quarter / prior TTM and the targets of the finance settings "
            + "(compared with TTM). Churn composition and expansion share of growth as in the retention metric. Renewals: "
            + "subscriptions renewing in the next quarter by the status of the account's latest health score, and the "
            + "renewal forecast of the next quarter by confidence band, as the forecast module made it on the quarter's last "
            + "day (bands from health and overrides, configured probabilities), with the weighted forecast and committed and "
            + "at-risk ARR apart. At risk: paying accounts whose latest health "
            + "is red or yellow, their ARR, and how much of it has an open task (a plan) against it. Top risks: the two "
            + "largest at-risk ARRs renewing next quarter (otherwise the two largest at risk). Cohort chart: GRR by "
            + "acquisition quarter and age.";

    @Reference
    private MetricContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ForecastService forecasts;

    public BoardMetric() {
        super("board", "Board slide", DEFINITION);
    }

    public BoardMetric(MetricContext context, ForecastService forecasts) {
        super("board", "Board slide", DEFINITION);
        this.context = context;
        this.forecasts = forecasts;
    }

    @Override
    public List<MetricParameter> parameters() {
        return List.of(new MetricParameter("period", "the quarter, YYYY-Qn", true));
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        String period = request.required("period");
        ReportingPeriod asked;
        try {
            asked = ReportingPeriod.parse(period);
        } catch (IllegalArgumentException e) {
            throw MetricException.parameter(e.getMessage());
        }
        if (!asked.equals(ReportingPeriod.Length.QUARTER.holding(asked.from()))) {
            throw MetricException.parameter("period '" + period + "' is not a quarter like 2026-Q1");
        }
        LocalDate start = asked.from();
        LocalDate end = asked.to();
        FinanceConfig f = context.finance();
        RevenueLedger ledger = context.ledgers().current();
        String cur = ledger.currency;

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("period", period);
        v.put("from", start.toString());
        v.put("to", end.toString());
        v.put("currency", cur);
        RetentionCalculator.Retention quarter = RetentionCalculator.compute(ledger, start, end, a -> true);
        RetentionCalculator.Retention priorQuarter = RetentionCalculator.compute(ledger, start.minusMonths(3), start, a -> true);
        RetentionCalculator.Retention ttm = RetentionCalculator.compute(ledger, end.minusYears(1), end, a -> true);
        RetentionCalculator.Retention priorTtm = RetentionCalculator.compute(ledger, start.minusYears(1), start, a -> true);
        Map<String, Object> headline = new LinkedHashMap<>();
        headline.put("nrr", figure(ttm.nrr(), priorTtm.nrr(), quarter.nrr(), priorQuarter.nrr(), f.nrrTarget(),
                ttm.nrr() == null ? null : Band.ofNrr(ttm.nrr()).code()));
        headline.put("grr", figure(ttm.grr(), priorTtm.grr(), quarter.grr(), priorQuarter.grr(), f.grrTarget(),
                ttm.grr() == null ? null : Band.ofGrr(ttm.grr()).code()));
        headline.put("logoRetention", figure(ttm.logoRetention(), priorTtm.logoRetention(), quarter.logoRetention(),
                priorQuarter.logoRetention(), f.logoRetentionTarget(), null));
        v.put("headline", headline);
        Map<String, Object> composition = new LinkedHashMap<>();
        composition.put("involuntary", RetentionMetric.money(quarter.involuntaryChurnArr(), cur));
        composition.put("voluntary", RetentionMetric.money(quarter.voluntaryChurnArr(), cur));
        composition.put("downgrade", RetentionMetric.money(quarter.contractionArr(), cur));
        v.put("churnComposition", composition);
        v.put("expansionShareOfGrowth", quarter.expansionShareOfGrowth());

        long[] arr = Book.arrBefore(ledger, end);
        Map<String, Integer> index = Book.index(ledger);
        Map<String, HealthScore> latest = context.latestHealth(end);
        Set<String> withPlan = new HashSet<>();
        context.store().repository(Task.TYPE).forEach(Query.all(), t -> {
            if ((t.status() == TaskStatus.OPEN || t.status() == TaskStatus.IN_PROGRESS)) {
                withPlan.add(t.accountId());
            }
        });
        LocalDate nextEnd = end.plusMonths(3);
        Map<String, long[]> renewals = new LinkedHashMap<>();
        for (String status : List.of("green", "yellow", "red", "unscored")) {
            renewals.put(status, new long[2]);
        }
        Set<String> renewingNext = new HashSet<>();
        context.store().repository(Subscription.TYPE).forEach(Query.all(), s -> {
            if (s.status() == SubscriptionStatus.ACTIVE && s.renewal().filter(d -> !d.isBefore(end) && d.isBefore(nextEnd)).isPresent()) {
                String status = statusOf(latest.get(s.accountId()));
                long[] row = renewals.get(status);
                row[0]++;
                row[1] += s.arr().minorUnits();
                renewingNext.add(s.accountId());
            }
        });
        Map<String, Object> renewalRows = new LinkedHashMap<>();
        renewals.forEach((status, row) -> renewalRows.put(status, Map.of("subscriptions", row[0], "arr", RetentionMetric.money(row[1], cur))));
        v.put("renewalsNextQuarter", renewalRows);
        v.put("renewalForecast", forecast(end, nextEnd, cur));

        List<Account> atRisk = new ArrayList<>();
        long riskArr = 0;
        long plannedArr = 0;
        for (Map.Entry<String, HealthScore> e : latest.entrySet()) {
            Integer a = index.get(e.getKey());
            if (a != null && arr[a] > 0 && e.getValue().status() != HealthStatus.GREEN) {
                atRisk.add(ledger.accounts.get(a));
                riskArr += arr[a];
                plannedArr += withPlan.contains(e.getKey()) ? arr[a] : 0;
            }
        }
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("accounts", atRisk.size());
        risk.put("arr", RetentionMetric.money(riskArr, cur));
        risk.put("arrWithPlan", RetentionMetric.money(plannedArr, cur));
        risk.put("arrWithoutPlan", RetentionMetric.money(riskArr - plannedArr, cur));
        v.put("atRisk", risk);
        List<Account> ranked = atRisk.stream().sorted(Comparator.comparing((Account a) -> !renewingNext.contains(a.id()))
                .thenComparing(a -> -arr[index.get(a.id())])).limit(2).toList();
        List<Map<String, Object>> top = new ArrayList<>();
        for (Account a : ranked) {
            HealthScore h = latest.get(a.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("account_id", a.id());
            row.put("name", a.name());
            row.put("arr", RetentionMetric.money(arr[index.get(a.id())], cur));
            row.put("health", Codes.code(h.status()));
            row.put("score", h.score());
            row.put("renewsNextQuarter", renewingNext.contains(a.id()));
            row.put("hasPlan", withPlan.contains(a.id()));
            row.put("why", h.explanation().orElse(null));
            top.add(row);
        }
        v.put("topRisks", top);
        List<Map<String, Object>> chart = new ArrayList<>();
        for (CohortCalculator.Cohort c : CohortCalculator.compute(ledger, ReportingPeriod.Length.QUARTER, end.minusDays(1), a -> true,
                new BigDecimal("0.02"))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cohort", c.label());
            row.put("grr", c.grr());
            row.put("degradedAges", c.degradedAges());
            chart.add(row);
        }
        v.put("cohortChart", chart);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("asOf", request.asOf().toString());
        inputs.put("healthScored", latest.size());
        return new MetricResult(name(), v, DEFINITION, inputs);
    }

    /**
     * Renewals of the next quarter by confidence band, weighted; committed and at risk apart, never only a total. The
     * forecast module puts renewals in bands (health, overrides, configured probabilities): the board shows its answer
     * as the quarter ended, and says so when the module is not running.
     */
    private Map<String, Object> forecast(LocalDate from, LocalDate to, String cur) {
        ForecastService service = forecasts;
        Map<String, Object> f = new LinkedHashMap<>();
        if (service == null) {
            f.put("available", false);
            f.put("basis", "the forecast module (tenure.forecast) is not running");
            return f;
        }
        Forecast forecast = service.forecast(from, to, from.minusDays(1));
        java.util.Currency currency = Money.currency(cur);
        Map<String, Object> bands = new LinkedHashMap<>();
        for (ForecastBucket b : ForecastBucket.values()) {
            BucketTotal t = forecast.totalsIn(cur).map(totals -> totals.bucket(b)).orElse(new BucketTotal(b, 0,
                    Money.zero(currency), forecast.probabilities().get(b), Money.zero(currency)));
            bands.put(Codes.code(b), Map.of("renewals", t.renewals(), "arr", t.arr().toDecimalString(),
                    "probability", BigDecimal.valueOf(t.probability(), 2), "weighted", t.weighted().toDecimalString()));
        }
        Optional<ForecastTotals> totals = forecast.totalsIn(cur);
        f.put("available", true);
        f.put("bands", bands);
        f.put("renewingArr", amount(totals.map(ForecastTotals::renewing), currency));
        f.put("weightedForecast", amount(totals.map(ForecastTotals::weighted), currency));
        f.put("committedArr", amount(totals.map(ForecastTotals::committed), currency));
        f.put("atRiskArr", amount(totals.map(ForecastTotals::atRisk), currency));
        f.put("basis", forecast.definition() + " As of " + forecast.asOf() + "; every renewal at /api/v1/forecast?from="
                + from + "&to=" + to + "&asOf=" + forecast.asOf() + ".");
        return f;
    }

    private static String amount(Optional<Money> money, java.util.Currency currency) {
        return money.orElse(Money.zero(currency)).toDecimalString();
    }

    private static String statusOf(HealthScore h) {
        return h == null ? "unscored" : Codes.code(h.status());
    }

    private static Map<String, Object> figure(BigDecimal ttm, BigDecimal priorTtm, BigDecimal quarter, BigDecimal priorQuarter,
            double target, String band) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ttm", ttm);
        m.put("priorTtm", priorTtm);
        m.put("quarter", quarter);
        m.put("priorQuarter", priorQuarter);
        m.put("target", BigDecimal.valueOf(target));
        m.put("vsTarget", ttm == null ? null : ttm.subtract(BigDecimal.valueOf(target)));
        m.put("band", band);
        return m;
    }
}
