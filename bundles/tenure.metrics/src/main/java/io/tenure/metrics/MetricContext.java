package io.tenure.metrics;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.DataStore;

/** What the book-level metrics read: the ledger, the store and the finance settings. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = MetricContext.class)
public class MetricContext {
    @Reference
    private LedgerSource ledgers;
    @Reference
    private DataStore store;
    @Reference
    private Finance finance;

    public MetricContext() {
    }

    public MetricContext(LedgerSource ledgers, DataStore store, Finance finance) {
        this.ledgers = ledgers;
        this.store = store;
        this.finance = finance;
    }

    LedgerSource ledgers() {
        return ledgers;
    }

    DataStore store() {
        return store;
    }

    FinanceConfig finance() {
        return finance.config();
    }

    /** How old the latest score may be to count as an account's current health. */
    static final int HEALTH_FRESH_DAYS = 92;

    /**
     * Each account's latest health score dated before {@code day} and not older than {@value #HEALTH_FRESH_DAYS} days
     * (scores are recomputed daily, imported ones at least quarterly; an account not scored for a quarter has no
     * current health).
     */
    java.util.Map<String, io.tenure.api.health.HealthScore> latestHealth(java.time.LocalDate day) {
        java.util.Map<String, io.tenure.api.health.HealthScore> latest = new java.util.HashMap<>();
        store.repository(io.tenure.api.health.HealthScore.TYPE).scan(io.tenure.api.data.Query.all()
                .since("date", day.minusDays(HEALTH_FRESH_DAYS).toString()).before("date", day.toString()),
                h -> latest.merge(h.accountId(), h, (x, y) -> x.date().isAfter(y.date()) ? x : y));
        return latest;
    }

    /** The yearly CS cost in major units: the finance setting, or else the sum of the CSMs' annual costs in {@code currency}. */
    java.math.BigDecimal yearlyCsCost(String currency) {
        if (finance().csCost() > 0) {
            return java.math.BigDecimal.valueOf(finance().csCost());
        }
        long[] minor = { 0 };
        store.repository(io.tenure.api.account.Csm.TYPE).forEach(io.tenure.api.data.Query.all(), c -> minor[0] += c.annualCost()
                .filter(m -> m.currency().getCurrencyCode().equals(currency)).map(m -> m.minorUnits()).orElse(0L));
        return java.math.BigDecimal.valueOf(minor[0], 2);
    }
}
