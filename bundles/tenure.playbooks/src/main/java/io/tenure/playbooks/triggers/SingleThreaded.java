package io.tenure.playbooks.triggers;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.tenure.api.engagement.Interaction;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/** Only one contact in meaningful conversation over the last 90 days (of an account that talks to us): build more threads. */
@Component(service = PlaybookTrigger.class)
public class SingleThreaded implements PlaybookTrigger {
    @Override
    public String name() {
        return "single_threaded";
    }

    @Override
    public String playbook() {
        return "multi_threading";
    }

    @Override
    public List<Signal> evaluate(AccountHistory h) {
        Set<String> contacts = new HashSet<>();
        int meaningful = 0;
        for (Interaction i : h.interactions()) {
            if (i.meaningful() && i.date().isBefore(h.asOf()) && !i.date().isBefore(h.asOf().minusDays(90))) {
                meaningful++;
                i.contactId().ifPresent(contacts::add);
            }
        }
        if (meaningful < 2 || contacts.size() != 1) {
            return List.of();
        }
        // one episode per quarter
        String quarter = h.asOf().getYear() + "-Q" + ((h.asOf().getMonthValue() - 1) / 3 + 1);
        return List.of(new Signal(quarter, "Build more threads: meet a second and third stakeholder", Duration.ofDays(30),
                meaningful + " meaningful conversations in 90 days, all with contact " + contacts.iterator().next()));
    }
}
