package io.tenure.health.measures;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.Seniority;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * A champion in place, by seniority (director or above 100, manager 80, individual 60); none after one left in the
 * last 180 days 0; never one 30.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class Champion implements HealthMeasure {
    @Override
    public String name() {
        return "champion";
    }

    @Override
    public Dimension dimension() {
        return Dimension.RELATIONSHIP;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (h.contacts().isEmpty()) {
            return Optional.empty();
        }
        Optional<Contact> present = h.contacts().stream().filter(c -> c.role() == ContactRole.CHAMPION && c.presentOn(h.asOf()))
                .max(java.util.Comparator.comparing(c -> c.seniority().ordinal()));
        if (present.isPresent()) {
            Seniority s = present.get().seniority();
            double score = s.ordinal() >= Seniority.DIRECTOR.ordinal() ? 100 : s == Seniority.MANAGER ? 80 : 60;
            return Optional.of(new MeasureResult(score, "champion " + present.get().name() + " (" + s.code() + ")"));
        }
        boolean recentlyLost = h.contacts().stream().anyMatch(c -> c.role() == ContactRole.CHAMPION && c.left()
                .filter(l -> Windows.within(l, h.asOf(), 180)).isPresent());
        return Optional.of(recentlyLost ? new MeasureResult(0, "the champion left in the last 180 days and has no successor")
                : new MeasureResult(30, "no champion"));
    }
}
