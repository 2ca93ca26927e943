package io.tenure.health.measures;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/** Active users vs licensed seats over the last 28 days; 80% of seats in use scores full marks. */
@Component(service = HealthMeasure.class)
public class SeatUtilisation implements HealthMeasure {
    @Override
    public String name() {
        return "seat_utilisation";
    }

    @Override
    public Dimension dimension() {
        return Dimension.USAGE;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        long seats = h.subscriptions().stream().filter(s -> s.status() != SubscriptionStatus.TRIAL && !s.start().isAfter(h.asOf()))
                .mapToLong(s -> s.seats().orElse(0L)).sum();
        if (seats <= 0 || h.usage().stream().noneMatch(u -> Windows.before(u.date(), h.asOf()))) {
            return Optional.empty();
        }
        long active = h.usage().stream().filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES)
                && Windows.within(u.date(), h.asOf(), 28)).mapToLong(UsageRollup::activeUsers).max().orElse(0);
        double ratio = (double) active / seats;
        return Optional.of(new MeasureResult(Windows.linear(ratio, 0, 0.8),
                active + " of " + seats + " seats active in the last 28 days"));
    }
}
