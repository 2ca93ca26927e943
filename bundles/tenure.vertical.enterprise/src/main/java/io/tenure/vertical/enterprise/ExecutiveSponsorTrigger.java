package io.tenure.vertical.enterprise;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * A top enterprise account (ARR of $250K or more, a setting) without an engaged executive sponsor: find one on their
 * side and pair them with an executive on ours.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Enterprise.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class ExecutiveSponsorTrigger implements PlaybookTrigger {
    @Reference
    private Enterprise enterprise;

    public ExecutiveSponsorTrigger() {
    }

    ExecutiveSponsorTrigger(Enterprise enterprise) {
        this.enterprise = enterprise;
    }

    @Override
    public String name() {
        return "enterprise_executive_sponsor";
    }

    @Override
    public String playbook() {
        return "executive_sponsorship";
    }

    @Override
    public String description() {
        return "top enterprise account (ARR from " + enterprise.config().topAccountArr()
                + ") without an engaged executive sponsor: secure one within " + enterprise.config().sponsorSlaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Identify the executive who owns the outcome on their side", "Pair them with an executive on ours",
                "Hold a first executive meeting on goals and value", "Record them as executive sponsor");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Enterprise.Config c = enterprise.config();
        if (!Stakeholders.enterprise(context.account()) || context.account().stage() == JourneyStage.CHURNED
                || context.history().arr().isEmpty()) {
            return List.of();
        }
        Money arr = context.history().arr().get();
        if (arr.toBigDecimal().compareTo(BigDecimal.valueOf(c.topAccountArr())) < 0
                || Stakeholders.sponsor(context.history().contacts(), context.asOf()).isPresent()) {
            return List.of();
        }
        String quarter = ReportingPeriod.Length.QUARTER.holding(context.asOf()).label();
        return List.of(new Signal("no-sponsor@" + quarter, "Secure an executive sponsor", Duration.ofDays(c.sponsorSlaDays()),
                "ARR " + arr.toDecimalString() + " " + arr.currency() + " and no engaged executive sponsor"));
    }
}
