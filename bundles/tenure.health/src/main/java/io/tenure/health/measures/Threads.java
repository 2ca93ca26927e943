package io.tenure.health.measures;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.engagement.Interaction;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Distinct contacts in meaningful conversation over the last 90 days: none 0, one (single-threaded) 25, two 60, three or more 100. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class Threads implements HealthMeasure {
    @Override
    public String name() {
        return "threads";
    }

    @Override
    public Dimension dimension() {
        return Dimension.RELATIONSHIP;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (h.interactions().stream().noneMatch(i -> Windows.before(i.date(), h.asOf()))) {
            return Optional.empty();
        }
        Set<String> contacts = new HashSet<>();
        for (Interaction i : h.interactions()) {
            if (i.meaningful() && i.contactId().isPresent() && Windows.within(i.date(), h.asOf(), 90)) {
                contacts.add(i.contactId().get());
            }
        }
        int n = contacts.size();
        double score = n == 0 ? 0 : n == 1 ? 25 : n == 2 ? 60 : 100;
        return Optional.of(new MeasureResult(score, n == 1 ? "single-threaded: one contact in the last 90 days"
                : n + " contacts in meaningful conversation in the last 90 days"));
    }
}
