package io.tenure.vertical.plg;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * A product-qualified free or trial workspace worth less than the human-touch threshold: an in-product offer of the
 * paid plan, owned by the automation owner. Once per trial.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Plg.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class PqlNudgeTrigger implements PlaybookTrigger {
    @Reference
    private Plg plg;

    public PqlNudgeTrigger() {
    }

    PqlNudgeTrigger(Plg plg) {
        this.plg = plg;
    }

    @Override
    public String name() {
        return "plg_pql_nudge";
    }

    @Override
    public String playbook() {
        return Plg.NUDGE_PLAYBOOK;
    }

    @Override
    public String description() {
        Plg.Config c = plg.config();
        return "product-qualified free or trial workspace worth less than " + c.humanTouchArr()
                + " a year: in-product upgrade offer within " + c.nudgeSlaHours() + " hours";
    }

    @Override
    public List<String> steps() {
        return List.of("Show the paid plan's benefits where the team works",
                "Offer a self-serve upgrade in the product", "Check whether the workspace converted");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        return Routing.pql(plg.config(), context, false);
    }
}
