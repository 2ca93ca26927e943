package io.tenure.playbooks.triggers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/** An executive sponsor or champion left in the last 30 days: introduction to the new stakeholder within 14 days. */
@Component(service = PlaybookTrigger.class)
public class ChampionLeft implements PlaybookTrigger {
    @Override
    public String name() {
        return "champion_left";
    }

    @Override
    public String playbook() {
        return "stakeholder_change";
    }

    @Override
    public List<Signal> evaluate(AccountHistory h) {
        List<Signal> out = new ArrayList<>();
        for (Contact c : h.contacts()) {
            if ((c.role() == ContactRole.CHAMPION || c.role() == ContactRole.EXECUTIVE_SPONSOR) && c.left()
                    .filter(l -> l.isBefore(h.asOf()) && !l.isBefore(h.asOf().minusDays(30))).isPresent()) {
                out.add(new Signal(c.id() + "@" + c.left().get(), "Introduce yourself to the new stakeholder (" + c.role().code()
                        + " " + c.name() + " left)", Duration.ofDays(14), c.role().code() + " " + c.name() + " left on " + c.left().get()));
            }
        }
        return out;
    }
}
