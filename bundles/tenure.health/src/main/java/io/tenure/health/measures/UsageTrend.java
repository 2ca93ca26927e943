package io.tenure.health.measures;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Events of the last 28 days against the 28 before: flat or growing scores 100, a 40% fall scores 0. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class UsageTrend implements HealthMeasure {
    @Override
    public String name() {
        return "usage_trend";
    }

    @Override
    public Dimension dimension() {
        return Dimension.USAGE;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        long recent = h.events(28, 0);
        long earlier = h.events(56, 28);
        if (earlier == 0) {
            return Optional.empty();
        }
        double ratio = (double) recent / earlier;
        return Optional.of(new MeasureResult(Windows.linear(ratio, 0.6, 1.0),
                String.format(java.util.Locale.ROOT, "events %+.0f%% over the last 28 days", (ratio - 1) * 100)));
    }
}
