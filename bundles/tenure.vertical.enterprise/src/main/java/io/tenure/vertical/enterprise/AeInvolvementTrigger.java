package io.tenure.vertical.enterprise;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.journey.Handoff;
import io.tenure.api.journey.HandoffKind;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * An enterprise account in its first 90 days after signature (a setting): keep the account executive who sold it
 * involved, named from the sales-to-CS handoff, through the kick-off and the 30/60/90-day check-ins.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Enterprise.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class AeInvolvementTrigger implements PlaybookTrigger {
    @Reference
    private Enterprise enterprise;

    public AeInvolvementTrigger() {
    }

    AeInvolvementTrigger(Enterprise enterprise) {
        this.enterprise = enterprise;
    }

    @Override
    public String name() {
        return "enterprise_ae_involvement";
    }

    @Override
    public String playbook() {
        return "ae_involvement";
    }

    @Override
    public String description() {
        return "enterprise account in its first " + enterprise.config().aeInvolvementDays()
                + " days: keep the account executive involved";
    }

    @Override
    public List<String> steps() {
        return List.of("Invite the account executive to the kick-off", "Review the sales promises together at day 30",
                "Hold a joint check-in at day 60", "Close the AE's involvement at day 90 with the customer");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        LocalDate signed = context.account().signedDate();
        int days = enterprise.config().aeInvolvementDays();
        if (!Stakeholders.enterprise(context.account()) || context.account().stage() == JourneyStage.CHURNED
                || signed.isAfter(context.asOf()) || !signed.plusDays(days).isAfter(context.asOf())) {
            return List.of();
        }
        Optional<String> ae = context.handoffs().stream().filter(h -> h.kind() == HandoffKind.SALES_TO_CS)
                .map(Handoff::fromOwner).flatMap(Optional::stream).reduce((a, b) -> b);
        return List.of(new Signal("ae@" + signed, ae.map(n -> "Keep " + n + " (the account executive) involved until "
                + signed.plusDays(days)).orElse("Find the account executive who sold it and keep them involved until "
                        + signed.plusDays(days)), Duration.ofDays(7), "signed on " + signed + ae.map(n -> "; sold by " + n)
                                .orElse("; no account executive on the sales-to-CS handoff")));
    }
}
