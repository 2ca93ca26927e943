package io.tenure.vertical.enterprise;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/**
 * A paying enterprise account without a QBR in the last 90 days (a setting): schedule one, with its agenda as the
 * task's steps. Accounts still onboarding are left alone until their first quarter is over.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Enterprise.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class QbrCadenceTrigger implements PlaybookTrigger {
    static final List<String> AGENDA = List.of("Value delivered against the customer's goals", "Usage, adoption and health",
            "Open issues and their owners", "Roadmap items that matter to them", "Success plan for the next quarter");

    @Reference
    private Enterprise enterprise;

    public QbrCadenceTrigger() {
    }

    QbrCadenceTrigger(Enterprise enterprise) {
        this.enterprise = enterprise;
    }

    @Override
    public String name() {
        return "enterprise_qbr_cadence";
    }

    @Override
    public String playbook() {
        return "qbr";
    }

    @Override
    public String description() {
        return "enterprise account without a QBR for " + enterprise.config().qbrCadenceDays() + " days: hold one within "
                + enterprise.config().qbrSlaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return AGENDA;
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Enterprise.Config c = enterprise.config();
        if (!Stakeholders.enterprise(context.account()) || context.history().arr().isEmpty()
                || context.account().stage() == JourneyStage.CHURNED
                || context.account().signedDate().isAfter(context.asOf().minusDays(c.qbrCadenceDays()))) {
            return List.of();
        }
        Optional<LocalDate> last = Stakeholders.lastQbr(context.history());
        if (last.filter(d -> d.isAfter(context.asOf().minusDays(c.qbrCadenceDays() + 1L))).isPresent()) {
            return List.of();
        }
        LocalDate since = last.orElse(context.account().signedDate());
        return List.of(new Signal("qbr-due@" + since, "Hold the quarterly business review", Duration.ofDays(c.qbrSlaDays()),
                last.map(d -> "last QBR on " + d).orElse("no QBR since signature on " + since)));
    }
}
