package io.tenure.health.measures;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.engagement.Interaction;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Days since the last meaningful conversation: up to 30 scores 100, falling to 50 at 90 and 0 at 180. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class ContactRecency implements HealthMeasure {
    @Override
    public String name() {
        return "contact_recency";
    }

    @Override
    public Dimension dimension() {
        return Dimension.RELATIONSHIP;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        Optional<java.time.LocalDate> last = h.interactions().stream().filter(i -> i.meaningful() && Windows.before(i.date(), h.asOf()))
                .map(Interaction::date).max(java.util.Comparator.naturalOrder());
        if (last.isEmpty()) {
            return Optional.empty();
        }
        long days = ChronoUnit.DAYS.between(last.get(), h.asOf());
        double score = days <= 30 ? 100 : days <= 90 ? 100 - (days - 30) * 50.0 / 60 : Math.max(0, 50 - (days - 90) * 50.0 / 90);
        return Optional.of(new MeasureResult(score, days + " days since the last meaningful conversation"));
    }
}
