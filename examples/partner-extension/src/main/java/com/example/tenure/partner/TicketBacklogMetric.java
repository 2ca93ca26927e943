package com.example.tenure.partner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.data.Codes;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.MetricResult;

/** {@code /api/v1/metrics/partner_ticket_backlog}: tickets open as of a day, by severity, and the accounts with the most. */
@Component(service = Metric.class)
public class TicketBacklogMetric implements Metric {
    static final String DEFINITION = "Tickets opened before asOf and not resolved by then, counted by severity; the five "
            + "accounts with the most open tickets.";

    @Reference
    private DataStore store;

    @Override
    public String name() {
        return "partner_ticket_backlog";
    }

    @Override
    public String title() {
        return "Open support tickets";
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
        java.time.Instant asOf = request.asOf().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Map<String, Long> bySeverity = new TreeMap<>();
        Map<String, Long> byAccount = new TreeMap<>();
        store.repository(SupportTicket.TYPE).scan(Query.all().before("opened", asOf.toString()), t -> {
            if (t.resolved().filter(r -> !r.isAfter(asOf)).isEmpty()) {
                bySeverity.merge(Codes.code(t.severity()), 1L, Long::sum);
                byAccount.merge(t.accountId(), 1L, Long::sum);
            }
        });
        List<Map<String, Object>> top = new ArrayList<>();
        byAccount.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> top.add(Map.of("account_id", e.getKey(), "open", e.getValue())));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("open", bySeverity.values().stream().mapToLong(Long::longValue).sum());
        values.put("bySeverity", bySeverity);
        values.put("topAccounts", top);
        return new MetricResult(name(), values, DEFINITION, Map.of("asOf", request.asOf().toString()));
    }
}
