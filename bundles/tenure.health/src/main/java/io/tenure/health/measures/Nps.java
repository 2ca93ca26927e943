package io.tenure.health.measures;

import java.util.Comparator;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.engagement.SurveyKind;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** The latest NPS answer of the last 365 days (the lowest of that day's answers), scaled to 0-100. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class Nps implements HealthMeasure {
    @Override
    public String name() {
        return "nps";
    }

    @Override
    public Dimension dimension() {
        return Dimension.SENTIMENT;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        return h.surveys().stream().filter(s -> s.kind() == SurveyKind.NPS && Windows.within(s.date(), h.asOf(), 365))
                .max(Comparator.comparing(SurveyResponse::date).thenComparing(s -> -s.score()))
                .map(s -> new MeasureResult(s.score() * 10.0, "NPS " + s.score() + " on " + s.date()
                        + (s.detractor() ? " (detractor)" : s.promoter() ? " (promoter)" : "")));
    }
}
