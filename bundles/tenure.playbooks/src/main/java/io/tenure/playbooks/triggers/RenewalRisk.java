package io.tenure.playbooks.triggers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.health.HealthStatus;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.playbooks.Settings;

/**
 * A renewal within 90 days with health that is not green (yellow, red, or never scored): a save plan. Completing the
 * task records which save play ran — honest reset, right-size, executive conversation; or the ones that rarely work:
 * discount, feature promise, extra service — and how it ended.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = RenewalRisk.PID)
@Designate(ocd = RenewalRisk.Config.class)
public class RenewalRisk extends Trigger {
    static final String PID = PID_PREFIX + "renewal_risk";
    /** The save plays a save-plan task is completed with, the ones that work first. */
    public static final List<String> SAVE_PLAYS = List.of("honest_reset", "right_size", "executive_conversation", "discount",
            "feature_promise", "extra_service");

    @ObjectClassDefinition(name = "Playbook trigger: renewal at risk")
    public @interface Config {
        @AttributeDefinition(name = "Renewal within (days)", min = "1", max = "365")
        int renewalDays() default 90;

        @AttributeDefinition(name = "SLA when red (days)", min = "1", max = "90")
        int redSlaDays() default 2;

        @AttributeDefinition(name = "SLA otherwise (days)", min = "1", max = "90")
        int slaDays() default 7;
    }

    private volatile Config config;

    public RenewalRisk() {
        super("renewal_risk", "save_plan");
    }

    public RenewalRisk(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "renewalDays", c.renewalDays(), 1, 365);
        Settings.range(PID, "redSlaDays", c.redSlaDays(), 1, 90);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Find out why health is not green",
                "Choose the save play: honest reset, right-size or executive conversation first",
                "Agree a plan well before the renewal", "Record the play and how it ended");
    }

    @Override
    public String description() {
        return "renewal within " + config.renewalDays() + " days and health not green: save plan within " + config.slaDays()
                + " days (" + config.redSlaDays() + " when red)";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        LocalDate asOf = context.asOf();
        HealthStatus status = context.health().map(s -> s.status()).orElse(HealthStatus.UNKNOWN);
        if (status == HealthStatus.GREEN || churned(context)) {
            return List.of();
        }
        List<Signal> out = new ArrayList<>();
        for (Subscription s : context.history().subscriptions()) {
            if (s.status() != SubscriptionStatus.ACTIVE
                    || s.renewal().filter(r -> !r.isBefore(asOf) && !r.isAfter(asOf.plusDays(c.renewalDays()))).isEmpty()) {
                continue;
            }
            String health = status == HealthStatus.UNKNOWN ? "never scored" : "health " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + context.health().map(h -> " (" + h.score() + " on " + h.date() + ")").orElse("");
            out.add(new Signal(s.id() + "@" + s.renewal().get(), "Save plan: " + s.arr().toDecimalString() + " " + s.arr().currency()
                    + " renews on " + s.renewal().get(), days(status == HealthStatus.RED ? c.redSlaDays() : c.slaDays()),
                    health + "; plays: " + String.join(", ", SAVE_PLAYS)));
        }
        return out;
    }
}
