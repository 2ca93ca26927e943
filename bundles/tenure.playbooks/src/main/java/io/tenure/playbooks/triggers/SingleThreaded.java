package io.tenure.playbooks.triggers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.engagement.Interaction;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/** Every meaningful conversation of the last 90 days with one contact (of an account that talks to us): build more threads. */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = SingleThreaded.PID)
@Designate(ocd = SingleThreaded.Config.class)
public class SingleThreaded extends Trigger {
    static final String PID = PID_PREFIX + "single_threaded";

    @ObjectClassDefinition(name = "Playbook trigger: single-threaded")
    public @interface Config {
        @AttributeDefinition(name = "Look back (days)", min = "7", max = "180")
        int lookbackDays() default 90;

        @AttributeDefinition(name = "Fewest conversations", description = "Accounts with fewer meaningful conversations are not judged.", min = "1", max = "50")
        int minConversations() default 2;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 30;
    }

    private volatile Config config;

    public SingleThreaded() {
        super("single_threaded", "multi_threading");
    }

    public SingleThreaded(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "lookbackDays", c.lookbackDays(), 7, 180);
        Settings.range(PID, "minConversations", c.minConversations(), 1, 50);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Map the stakeholders", "Ask the contact for two introductions",
                "Meet a second and a third stakeholder");
    }

    @Override
    public String description() {
        return "one engaged contact over " + config.lookbackDays() + " days: build more threads within " + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        Set<String> contacts = new HashSet<>();
        int meaningful = 0;
        for (Interaction i : context.history().interactions()) {
            if (i.meaningful() && context.history().inLast(i.date(), c.lookbackDays())) {
                meaningful++;
                i.contactId().ifPresent(contacts::add);
            }
        }
        if (meaningful < c.minConversations() || contacts.size() != 1 || churned(context)) {
            return List.of();
        }
        return List.of(new Signal(quarter(context.asOf()), "Build more threads: meet a second and third stakeholder",
                days(c.slaDays()), meaningful + " meaningful conversations in " + c.lookbackDays() + " days, all with contact "
                        + contacts.iterator().next()));
    }
}
