package io.tenure.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.metrics.ReportingPeriod;

/** {@code /api/v1/metrics/cohorts?by=month|quarter|year}: GRR and NRR of every acquisition cohort at every age. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class CohortsMetric extends BaseMetric {
    static final String DEFINITION = "Accounts are grouped by the period of their first new-logo movement (acquisition). "
            + "Age k is the k-th complete period after acquisition (age 0 = the end of the acquisition period). "
            + "NRR_k = cohort ARR at the end of age k / cohort ARR at the end of the acquisition period. GRR_k = sum over "
            + "the cohort's accounts of min(ARR at age k, ARR at acquisition) / the same denominator: expansion ignored, "
            + "contraction and churn counted. A cohort is degraded at an age where its GRR is more than tolerance below "
            + "the average GRR of the older cohorts at the same age. Only complete periods up to asOf are shown.";

    @Reference
    private LedgerSource ledgers;

    public CohortsMetric() {
        super("cohorts", "Cohort retention (GRR and NRR by acquisition cohort and age)", DEFINITION);
    }

    public CohortsMetric(LedgerSource ledgers) {
        super("cohorts", "Cohort retention (GRR and NRR by acquisition cohort and age)", DEFINITION);
        this.ledgers = ledgers;
    }

    @Override
    public List<MetricParameter> parameters() {
        List<MetricParameter> p = new ArrayList<>(List.of(
                new MetricParameter("by", "month, quarter (default) or year", false),
                new MetricParameter("tolerance", "how far below older cohorts counts as degraded (default 0.02 = 2 points)", false)));
        p.addAll(AccountFilter.PARAMETERS);
        return p;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        ReportingPeriod.Length by;
        try {
            by = ReportingPeriod.Length.parse("by", request.text("by").orElse("quarter"));
        } catch (IllegalArgumentException e) {
            throw MetricException.parameter(e.getMessage());
        }
        BigDecimal tolerance = request.decimal("tolerance").orElse(new BigDecimal("0.02"));
        if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) > 0) {
            throw MetricException.parameter("tolerance " + tolerance + " is not between 0 and 1");
        }
        AccountFilter filter = AccountFilter.of(request);
        RevenueLedger ledger = ledgers.current();
        List<CohortCalculator.Cohort> cohorts = CohortCalculator.compute(ledger, by, request.asOf(), filter.test(), tolerance);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CohortCalculator.Cohort c : cohorts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cohort", c.label());
            row.put("start", c.start().toString());
            row.put("accounts", c.accounts());
            row.put("initialArr", RetentionMetric.money(c.initialArr(), ledger.currency));
            row.put("grr", c.grr());
            row.put("nrr", c.nrr());
            row.put("degradedAges", c.degradedAges());
            rows.add(row);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("by", io.tenure.api.data.Codes.code(by));
        values.put("currency", ledger.currency);
        values.put("cohorts", rows);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("asOf", request.asOf().toString());
        inputs.put("tolerance", tolerance);
        inputs.put("filters", filter.applied());
        inputs.put("movementsInLedger", ledger.size());
        return new MetricResult(name(), values, DEFINITION, inputs);
    }
}
