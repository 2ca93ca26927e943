package com.example.tenure.partner;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * A paying account nobody has talked to for 60 days: a check-in call. Its threshold is a setting, editable at
 * {@code /api/v1/settings/com.example.tenure.partner.quiet_account}.
 */
@Component(service = PlaybookTrigger.class, name = QuietAccountTrigger.PID)
@Designate(ocd = QuietAccountTrigger.Config.class)
public class QuietAccountTrigger implements PlaybookTrigger {
    static final String PID = "com.example.tenure.partner.quiet_account";

    @ObjectClassDefinition(name = "Partner trigger: quiet account")
    public @interface Config {
        @AttributeDefinition(name = "Quiet for (days)", min = "7", max = "365")
        int quietDays() default 60;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "60")
        int slaDays() default 7;
    }

    private volatile Config config;

    @Activate
    @Modified
    void configure(Config c) {
        if (c.quietDays() < 7 || c.quietDays() > 365 || c.slaDays() < 1 || c.slaDays() > 60) {
            throw new IllegalArgumentException(PID + ": quietDays must be 7-365 and slaDays 1-60");
        }
        config = c;
    }

    @Override
    public String name() {
        return "partner_quiet_account";
    }

    @Override
    public String playbook() {
        return "partner_check_in";
    }

    @Override
    public String description() {
        return "no conversation for " + config.quietDays() + " days: a check-in call within " + config.slaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Review the account's usage and open tickets", "Call the champion", "Note what you learned");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        JourneyStage stage = context.account().stage();
        if (stage == JourneyStage.CHURNED || stage == JourneyStage.PRE_SALE || context.history().arr().isEmpty()) {
            return List.of();
        }
        Optional<LocalDate> last = context.history().interactions().stream().map(Interaction::date)
                .filter(d -> d.isBefore(context.asOf())).max(LocalDate::compareTo);
        LocalDate since = last.orElse(context.account().signedDate());
        if (since.isAfter(context.asOf().minusDays(c.quietDays()))) {
            return List.of();
        }
        return List.of(new Signal("quiet@" + since, "Check in: no conversation since " + since,
                java.time.Duration.ofDays(c.slaDays()), last.isPresent() ? "last interaction " + since : "no interaction since signature"));
    }
}
