package io.tenure.vertical.enterprise;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistories;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;
import io.tenure.api.money.Money;

/** {@code /api/v1/metrics/enterprise}: sponsorship, threading and QBR cadence across the paying enterprise accounts. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = Metric.class)
public class EnterpriseMetric implements Metric {
    static final String DEFINITION = "As of asOf, over the enterprise accounts with active contract ARR: the share of them (and "
            + "of their ARR) with an engaged executive sponsor, multi-threaded (at least two contacts in meaningful "
            + "conversation over the look-back), and with a QBR inside the cadence; the top accounts (ARR at or above the "
            + "io.tenure.vertical.enterprise threshold) without a sponsor. ARR in the currency of the largest account.";

    @Reference
    private AccountHistories histories;
    @Reference
    private Enterprise enterprise;

    public EnterpriseMetric() {
    }

    EnterpriseMetric(AccountHistories histories, Enterprise enterprise) {
        this.histories = histories;
        this.enterprise = enterprise;
    }

    @Override
    public String name() {
        return "enterprise";
    }

    @Override
    public String title() {
        return "Enterprise relationships";
    }

    @Override
    public String definition() {
        return DEFINITION;
    }

    @Override
    public List<MetricParameter> parameters() {
        return List.of();
    }

    @Override
    public MetricResult compute(MetricRequest request) {
        Enterprise.Config c = enterprise.config();
        List<EnterpriseBook.Row> rows = EnterpriseBook.rows(histories, c, request.asOf());
        String currency = rows.isEmpty() ? "USD" : rows.get(0).arr().currency().getCurrencyCode();
        List<EnterpriseBook.Row> same = rows.stream().filter(r -> r.arr().currency().getCurrencyCode().equals(currency)).toList();
        long total = same.stream().mapToLong(r -> r.arr().minorUnits()).sum();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("accounts", same.size());
        values.put("arr", Money.ofMinor(total, currency).toDecimalString());
        values.put("currency", currency);
        values.put("withSponsor", share(same, total, r -> r.sponsor().isPresent()));
        values.put("multiThreaded", share(same, total, r -> r.threads() >= 2));
        values.put("qbrOnCadence", share(same, total, r -> r.lastQbr()
                .filter(d -> d.isAfter(request.asOf().minusDays(c.qbrCadenceDays() + 1L))).isPresent()));
        BigDecimal top = BigDecimal.valueOf(c.topAccountArr());
        List<EnterpriseBook.Row> tops = same.stream().filter(r -> r.arr().toBigDecimal().compareTo(top) >= 0).toList();
        values.put("topAccounts", tops.size());
        values.put("topAccountsWithoutSponsor", tops.stream().filter(r -> r.sponsor().isEmpty())
                .map(r -> r.history().account().id()).limit(50).toList());
        return new MetricResult(name(), values, DEFINITION, Map.of("asOf", request.asOf().toString(), "topAccountArr",
                c.topAccountArr(), "lookbackDays", c.lookbackDays(), "qbrCadenceDays", c.qbrCadenceDays()));
    }

    private static Map<String, Object> share(List<EnterpriseBook.Row> rows, long total, Predicate<EnterpriseBook.Row> test) {
        long accounts = rows.stream().filter(test).count();
        long arr = rows.stream().filter(test).mapToLong(r -> r.arr().minorUnits()).sum();
        return Map.of("accounts", accounts, "accountShare", ratio(accounts, rows.size()), "arrShare", ratio(arr, total));
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }
}
