package io.tenure.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Csm;
import io.tenure.api.data.Query;
import io.tenure.api.health.HealthScore;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;

/** {@code /api/v1/metrics/compensation}: each CSM's variable payout for a period, from measured outcomes. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class CompensationMetric extends BaseMetric {
    static final String DEFINITION = "Per CSM for [from, to), on the accounts they own: on-target variable pay = annual "
            + "cost x variable share (the CSM's own, default 20%) x the period's share of a year. Components (default weights "
            + "60% gross retention, 30% expansion bookings, 10% health): GRR attainment = book GRR / GRR target; expansion "
            + "attainment = book expansion / (expansion target x starting book ARR x period years); health attainment = "
            + "share of their accounts whose latest score by the period end is green / health target. Each attainment is "
            + "capped (default 150%); a component without data is left out and the weights of the others rescaled. Payout "
            + "= on-target variable x the weighted attainment.";

    @Reference
    private MetricContext context;

    public CompensationMetric() {
        super("compensation", "CSM variable compensation", DEFINITION);
    }

    public CompensationMetric(MetricContext context) {
        super("compensation", "CSM variable compensation", DEFINITION);
        this.context = context;
    }

    @Override
    public List<MetricParameter> parameters() {
        List<MetricParameter> p = new ArrayList<>(PERIOD);
        p.add(new MetricParameter("csm", "only this CSM (id)", false));
        return p;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        LocalDate[] period = period(request);
        LocalDate from = period[0];
        LocalDate to = period[1];
        FinanceConfig f = context.finance();
        RevenueLedger ledger = context.ledgers().current();
        BigDecimal years = years(from, to);
        Map<String, HealthScore> latest = context.latestHealth(to);
        List<Csm> csms = new ArrayList<>();
        Optional<String> only = request.text("csm");
        context.store().repository(Csm.TYPE).forEach(only.map(id -> Query.all().where("csm_id", id)).orElse(Query.all()), csms::add);
        if (only.isPresent() && csms.isEmpty()) {
            throw MetricException.parameter("no CSM " + only.get());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Csm csm : csms) {
            RetentionCalculator.Retention r = RetentionCalculator.compute(ledger, from, to,
                    a -> a.owner().filter(csm.id()::equals).isPresent());
            BigDecimal cap = BigDecimal.valueOf(f.payoutCap()).setScale(6, RoundingMode.HALF_EVEN);
            BigDecimal grr = r.grr() == null ? null : min(cap, r.grr().divide(BigDecimal.valueOf(f.grrTarget()), 6, RoundingMode.HALF_EVEN));
            BigDecimal expansionGoal = BigDecimal.valueOf(r.startingArr()).multiply(BigDecimal.valueOf(f.expansionTarget())).multiply(years);
            BigDecimal expansion = expansionGoal.signum() == 0 ? null
                    : min(cap, BigDecimal.valueOf(r.expansionArr()).divide(expansionGoal, 6, RoundingMode.HALF_EVEN));
            int scored = 0;
            int green = 0;
            for (io.tenure.api.account.Account a : ledger.accounts) {
                if (a.owner().filter(csm.id()::equals).isPresent() && latest.containsKey(a.id())) {
                    scored++;
                    green += latest.get(a.id()).status() == HealthStatus.GREEN ? 1 : 0;
                }
            }
            BigDecimal health = scored == 0 ? null : min(cap, BigDecimal.valueOf(green).divide(BigDecimal.valueOf(scored), 6,
                    RoundingMode.HALF_EVEN).divide(BigDecimal.valueOf(f.healthTarget()), 6, RoundingMode.HALF_EVEN));
            BigDecimal weighted = BigDecimal.ZERO;
            BigDecimal weights = BigDecimal.ZERO;
            for (Object[] part : new Object[][] { { grr, f.weightRetention() }, { expansion, f.weightExpansion() },
                { health, f.weightHealth() } }) {
                if (part[0] != null) {
                    weighted = weighted.add(((BigDecimal) part[0]).multiply(BigDecimal.valueOf((Double) part[1])));
                    weights = weights.add(BigDecimal.valueOf((Double) part[1]));
                }
            }
            BigDecimal attainment = weights.signum() == 0 ? null : weighted.divide(weights, 6, RoundingMode.HALF_EVEN);
            BigDecimal onTarget = csm.annualCost().map(m -> m.toBigDecimal()).orElse(BigDecimal.ZERO)
                    .multiply(BigDecimal.valueOf(csm.variableShare()).movePointLeft(2)).multiply(years);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("csm", csm.id());
            row.put("name", csm.name());
            row.put("startingBookArr", RetentionMetric.money(r.startingArr(), ledger.currency));
            row.put("grr", r.grr());
            row.put("expansionArr", RetentionMetric.money(r.expansionArr(), ledger.currency));
            row.put("greenShare", scored == 0 ? null : RetentionCalculator.ratio(green, scored));
            Map<String, Object> att = new LinkedHashMap<>();
            att.put("grossRetention", grr);
            att.put("expansion", expansion);
            att.put("health", health);
            row.put("attainment", att);
            row.put("weightedAttainment", attainment);
            row.put("onTargetVariable", PnlMetric.money(onTarget));
            row.put("payout", attainment == null ? null : PnlMetric.money(onTarget.multiply(attainment)));
            rows.add(row);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("from", from.toString());
        values.put("to", to.toString());
        values.put("currency", ledger.currency);
        values.put("csms", rows);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("grrTarget", f.grrTarget());
        inputs.put("expansionTarget", f.expansionTarget());
        inputs.put("healthTarget", f.healthTarget());
        inputs.put("weights", Map.of("grossRetention", f.weightRetention(), "expansion", f.weightExpansion(), "health", f.weightHealth()));
        inputs.put("payoutCap", f.payoutCap());
        inputs.put("periodYears", years);
        return new MetricResult(name(), values, DEFINITION, inputs);
    }

    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
