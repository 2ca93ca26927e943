package io.tenure.health.measures;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Features used in the last 28 days out of the features the account used in the last 60: a narrowing footprint. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class FeatureBreadth implements HealthMeasure {
    @Override
    public String name() {
        return "feature_breadth";
    }

    @Override
    public Dimension dimension() {
        return Dimension.USAGE;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        Set<String> ever = h.features(60, 0);
        Set<String> recent = h.features(28, 0);
        if (ever.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MeasureResult(100.0 * recent.size() / ever.size(),
                recent.size() + " of the " + ever.size() + " features of the last 60 days used in the last 28"));
    }
}
