package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;

/**
 * {@code /api/v1/metrics/haas}: the hardware-as-a-service fleet (size, uptime, faults), GRR with margin, and CLTV and
 * retention spend on per-unit marginal cost; see {@link #DEFINITION}, {@link MarginRetention} and
 * {@link FleetEconomics}.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class HaasMetric implements Metric {
    static final String DEFINITION = "Over the accounts of the haas vertical. Fleet as of asOf: devices in service that "
            + "day; uptime = minutes up / (device-days x 1440) and faults per device per 30 days = faults x 30 / device-days, "
            + "over the window (30 days) ending with asOf. Margin of an account on a day = ARR (from the movement ledger) - "
            + "fleet marginal cost (the yearly per-unit marginal cost of each device in its fleet that day: hardware "
            + "amortisation, service, connectivity; the configured default for a device without one). Period [from, to), "
            + "default the 12 months ending with asOf; cohort = accounts with ARR > 0 just before from (new logos excluded). "
            + "GRR = (starting ARR - contraction - churn) / starting ARR. GRR with margin = sum of min(starting margin, "
            + "max(0, ending margin)) / sum of starting margin, over the cohort accounts with a positive starting margin; "
            + "starting margin on the day before from, ending margin on the day before to; never above 1; accounts whose "
            + "fleet cost met or exceeded their ARR at the start are counted apart. CLTV over the accounts paying at asOf: "
            + "gross margin = (ARR - fleet cost) / ARR; annual churn rate = 1 - logo retention of the 12 months ending with "
            + "asOf; churn-based CLTV = ARR per customer x gross margin / churn rate (simple: x lifespan 1 / churn; discounted: "
            + "/ (churn + cost of capital)); per unit: ARR, marginal cost and margin per device, CLTV per unit = margin per "
            + "unit / churn rate. Retention spend ceiling per unit = the configured share (30%) of the yearly margin per "
            + "unit; with retentionSpend given, its share of the margin per unit. Money in major units of the ledger's "
            + "currency; ratios as numbers (0.95 = 95%).";

    @Reference
    private DataStore store;
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public HaasMetric() {
    }

    HaasMetric(DataStore store, FleetIndex index, Haas haas) {
        this.store = store;
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas";
    }

    @Override
    public String title() {
        return "Hardware-as-a-service fleet and margin retention";
    }

    @Override
    public String definition() {
        return DEFINITION;
    }

    @Override
    public List<MetricParameter> parameters() {
        return List.of(new MetricParameter("from", "first day of the GRR period, YYYY-MM-DD (default a year before to)", false),
                new MetricParameter("to", "day after the GRR period, YYYY-MM-DD (default the day after asOf)", false),
                new MetricParameter("retentionSpend", "yearly retention spend on the fleet in major units (field visits, "
                        + "replacements, CS time), to compare per unit with the margin", false));
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        Haas.Config c = haas.config();
        LocalDate end = request.asOf().plusDays(1);
        LocalDate to = request.optionalDate("to").orElse(end);
        to = to.isAfter(end) ? end : to;
        LocalDate from = request.optionalDate("from").orElse(to.minusYears(1));
        if (!from.isBefore(to)) {
            throw MetricException.parameter("from " + from + " must be before to " + to);
        }
        Optional<BigDecimal> spend = request.decimal("retentionSpend");
        if (spend.filter(s -> s.signum() < 0).isPresent()) {
            throw MetricException.parameter("retentionSpend " + spend.get().toPlainString() + " is negative");
        }
        Map<String, List<ArrMovement>> ledger = ledger();
        String currency = ledger.values().stream().flatMap(List::stream).findFirst()
                .map(m -> m.amount().currency().getCurrencyCode()).orElse("USD");
        Money unitCost = Money.ofMinor(Math.multiplyExact(c.defaultUnitCost(),
                (long) Math.pow(10, Money.currency(currency).getDefaultFractionDigits())), currency);
        Fleet fleet = index.fleet();
        MarginRetention.Result period = MarginRetention.compute(ledger, fleet, from, to, unitCost);
        MarginRetention.Result year = from.equals(end.minusYears(1)) && to.equals(end) ? period
                : MarginRetention.compute(ledger, fleet, end.minusYears(1), end, unitCost);

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("asOf", request.asOf().toString());
        v.put("currency", currency);
        v.put("fleet", fleet(ledger.keySet(), fleet, request.asOf(), c.windowDays()));
        v.put("grrWithMargin", retention(period, currency));
        FleetEconomics.Inputs in = economics(year, fleet, request.asOf(), c, spend, currency);
        v.put("cltv", FleetEconomics.cltv(in));
        v.put("perUnit", FleetEconomics.perUnit(in));
        v.put("retentionSpend", FleetEconomics.retentionSpend(in));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("haasAccounts", ledger.size());
        inputs.put("defaultUnitCost", unitCost.toDecimalString());
        inputs.put("costOfCapital", BigDecimal.valueOf(c.costOfCapitalPercent()).movePointLeft(2));
        inputs.put("windowDays", c.windowDays());
        inputs.put("churnCohortAccounts", year.cohortAccounts());
        inputs.put("churnRetainedAccounts", year.retainedAccounts());
        return new MetricResult(name(), v, DEFINITION, inputs);
    }

    /** The movements of every haas account (empty lists for accounts without any), by account id. */
    private Map<String, List<ArrMovement>> ledger() {
        Map<String, List<ArrMovement>> out = new TreeMap<>();
        store.repository(Account.TYPE).scan(Query.all().where("vertical", Vertical.HAAS.code()),
                a -> out.put(a.id(), new ArrayList<>()));
        Set<String> ids = new HashSet<>(out.keySet());
        store.repository(ArrMovement.TYPE).scan(Query.all(), m -> {
            if (ids.contains(m.accountId())) {
                out.get(m.accountId()).add(m);
            }
        });
        return out;
    }

    static Map<String, Object> fleet(Set<String> accounts, Fleet fleet, LocalDate asOf, int windowDays) {
        LocalDate end = asOf.plusDays(1);
        long devices = 0;
        long withFleet = 0;
        DaySeries.Totals totals = DaySeries.Totals.NONE;
        for (String id : accounts) {
            Optional<AccountFleet> f = fleet.of(id);
            if (f.isEmpty()) {
                continue;
            }
            int n = f.get().inFleetOn(asOf).size();
            devices += n;
            withFleet += n > 0 ? 1 : 0;
            totals = totals.plus(f.get().window(end.minusDays(windowDays), end).totals());
        }
        Window w = new Window(end.minusDays(windowDays), end, 0, totals);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("accounts", withFleet);
        v.put("devices", devices);
        v.put("deviceDays", totals.days());
        v.put("uptime", w.uptime().orElse(null));
        v.put("faults", totals.faults());
        v.put("faultsPerDevicePer30Days", w.faultsPerDevicePer30Days().orElse(null));
        return v;
    }

    static Map<String, Object> retention(MarginRetention.Result r, String currency) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("from", r.from().toString());
        v.put("to", r.to().toString());
        v.put("cohortAccounts", r.cohortAccounts());
        v.put("retainedAccounts", r.retainedAccounts());
        v.put("startingArr", money(r.startingArr(), currency));
        v.put("contractionArr", money(r.contractionArr(), currency));
        v.put("churnedArr", money(r.churnedArr(), currency));
        v.put("grr", r.grr().orElse(null));
        v.put("startingFleetCost", money(r.startingCost(), currency));
        v.put("marginAccounts", r.marginAccounts());
        v.put("startingMargin", money(r.startingMargin(), currency));
        v.put("keptMargin", money(r.keptMargin(), currency));
        v.put("marginLostToChurn", money(r.marginLostToChurn(), currency));
        v.put("marginLostToContraction", money(r.marginLostToContraction(), currency));
        v.put("grrMargin", r.grrMargin().orElse(null));
        v.put("accountsWithoutMargin", r.accountsWithoutMargin());
        v.put("marginOfAccountsWithoutMargin", money(r.marginOfAccountsWithoutMargin(), currency));
        return v;
    }

    private static FleetEconomics.Inputs economics(MarginRetention.Result year, Fleet fleet, LocalDate asOf, Haas.Config c,
            Optional<BigDecimal> spend, String currency) {
        long arr = 0;
        long cost = 0;
        long paying = 0;
        long units = 0;
        for (MarginRetention.AccountPeriod p : year.accounts()) {
            if (p.endArr() > 0) {
                paying++;
                arr += p.endArr();
                cost += p.endCost();
                units += fleet.of(p.accountId()).map(f -> f.inFleetOn(asOf).size()).orElse(0);
            }
        }
        Optional<BigDecimal> churn = year.logoRetention().map(BigDecimal.ONE::subtract);
        return new FleetEconomics.Inputs(arr, cost, paying, units, churn,
                BigDecimal.valueOf(c.costOfCapitalPercent()).movePointLeft(2),
                BigDecimal.valueOf(c.retentionSpendCeilingPercent()).movePointLeft(2), spend,
                Money.currency(currency).getDefaultFractionDigits());
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimalString();
    }
}
