package io.tenure.playbooks.triggers;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.StageChange;
import io.tenure.api.journey.Milestone;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/** Onboarding marked complete without the first value moment reached: recovery before the habit fails to form. */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = PrematureCompletion.PID)
@Designate(ocd = PrematureCompletion.Config.class)
public class PrematureCompletion extends Trigger {
    static final String PID = PID_PREFIX + "premature_completion";

    @ObjectClassDefinition(name = "Playbook trigger: premature onboarding completion")
    public @interface Config {
        @AttributeDefinition(name = "Look back (days)", description = "Completions this recent fire.", min = "1", max = "365")
        int lookbackDays() default 30;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 5;
    }

    private volatile Config config;

    public PrematureCompletion() {
        super("premature_completion", "onboarding_recovery");
    }

    public PrematureCompletion(Config config) {
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
        return List.of("Reopen onboarding with the customer", "Agree the first value moment",
                "Find a champion to own it", "Reach it before calling onboarding done");
    }

    @Override
    public String description() {
        return "onboarding completed without first value: recovery play within " + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        List<Signal> out = new ArrayList<>();
        for (StageChange change : context.stageChanges()) {
            if (change.from().filter(JourneyStage.ONBOARDING::equals).isEmpty() || change.to() == JourneyStage.CHURNED
                    || !context.history().inLast(change.date(), c.lookbackDays())) {
                continue;
            }
            boolean valueReached = context.history().milestones().stream().filter(Milestone::firstValue)
                    .anyMatch(m -> m.reached().filter(r -> !r.isAfter(change.date())).isPresent());
            if (!valueReached) {
                out.add(new Signal(change.id(), "Onboarding closed before first value: go back and get the first win",
                        days(c.slaDays()), "moved to " + change.to().code() + " on " + change.date()
                                + " without the first value moment"));
            }
        }
        return out;
    }
}
