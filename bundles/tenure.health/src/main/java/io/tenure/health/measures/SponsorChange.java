package io.tenure.health.measures;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** An executive sponsor or champion who left in the last 180 days scores 20 (a new decision-maker to win); none 100. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class SponsorChange implements HealthMeasure {
    @Override
    public String name() {
        return "sponsor_change";
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
        Optional<Contact> left = h.contacts().stream().filter(c -> (c.role() == ContactRole.EXECUTIVE_SPONSOR
                || c.role() == ContactRole.CHAMPION) && c.left().filter(l -> Windows.within(l, h.asOf(), 180)).isPresent())
                .findFirst();
        return Optional.of(left.map(c -> new MeasureResult(20, c.role().code() + " " + c.name() + " left on " + c.left().get()))
                .orElse(new MeasureResult(100, "no sponsor or champion change in the last 180 days")));
    }
}
