package io.tenure.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.journey.Milestone;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;

/** {@code /api/v1/metrics/activation}: median time to value and activation rate of the accounts signed in a period. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class ActivationMetric extends BaseMetric {
    static final String DEFINITION = "Accounts signed in [from, to). Time to value (TTV) = days from the signed date to the "
            + "day the account's first-value milestone was reached; the median (not the mean) over the accounts that "
            + "reached it by asOf. Activation rate = accounts that reached first value within windowDays of signing / "
            + "accounts whose window has ended by asOf or that already reached it (accounts still inside their window "
            + "without first value are not yet counted either way).";

    @Reference
    private DataStore store;

    public ActivationMetric() {
        super("activation", "Time to value and activation rate", DEFINITION);
    }

    public ActivationMetric(DataStore store) {
        super("activation", "Time to value and activation rate", DEFINITION);
        this.store = store;
    }

    @Override
    public List<MetricParameter> parameters() {
        List<MetricParameter> p = new ArrayList<>(List.of(
                new MetricParameter("from", "first signing day, YYYY-MM-DD", true),
                new MetricParameter("to", "day after the last signing day, YYYY-MM-DD", true),
                new MetricParameter("windowDays", "days after signing in which first value counts as activation (default 90)", false)));
        p.addAll(AccountFilter.PARAMETERS);
        return p;
    }

    @Override
    public MetricResult compute(MetricRequest request) throws MetricException {
        LocalDate[] period = period(request);
        LocalDate from = period[0];
        LocalDate to = period[1];
        int window = request.decimal("windowDays").map(BigDecimal::intValue).orElse(90);
        if (window < 1 || window > 3650) {
            throw MetricException.parameter("windowDays " + window + " is not between 1 and 3650");
        }
        AccountFilter filter = AccountFilter.of(request);
        List<Account> accounts = new ArrayList<>();
        store.repository(Account.TYPE).forEach(Query.all(), a -> {
            if (!a.signedDate().isBefore(from) && a.signedDate().isBefore(to) && filter.test().test(a)) {
                accounts.add(a);
            }
        });
        Map<String, LocalDate> firstValue = new HashMap<>();
        store.repository(Milestone.TYPE).forEach(Query.all().where("first_value", "true"), m -> m.reached()
                .filter(d -> !d.isAfter(request.asOf()))
                .ifPresent(d -> firstValue.merge(m.accountId(), d, (x, y) -> x.isBefore(y) ? x : y)));
        List<Long> ttv = new ArrayList<>();
        int counted = 0;
        int activated = 0;
        for (Account a : accounts) {
            LocalDate reached = firstValue.get(a.id());
            LocalDate windowEnd = a.signedDate().plusDays(window);
            if (reached != null) {
                ttv.add(Math.max(0, ChronoUnit.DAYS.between(a.signedDate(), reached)));
            }
            boolean inWindow = reached != null && !reached.isAfter(windowEnd);
            if (inWindow || !windowEnd.isAfter(request.asOf())) {
                counted++;
                activated += inWindow ? 1 : 0;
            }
        }
        Collections.sort(ttv);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("from", from.toString());
        values.put("to", to.toString());
        values.put("signedAccounts", accounts.size());
        values.put("reachedFirstValue", ttv.size());
        values.put("medianTtvDays", median(ttv));
        values.put("windowDays", window);
        values.put("activationCounted", counted);
        values.put("activated", activated);
        values.put("activationRate", RetentionCalculator.ratio(activated, counted));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("asOf", request.asOf().toString());
        inputs.put("filters", filter.applied());
        return new MetricResult(name(), values, DEFINITION, inputs);
    }

    /** The median of sorted values; the mean of the two middle ones for an even count; null when empty. */
    static BigDecimal median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? BigDecimal.valueOf(sorted.get(mid))
                : BigDecimal.valueOf(sorted.get(mid - 1) + sorted.get(mid)).divide(BigDecimal.valueOf(2));
    }
}
