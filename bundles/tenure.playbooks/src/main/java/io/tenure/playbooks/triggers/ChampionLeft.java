package io.tenure.playbooks.triggers;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/** An executive sponsor or champion left recently: introduction to the new stakeholder within 14 days. */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ChampionLeft.PID)
@Designate(ocd = ChampionLeft.Config.class)
public class ChampionLeft extends Trigger {
    static final String PID = PID_PREFIX + "champion_left";

    @ObjectClassDefinition(name = "Playbook trigger: sponsor or champion left")
    public @interface Config {
        @AttributeDefinition(name = "Look back (days)", description = "Departures this recent fire.", min = "1", max = "365")
        int lookbackDays() default 30;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 14;
    }

    private volatile Config config;

    public ChampionLeft() {
        super("champion_left", "stakeholder_change");
    }

    public ChampionLeft(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "lookbackDays", c.lookbackDays(), 1, 365);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Find out who takes their place", "Introduce yourself and restate the customer's goals",
                "Rebuild the stakeholder map", "Brief the new stakeholder on the value delivered so far");
    }

    @Override
    public String description() {
        return "executive sponsor or champion left: introduction to the new stakeholder within " + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        List<Signal> out = new ArrayList<>();
        for (Contact p : context.history().contacts()) {
            if ((p.role() == ContactRole.CHAMPION || p.role() == ContactRole.EXECUTIVE_SPONSOR)
                    && p.left().filter(l -> context.history().inLast(l, c.lookbackDays())).isPresent()) {
                out.add(new Signal(p.id() + "@" + p.left().get(), "Introduce yourself to the new stakeholder (" + p.role().code()
                        + " " + p.name() + " left)", days(c.slaDays()), p.role().code() + " " + p.name() + " left on "
                        + p.left().get()));
            }
        }
        return out;
    }
}
