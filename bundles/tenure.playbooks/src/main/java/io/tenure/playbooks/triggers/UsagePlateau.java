package io.tenure.playbooks.triggers;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/**
 * A plateau in adoption: events of the last 30 days within 5% of the 30 before, and no feature used that was not used
 * before. Guide the customer to the next feature or workflow.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = UsagePlateau.PID)
@Designate(ocd = UsagePlateau.Config.class)
public class UsagePlateau extends Trigger {
    static final String PID = PID_PREFIX + "usage_plateau";

    @ObjectClassDefinition(name = "Playbook trigger: usage plateau")
    public @interface Config {
        @AttributeDefinition(name = "Flat within (%)", description = "Change of events between the two windows counted as flat.", min = "0", max = "50")
        int flatPercent() default 5;

        @AttributeDefinition(name = "Window (days)", min = "7", max = "30")
        int windowDays() default 30;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 14;
    }

    private volatile Config config;

    public UsagePlateau() {
        super("usage_plateau", "next_feature");
    }

    public UsagePlateau(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "flatPercent", c.flatPercent(), 0, 50);
        Settings.range(PID, "windowDays", c.windowDays(), 7, 30);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Find the next feature or workflow that serves their goal",
                "Show it in a short working session", "Check its adoption in 30 days");
    }

    @Override
    public String description() {
        return "adoption flat within " + config.flatPercent() + "% and no new feature over " + config.windowDays()
                + " days: guide to the next feature within " + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        if (context.account().stage() != JourneyStage.ADOPTION) {
            return List.of();
        }
        AccountHistory h = context.history();
        int w = c.windowDays();
        long recent = h.events(w, 0);
        long earlier = h.events(2 * w, w);
        Set<String> before = h.features(2 * w, w);
        boolean newFeature = !before.containsAll(h.features(w, 0));
        if (earlier == 0 || Math.abs(recent - earlier) * 100 > earlier * c.flatPercent() || newFeature) {
            return List.of();
        }
        return List.of(new Signal(quarter(h.asOf()), "Usage has plateaued: guide the customer to the next feature or workflow",
                days(c.slaDays()), "events " + earlier + " -> " + recent + " over two " + w + "-day windows, features "
                        + String.join(", ", before)));
    }
}
