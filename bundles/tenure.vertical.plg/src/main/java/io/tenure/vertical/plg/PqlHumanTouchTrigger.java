package io.tenure.vertical.plg;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * A product-qualified free or trial workspace (5 active users, or 80% of the trial's seat limit; settings) worth the
 * human-touch threshold or more (10,000 a year, its active users valued at the list price of 600 a user; settings):
 * the CSM, or sales above the engine's hand-off threshold, reaches out within 2 days. Once per trial.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Plg.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class PqlHumanTouchTrigger implements PlaybookTrigger {
    @Reference
    private Plg plg;

    public PqlHumanTouchTrigger() {
    }

    PqlHumanTouchTrigger(Plg plg) {
        this.plg = plg;
    }

    @Override
    public String name() {
        return "plg_pql_human_touch";
    }

    @Override
    public String playbook() {
        return "plg_human_touch";
    }

    @Override
    public String description() {
        Plg.Config c = plg.config();
        return "product-qualified free or trial workspace worth " + c.humanTouchArr()
                + " or more a year: a person reaches out within " + c.humanTouchSlaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Look at what the workspace built and who is active",
                "Reach out to the most active user with an offer to help", "Propose the plan that fits the team",
                "Record the outcome");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        return Routing.pql(plg.config(), context, true);
    }
}
