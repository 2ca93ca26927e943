package io.tenure.health.measures;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Support tickets of the last 90 days weighted by severity (low 0.5, normal 1, high 2, urgent 4): none scores 100, a
 * weight of 3 scores 50, and it halves again with every further 3 times as much.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class SupportLoad implements HealthMeasure {
    @Override
    public String name() {
        return "support_load";
    }

    @Override
    public Dimension dimension() {
        return Dimension.SENTIMENT;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (h.tickets().isEmpty() && h.interactions().isEmpty()) {
            return Optional.empty();
        }
        double weight = 0;
        int count = 0;
        for (SupportTicket t : h.tickets()) {
            if (Windows.within(t.opened(), h.asOf(), 90)) {
                count++;
                weight += switch (t.severity()) {
                    case LOW -> 0.5;
                    case NORMAL -> 1;
                    case HIGH -> 2;
                    case URGENT -> 4;
                };
            }
        }
        return Optional.of(new MeasureResult(100 / (1 + weight / 3), count + " tickets in the last 90 days (severity weight "
                + weight + ")"));
    }
}
