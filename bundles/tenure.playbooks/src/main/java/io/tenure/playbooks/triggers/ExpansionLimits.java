package io.tenure.playbooks.triggers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.playbooks.Settings;

/**
 * Near the tier's usage limit: events of the last 30 days at 80% or more of the plan's monthly allowance (plans and
 * their limits are settings). A natural-fit conversation about the next tier; its uplift is the expansion in reach.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ExpansionLimits.PID)
@Designate(ocd = ExpansionLimits.Config.class)
public class ExpansionLimits extends Trigger {
    static final String PID = PID_PREFIX + "expansion_limits";

    @ObjectClassDefinition(name = "Playbook trigger: tier or usage limit near")
    public @interface Config {
        @AttributeDefinition(name = "Plan limits", description = "Entries plan=events per 30 days, e.g. starter=100000; plans not listed have no limit.")
        String[] planLimits() default { "starter=100000", "growth=1000000" };

        @AttributeDefinition(name = "Near at (%)", min = "1", max = "100")
        int nearPercent() default 80;

        @AttributeDefinition(name = "Tier uplift (% of the plan's ARR)", min = "1", max = "500")
        int upliftPercent() default 50;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 14;
    }

    private volatile Config config;
    private volatile Map<String, Long> limits = Map.of();

    public ExpansionLimits() {
        super("expansion_limits", "expansion");
    }

    public ExpansionLimits(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Map<String, Long> parsed = new HashMap<>();
        for (String entry : c.planLimits()) {
            int eq = entry.indexOf('=');
            long limit;
            try {
                limit = eq < 1 ? -1 : Long.parseLong(entry.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit <= 0) {
                throw new IllegalArgumentException(PID + " planLimits entry '" + entry
                        + "' is not plan=events, with a positive whole number of events per 30 days");
            }
            parsed.put(entry.substring(0, eq).trim(), limit);
        }
        Settings.range(PID, "nearPercent", c.nearPercent(), 1, 100);
        Settings.range(PID, "upliftPercent", c.upliftPercent(), 1, 500);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        limits = Map.copyOf(parsed);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Show the customer where they stand against the plan's limit", "Propose the next tier",
                "Above the threshold, hand to sales with the context");
    }

    @Override
    public String description() {
        return "usage at " + config.nearPercent() + "% of the plan's limit: next-tier conversation within " + config.slaDays()
                + " days; above the hand-off threshold, to sales";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        AccountHistory h = context.history();
        if (churned(context)) {
            return List.of();
        }
        long events = h.events(30, 0);
        List<Signal> out = new ArrayList<>();
        for (Subscription s : h.subscriptions()) {
            Long limit = s.plan().map(limits::get).orElse(null);
            if (limit == null || s.status() != SubscriptionStatus.ACTIVE || s.start().isAfter(h.asOf())
                    || events * 100 < limit * c.nearPercent()) {
                continue;
            }
            out.add(new Signal(quarter(h.asOf()) + "/" + s.id(), "Expansion: " + s.plan().get() + " is near its limit, "
                    + "talk about the next tier", days(c.slaDays()), events + " events in 30 days of the " + limit + " the "
                            + s.plan().get() + " plan allows", java.util.Optional.of(s.arr().times(BigDecimal.valueOf(c.upliftPercent(), 2)))));
        }
        return out;
    }
}
