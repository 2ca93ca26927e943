package io.tenure.health.measures;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Active users vs licensed seats over the last 28 days; 80% of seats in use scores full marks. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
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
        long seats = h.licensedSeats();
        if (seats <= 0 || h.usage().stream().noneMatch(u -> Windows.before(u.date(), h.asOf()))) {
            return Optional.empty();
        }
        long active = h.activeUsers(28);
        double ratio = (double) active / seats;
        return Optional.of(new MeasureResult(Windows.linear(ratio, 0, 0.8),
                active + " of " + seats + " seats active in the last 28 days"));
    }
}
