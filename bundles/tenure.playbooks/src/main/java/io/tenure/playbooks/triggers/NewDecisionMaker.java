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
import io.tenure.api.account.Seniority;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/** A new executive sponsor, budget holder or VP/C-level contact: engage them before they run a vendor review. */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = NewDecisionMaker.PID)
@Designate(ocd = NewDecisionMaker.Config.class)
public class NewDecisionMaker extends Trigger {
    static final String PID = PID_PREFIX + "new_decision_maker";

    @ObjectClassDefinition(name = "Playbook trigger: new decision-maker")
    public @interface Config {
        @AttributeDefinition(name = "Look back (days)", description = "Contacts who joined this recently fire.", min = "1", max = "365")
        int lookbackDays() default 30;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 10;
    }

    private volatile Config config;

    public NewDecisionMaker() {
        super("new_decision_maker", "executive_engagement");
    }

    public NewDecisionMaker(Config config) {
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
        return List.of("Learn their priorities", "Meet them with a summary of the value delivered",
                "Add them to the stakeholder map");
    }

    @Override
    public String description() {
        return "new sponsor, budget holder or executive: engage within " + config.slaDays() + " days, before a vendor review";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        List<Signal> out = new ArrayList<>();
        for (Contact p : context.history().contacts()) {
            boolean decides = p.role() == ContactRole.EXECUTIVE_SPONSOR || p.role() == ContactRole.BUDGET_HOLDER
                    || p.seniority() == Seniority.VP || p.seniority() == Seniority.C_LEVEL;
            if (decides && p.left().isEmpty() && p.joined().filter(j -> context.history().inLast(j, c.lookbackDays())).isPresent()
                    && !churned(context)) {
                out.add(new Signal(p.id() + "@" + p.joined().get(), "Engage the new decision-maker " + p.name()
                        + " before they run a vendor review", days(c.slaDays()), p.role().code() + " " + p.name() + " ("
                                + p.seniority().code() + ") joined on " + p.joined().get()));
            }
        }
        return out;
    }
}
