package io.tenure.playbooks.triggers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.InteractionKind;
import io.tenure.api.engagement.SurveyKind;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.Tone;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.journey.Milestone;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.playbooks.Settings;

/**
 * Ask for a referral right after a win (first value reached, a QBR that went well, an NPS of 9 or 10), never during a
 * renewal negotiation (a renewal within 90 days) or while an escalation, save plan or detractor recovery is open, and
 * not again within 90 days of the last ask.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ReferralAsk.PID)
@Designate(ocd = ReferralAsk.Config.class)
public class ReferralAsk extends Trigger {
    static final String PID = PID_PREFIX + "referral_ask";
    /** Plays that rule an ask out while they are open. */
    static final Set<String> BLOCKING = Set.of("escalation", "save_plan", "detractor_recovery", "onboarding_recovery");

    @ObjectClassDefinition(name = "Playbook trigger: referral ask after a win")
    public @interface Config {
        @AttributeDefinition(name = "Win within (days)", description = "Wins this recent fire.", min = "1", max = "90")
        int winDays() default 14;

        @AttributeDefinition(name = "Promoter score", description = "NPS at or above this is a win.", min = "0", max = "10")
        int promoterScore() default 9;

        @AttributeDefinition(name = "Renewal quiet period (days)", description = "No ask with a renewal this close.", min = "0", max = "365")
        int renewalQuietDays() default 90;

        @AttributeDefinition(name = "Between asks (days)", min = "0", max = "730")
        int cooldownDays() default 90;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 7;
    }

    private volatile Config config;

    public ReferralAsk() {
        super("referral_ask", "referral_request");
    }

    public ReferralAsk(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "winDays", c.winDays(), 1, 90);
        Settings.range(PID, "promoterScore", c.promoterScore(), 0, 10);
        Settings.range(PID, "renewalQuietDays", c.renewalQuietDays(), 0, 365);
        Settings.range(PID, "cooldownDays", c.cooldownDays(), 0, 730);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Thank them for the win", "Ask for one introduction", "Record the lead, credited to you");
    }

    @Override
    public String description() {
        return "a win (first value, strong QBR, NPS " + config.promoterScore() + "+): ask for a referral within "
                + config.slaDays() + " days, never near a renewal or with an open escalation";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        AccountHistory h = context.history();
        LocalDate asOf = h.asOf();
        List<String[]> wins = new ArrayList<>(); // episode, evidence
        for (Milestone m : h.milestones()) {
            if (m.firstValue() && m.reached().filter(r -> h.inLast(r, c.winDays())).isPresent()) {
                wins.add(new String[] { "value@" + m.id(), "first value (" + m.name() + ") reached on " + m.reached().get() });
            }
        }
        for (Interaction i : h.interactions()) {
            if (i.kind() == InteractionKind.QBR && i.mood().filter(Tone.POSITIVE::equals).isPresent() && h.inLast(i.date(), c.winDays())) {
                wins.add(new String[] { "qbr@" + i.id(), "strong QBR on " + i.date() });
            }
        }
        for (SurveyResponse s : h.surveys()) {
            if (s.kind() == SurveyKind.NPS && s.score() >= c.promoterScore() && h.inLast(s.date(), c.winDays())) {
                wins.add(new String[] { "nps@" + s.id(), "NPS " + s.score() + " on " + s.date() });
            }
        }
        if (wins.isEmpty() || churned(context) || context.hasOpenTask(BLOCKING)) {
            return List.of();
        }
        boolean renewalNear = h.subscriptions().stream().anyMatch(s -> s.status() == SubscriptionStatus.ACTIVE
                && s.renewal().filter(r -> !r.isBefore(asOf) && !r.isAfter(asOf.plusDays(c.renewalQuietDays()))).isPresent());
        boolean askedLately = context.tasks().stream().anyMatch(t -> t.playbook().equals(playbook())
                && !day(t.created()).isBefore(asOf.minusDays(c.cooldownDays())));
        if (renewalNear || askedLately) {
            return List.of();
        }
        String[] win = wins.get(wins.size() - 1);
        return List.of(new Signal(win[0], "Ask for a referral while the win is fresh", days(c.slaDays()), win[1]));
    }
}
