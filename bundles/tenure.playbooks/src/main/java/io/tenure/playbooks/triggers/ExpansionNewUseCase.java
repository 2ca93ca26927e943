package io.tenure.playbooks.triggers;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/**
 * Use spreading to a new team or workflow: two or more features used in the last 30 days that were not used in the 30
 * before. A new-use-case conversation.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ExpansionNewUseCase.PID)
@Designate(ocd = ExpansionNewUseCase.Config.class)
public class ExpansionNewUseCase extends Trigger {
    static final String PID = PID_PREFIX + "expansion_new_use_case";

    @ObjectClassDefinition(name = "Playbook trigger: use spreading to a new team or workflow")
    public @interface Config {
        @AttributeDefinition(name = "New features", description = "Fires at this many features new in the last 30 days.", min = "1", max = "100")
        int newFeatures() default 2;

        @AttributeDefinition(name = "Expansion in reach (% of ARR)", min = "1", max = "500")
        int valuePercent() default 20;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 14;
    }

    private volatile Config config;

    public ExpansionNewUseCase() {
        super("expansion_new_use_case", "expansion");
    }

    public ExpansionNewUseCase(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "newFeatures", c.newFeatures(), 1, 100);
        Settings.range(PID, "valuePercent", c.valuePercent(), 1, 500);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Learn which team or workflow is new", "Agree how to support the new use case",
                "Above the threshold, hand to sales with the context");
    }

    @Override
    public String description() {
        return config.newFeatures() + " or more new features in 30 days: new-use-case conversation within " + config.slaDays()
                + " days; above the hand-off threshold, to sales";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        AccountHistory h = context.history();
        Set<String> before = h.features(60, 30);
        if (before.isEmpty() || churned(context)) {
            return List.of(); // a new account's first features are onboarding, not spread
        }
        Set<String> fresh = new TreeSet<>(h.features(30, 0));
        fresh.removeAll(before);
        if (fresh.size() < c.newFeatures()) {
            return List.of();
        }
        return List.of(new Signal(month(h.asOf()), "Expansion: use is spreading, talk about the new use case",
                days(c.slaDays()), "new in the last 30 days: " + String.join(", ", fresh), shareOfArr(h, c.valuePercent())));
    }
}
