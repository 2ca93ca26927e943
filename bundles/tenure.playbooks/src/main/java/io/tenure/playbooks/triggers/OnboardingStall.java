package io.tenure.playbooks.triggers;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.journey.Milestone;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/**
 * An onboarding that stopped moving: no milestone reached for 10 days (counting from signature) while milestones are
 * still open. Recovery: re-establish the goal, shrink the first win, find a new champion.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = OnboardingStall.PID)
@Designate(ocd = OnboardingStall.Config.class)
public class OnboardingStall extends Trigger {
    static final String PID = PID_PREFIX + "onboarding_stall";

    @ObjectClassDefinition(name = "Playbook trigger: onboarding stall")
    public @interface Config {
        @AttributeDefinition(name = "Days without progress", min = "1", max = "180")
        int stallDays() default 10;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 3;
    }

    private volatile Config config;

    public OnboardingStall() {
        super("onboarding_stall", "onboarding_recovery");
    }

    public OnboardingStall(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "stallDays", c.stallDays(), 1, 180);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Re-establish the goal in the customer's words",
                "Shrink the first win to something reachable in two weeks", "Find or confirm a champion",
                "Set the next milestone with a date");
    }

    @Override
    public String description() {
        return "no onboarding milestone for " + config.stallDays() + " days: recovery play within " + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        if (context.account().stage() != JourneyStage.ONBOARDING) {
            return List.of();
        }
        LocalDate asOf = context.asOf();
        List<Milestone> milestones = context.history().milestones();
        boolean open = milestones.stream().anyMatch(m -> m.reached().filter(asOf::isAfter).isEmpty());
        Optional<LocalDate> lastReached = milestones.stream().flatMap(m -> m.reached().stream()).filter(asOf::isAfter)
                .max(LocalDate::compareTo);
        LocalDate progress = lastReached.orElse(context.account().signedDate());
        long idle = ChronoUnit.DAYS.between(progress, asOf);
        if (!open || idle < c.stallDays()) {
            return List.of();
        }
        return List.of(new Signal("stall@" + progress, "Onboarding stalled: re-establish the goal, shrink the first win, "
                + "find a new champion", days(c.slaDays()), "no milestone reached for " + idle + " days (last progress "
                        + progress + (lastReached.isEmpty() ? ", signature" : "") + ")"));
    }
}
