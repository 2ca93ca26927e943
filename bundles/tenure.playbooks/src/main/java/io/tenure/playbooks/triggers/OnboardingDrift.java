package io.tenure.playbooks.triggers;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Segment;
import io.tenure.api.journey.Milestone;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/**
 * Slow drift: an onboarding past its planned duration (per segment) or past the planned date of a milestone not yet
 * reached. Recovery: re-establish the goal, shrink the first win, find a new champion.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = OnboardingDrift.PID)
@Designate(ocd = OnboardingDrift.Config.class)
public class OnboardingDrift extends Trigger {
    static final String PID = PID_PREFIX + "onboarding_drift";

    @ObjectClassDefinition(name = "Playbook trigger: onboarding drift")
    public @interface Config {
        @AttributeDefinition(name = "Planned onboarding days", description = "Per segment: enterprise, mid-market, SMB, tech-touch; accounts without a segment use mid-market's.")
        int[] plannedDays() default { 90, 60, 42, 14 };

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 5;
    }

    private volatile Config config;

    public OnboardingDrift() {
        super("onboarding_drift", "onboarding_recovery");
    }

    public OnboardingDrift(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        if (c.plannedDays().length != Segment.values().length || Arrays.stream(c.plannedDays()).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(PID + " plannedDays " + Arrays.toString(c.plannedDays())
                    + ": needs four positive day counts, for enterprise, mid-market, SMB and tech-touch");
        }
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Re-establish the goal in the customer's words",
                "Shrink the first win to something reachable in two weeks", "Find or confirm a champion",
                "Re-plan the remaining milestones");
    }

    @Override
    public String description() {
        return "onboarding past its planned duration or a milestone's planned date: recovery play within " + config.slaDays()
                + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        if (context.account().stage() != JourneyStage.ONBOARDING) {
            return List.of();
        }
        LocalDate asOf = context.asOf();
        LocalDate signed = context.account().signedDate();
        int planned = c.plannedDays()[context.account().segment().orElse(Segment.MID_MARKET).ordinal()];
        long days = ChronoUnit.DAYS.between(signed, asOf);
        Optional<Milestone> late = context.history().milestones().stream()
                .filter(m -> m.planned().filter(asOf::isAfter).isPresent() && m.reached().filter(asOf::isAfter).isEmpty())
                .findFirst();
        if (days <= planned && late.isEmpty()) {
            return List.of();
        }
        String evidence = days > planned ? "in onboarding " + days + " days, planned " + planned
                : "milestone " + late.get().name() + " planned for " + late.get().planned().get() + " not reached";
        // one episode per onboarding: it started at signature
        return List.of(new Signal("drift@" + signed, "Onboarding drifting: re-establish the goal, shrink the first win, "
                + "find a new champion", days(c.slaDays()), evidence));
    }
}
