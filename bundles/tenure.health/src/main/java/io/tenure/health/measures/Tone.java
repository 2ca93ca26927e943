package io.tenure.health.measures;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Share of tickets and interactions of the last 90 days whose tone or mood was negative (none negative scores 100). */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class Tone implements HealthMeasure {
    @Override
    public String name() {
        return "tone";
    }

    @Override
    public Dimension dimension() {
        return Dimension.SENTIMENT;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        int rated = 0;
        int negative = 0;
        for (SupportTicket t : h.tickets()) {
            if (t.tone().isPresent() && Windows.within(t.opened(), h.asOf(), 90)) {
                rated++;
                negative += t.tone().get() == io.tenure.api.engagement.Tone.NEGATIVE ? 1 : 0;
            }
        }
        for (Interaction i : h.interactions()) {
            if (i.mood().isPresent() && Windows.within(i.date(), h.asOf(), 90)) {
                rated++;
                negative += i.mood().get() == io.tenure.api.engagement.Tone.NEGATIVE ? 1 : 0;
            }
        }
        if (rated == 0) {
            return Optional.empty();
        }
        return Optional.of(new MeasureResult(100.0 * (rated - negative) / rated, negative + " of " + rated
                + " tickets and conversations negative in the last 90 days"));
    }
}
