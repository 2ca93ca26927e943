package io.tenure.playbooks.triggers;

import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/** Usage down 20% or more over the last 30 days against the 30 before: a CSM conversation within 48 hours. */
@Component(service = PlaybookTrigger.class)
public class UsageDecline implements PlaybookTrigger {
    static final double DROP = 0.20;

    @Override
    public String name() {
        return "usage_decline";
    }

    @Override
    public String playbook() {
        return "usage_recovery";
    }

    @Override
    public List<Signal> evaluate(AccountHistory h) {
        long recent = 0;
        long earlier = 0;
        for (UsageRollup u : h.usage()) {
            if (!u.feature().equals(UsageRollup.ALL_FEATURES) || !u.date().isBefore(h.asOf())) {
                continue;
            }
            if (!u.date().isBefore(h.asOf().minusDays(30))) {
                recent += u.events();
            } else if (!u.date().isBefore(h.asOf().minusDays(60))) {
                earlier += u.events();
            }
        }
        if (earlier == 0 || recent > earlier * (1 - DROP)) {
            return List.of();
        }
        long drop = Math.round(100.0 * (earlier - recent) / earlier);
        // one episode per calendar month: a decline that lasts is not re-raised every day
        return List.of(new Signal(h.asOf().withDayOfMonth(1).toString(), "Talk to the customer: usage fell " + drop + "% in 30 days",
                Duration.ofHours(48), "events " + earlier + " -> " + recent + " (30 days before " + h.asOf() + ")"));
    }
}
