package io.tenure.vertical.plg;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;
import io.tenure.api.revenue.Subscription;

/**
 * A trial stalled before activation: 7 days (a setting) into a trial or free plan the workspace still uses fewer core
 * features than the activation depth. An in-product nudge (owned by the automation owner) guides it to the next core
 * feature; once per trial.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Plg.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class ActivationNudgeTrigger implements PlaybookTrigger {
    @Reference
    private Plg plg;
    @Reference
    private CoreFeatures core;

    public ActivationNudgeTrigger() {
    }

    ActivationNudgeTrigger(Plg plg, CoreFeatures core) {
        this.plg = plg;
        this.core = core;
    }

    @Override
    public String name() {
        return "plg_activation_nudge";
    }

    @Override
    public String playbook() {
        return Plg.NUDGE_PLAYBOOK;
    }

    @Override
    public String description() {
        Plg.Config c = plg.config();
        return "trial or free workspace with fewer than " + c.activationDepth() + " core features after " + c.nudgeAfterDays()
                + " days: in-product nudge within " + c.nudgeSlaHours() + " hours";
    }

    @Override
    public List<String> steps() {
        return List.of("Show the workspace the next core feature in the product", "Offer a template or guided tour for it",
                "Check after the nudge whether the feature was used");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Plg.Config c = plg.config();
        if (!Workspaces.plg(context.account())) {
            return List.of();
        }
        Optional<Subscription> trial = Workspaces.unpaid(context.history().subscriptions(), context.asOf(), c.trialLengthDays());
        List<String> features = trial.isEmpty() ? List.of() : core.current();
        if (features.isEmpty()) {
            return List.of();
        }
        Subscription t = trial.get();
        long day = ChronoUnit.DAYS.between(t.start(), context.asOf());
        Set<String> used = Workspaces.coreUsed(context.history().usage(), features, t.start(), context.asOf());
        if (day < c.nudgeAfterDays() || used.size() >= c.activationDepth()) {
            return List.of();
        }
        List<String> next = new ArrayList<>(features);
        next.removeAll(used);
        return List.of(new Signal("activation@" + t.id() + "@" + t.start(), "In-product nudge: guide the workspace to "
                + next.get(0), Duration.ofHours(c.nudgeSlaHours()), "day " + day + " of the " + t.plan().orElse("trial")
                        + " started on " + t.start() + ": " + used.size() + " of " + c.activationDepth()
                        + " core features for activation" + (used.isEmpty() ? "" : " (" + String.join(", ", used) + ")"))
                .ownedBy(c.automationOwner()));
    }
}
