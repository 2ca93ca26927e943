package io.tenure.vertical.plg;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * A paying workspace at its seat limit (peak active users at 80% of the licensed seats or more over the last 14 days;
 * settings) whose ARR is below the human-touch threshold (10,000; a setting): a self-serve upgrade offer in the
 * product, owned by the automation owner. Once per licence size: after the seats change, a new episode. At or above
 * the threshold the core {@code expansion_seats} trigger is the human touch (the CSM, or sales above its hand-off).
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Plg.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class SelfServeUpgradeTrigger implements PlaybookTrigger {
    @Reference
    private Plg plg;

    public SelfServeUpgradeTrigger() {
    }

    SelfServeUpgradeTrigger(Plg plg) {
        this.plg = plg;
    }

    @Override
    public String name() {
        return "plg_self_serve_upgrade";
    }

    @Override
    public String playbook() {
        return Plg.NUDGE_PLAYBOOK;
    }

    @Override
    public String description() {
        Plg.Config c = plg.config();
        return "paying workspace with ARR below " + c.humanTouchArr() + " at " + c.expansionSeatSharePercent()
                + "% of its seats: in-product seat upgrade within " + c.nudgeSlaHours() + " hours";
    }

    @Override
    public List<String> steps() {
        return List.of("Tell the admin in the product that the seats are nearly used",
                "Offer more seats or the next plan self-serve", "Check whether the workspace upgraded");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        return Routing.selfServeUpgrade(plg.config(), context);
    }
}
