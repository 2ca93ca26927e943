package io.tenure.vertical.marketplace;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.Codes;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.money.Money;
import io.tenure.api.task.Task;

/** {@code /api/v1/metrics/marketplace}: per-side retention, liquidity, GMV, active buyers and sellers, side conflicts. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class MarketplaceMetric implements Metric {
    static final String DEFINITION = "Period [from, to) (default: the 365 days up to and including asOf; an end after asOf "
            + "is cut to the day after asOf). Per side (buyer, seller), over the accounts on that side at from (joined before "
            + "from, not left before it; an account on both sides counts on both), exactly as the retention metric: cohort = "
            + "those with ARR > 0 just before from; NRR = (starting ARR + expansion - contraction - churn) / starting ARR; "
            + "GRR = (starting ARR - contraction - churn) / starting ARR; logo retention = cohort accounts with ARR > 0 at "
            + "the end / cohort accounts; expansion includes reactivations. memberRetention = members at from still on the "
            + "side at to / members at from. active = accounts with a fulfilled order bought (buyers) or sold (sellers) in "
            + "the period. Liquidity = listings listed in the period whose liquidity window (days) closed before asOf and "
            + "that sold within it / those listings. GMV = fulfilled orders placed in the period. Conflicts = sellers whose "
            + "cancelled and disputed orders over the demand window before asOf reach the conflict rate and hurt at least "
            + "the conflict buyers; conflictTasksOpen = open or in-progress side_conflict tasks now. Money in major units; "
            + "ratios as numbers (1.2 = 120%), null when there is nothing to divide by.";
    static final List<MetricParameter> PARAMETERS = List.of(
            new MetricParameter("from", "first day of the period, YYYY-MM-DD (with to)", false),
            new MetricParameter("to", "day after the period, YYYY-MM-DD (with from)", false),
            new MetricParameter("period", "a quarter (2026-Q1), month (2026-03) or year (2026) instead of from and to", false));

    @Reference
    private MarketData data;
    @Reference
    private Marketplace marketplace;
    @Reference
    private DataStore store;

    public MarketplaceMetric() {
    }

    MarketplaceMetric(MarketData data, Marketplace marketplace, DataStore store) {
        this.data = data;
        this.marketplace = marketplace;
        this.store = store;
    }

    @Override
    public String name() {
        return "marketplace";
    }

    @Override
    public String title() {
        return "Marketplace sides, liquidity and conflicts";
    }

    @Override
    public String definition() {
        return DEFINITION;
    }

    @Override
    public List<MetricParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        ReportingPeriod p = period(request);
        LocalDate to = p.to().isAfter(request.asOf().plusDays(1)) ? request.asOf().plusDays(1) : p.to();
        if (!p.from().isBefore(to)) {
            throw MetricException.parameter("from " + p.from() + " is after asOf " + request.asOf());
        }
        Marketplace.Config c = marketplace.config();
        MarketplaceReport r;
        try {
            r = MarketplaceReport.of(data.current(), data.movements(), c, p.from(), to, request.asOf());
        } catch (IllegalStateException e) {
            throw MetricException.data(e.getMessage());
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("asOf", request.asOf().toString());
        inputs.put("complete", !p.to().isAfter(request.asOf().plusDays(1)));
        inputs.put("liquidityDays", c.liquidityDays());
        inputs.put("demandWindowDays", c.demandWindowDays());
        inputs.put("conflictRatePercent", c.conflictRatePercent());
        inputs.put("conflictMinBuyers", c.conflictMinBuyers());
        return new MetricResult(name(), values(r, openConflictTasks()), DEFINITION, inputs);
    }

    /** The request's period: {@code period}, or {@code from} and {@code to}, or the 365 days up to asOf. */
    static ReportingPeriod period(MetricRequest request) throws MetricException {
        LocalDate end = request.asOf().plusDays(1);
        return request.period(Optional.of(ReportingPeriod.between(end.minusDays(365), end)));
    }

    private Optional<Long> openConflictTasks() {
        if (store == null) {
            return Optional.empty();
        }
        try {
            Query q = Query.all().where("playbook", SideConflictTrigger.PLAYBOOK);
            return Optional.of(store.repository(Task.TYPE).count(q.where("status", "open"))
                    + store.repository(Task.TYPE).count(q.where("status", "in_progress")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Map<String, Object> values(MarketplaceReport r, Optional<Long> conflictTasksOpen) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("from", r.from().toString());
        v.put("to", r.to().toString());
        v.put("currency", r.currency());
        Map<String, Object> sides = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            sides.put(Codes.code(side), side(r.sides().get(side)));
        }
        v.put("sides", sides);
        Map<String, Object> liquidity = new LinkedHashMap<>();
        liquidity.put("days", r.liquidity().days());
        liquidity.put("listingsMatured", r.liquidity().matured());
        liquidity.put("soldWithinDays", r.liquidity().soldWithin());
        liquidity.put("listingsPending", r.liquidity().pending());
        liquidity.put("liquidity", r.liquidity().ratio());
        v.put("liquidity", liquidity);
        v.put("gmv", Money.ofMinor(r.gmv(), r.currency()).toDecimalString());
        Map<String, Object> orders = new LinkedHashMap<>();
        r.orders().forEach((s, n) -> orders.put(Codes.code(s), n));
        v.put("orders", orders);
        v.put("activeBuyers", r.sides().get(Side.BUYER).active());
        v.put("activeSellers", r.sides().get(Side.SELLER).active());
        v.put("conflictsFlagged", r.conflicts().size());
        v.put("sellersInConflict", r.conflicts().stream().map(SideSignals.Conflict::seller).limit(50).toList());
        v.put("conflictTasksOpen", conflictTasksOpen.orElse(null));
        return v;
    }

    private static Map<String, Object> side(MarketplaceReport.SideFigures f) {
        SideRetention.Retention r = f.retention();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("members", f.members());
        m.put("membersStayed", f.membersStayed());
        m.put("memberRetention", f.memberRetention());
        m.put("active", f.active());
        m.put("currency", r.currency());
        m.put("cohortAccounts", r.cohortAccounts());
        m.put("retainedAccounts", r.retainedAccounts());
        m.put("startingArr", money(r.startingArr(), r.currency()));
        m.put("expansionArr", money(r.expansionArr(), r.currency()));
        m.put("contractionArr", money(r.contractionArr(), r.currency()));
        m.put("churnedArr", money(r.churnedArr(), r.currency()));
        m.put("endingArr", money(r.endingArr(), r.currency()));
        m.put("nrr", r.nrr());
        m.put("grr", r.grr());
        m.put("logoRetention", r.logoRetention());
        return m;
    }

    private static String money(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimalString();
    }
}
