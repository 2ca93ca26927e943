package io.tenure.playbooks.triggers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/** An NPS detractor (0-6) in the last 30 days: recovery — acknowledge, root cause, remediation plan, follow-up. */
@Component(service = PlaybookTrigger.class)
public class NpsDetractor implements PlaybookTrigger {
    @Override
    public String name() {
        return "nps_detractor";
    }

    @Override
    public String playbook() {
        return "detractor_recovery";
    }

    @Override
    public List<Signal> evaluate(AccountHistory h) {
        List<Signal> out = new ArrayList<>();
        for (SurveyResponse s : h.surveys()) {
            if (s.detractor() && s.date().isBefore(h.asOf()) && !s.date().isBefore(h.asOf().minusDays(30))) {
                out.add(new Signal(s.id(), "Recover a detractor: acknowledge, find the root cause, agree a remediation plan, "
                        + "follow up", Duration.ofDays(5), "NPS " + s.score() + " on " + s.date() + s.comment().map(c -> ": " + c).orElse("")));
            }
        }
        return out;
    }
}
