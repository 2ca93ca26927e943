package com.example.tenure.partner;

import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Sentiment: the share of the last 90 days' tickets resolved within two days. Customers whose problems linger stop
 * trusting the product; 90% resolved in time scores full marks, half or less scores nothing.
 */
@Component(service = HealthMeasure.class)
public class TicketResolutionMeasure implements HealthMeasure {
    static final Duration IN_TIME = Duration.ofDays(2);

    @Override
    public String name() {
        return "partner_ticket_resolution";
    }

    @Override
    public Dimension dimension() {
        return Dimension.SENTIMENT;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory history) {
        int tickets = 0;
        int inTime = 0;
        for (SupportTicket t : history.tickets()) {
            if (!history.inLast(t.opened().atZone(java.time.ZoneOffset.UTC).toLocalDate(), 90)) {
                continue;
            }
            tickets++;
            if (t.resolved().filter(r -> !r.isAfter(t.opened().plus(IN_TIME))).isPresent()) {
                inTime++;
            }
        }
        if (tickets == 0) {
            return Optional.empty();
        }
        double share = (double) inTime / tickets;
        double score = Math.max(0, Math.min(100, (share - 0.5) / 0.4 * 100));
        return Optional.of(new MeasureResult(score, inTime + " of " + tickets + " tickets resolved within 2 days"));
    }
}
