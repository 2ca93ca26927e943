package io.tenure.playbooks.triggers;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementType;
import io.tenure.playbooks.Settings;

/** A churned account 12 to 18 months after it left, without having come back: onto the re-engagement list. */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ReEngagement.PID)
@Designate(ocd = ReEngagement.Config.class)
public class ReEngagement extends Trigger {
    static final String PID = PID_PREFIX + "re_engagement";

    @ObjectClassDefinition(name = "Playbook trigger: re-engagement of churned accounts")
    public @interface Config {
        @AttributeDefinition(name = "From (months after churn)", min = "1", max = "18")
        int fromMonths() default 12;

        @AttributeDefinition(name = "To (months after churn)", min = "1", max = "18")
        int toMonths() default 18;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "180")
        int slaDays() default 30;
    }

    private volatile Config config;

    public ReEngagement() {
        super("re_engagement", "win_back");
    }

    public ReEngagement(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "fromMonths", c.fromMonths(), 1, 18);
        Settings.range(PID, "toMonths", c.toMonths(), c.fromMonths(), 18);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 180);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Check what changed at the account and in the product since they left",
                "Reach out to the former champion", "Offer a fresh start where it fits");
    }

    @Override
    public String description() {
        return "churned " + config.fromMonths() + "-" + config.toMonths() + " months ago: re-engage within " + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        LocalDate asOf = context.asOf();
        Optional<ArrMovement> last = context.movements().stream().filter(m -> m.date().isBefore(asOf)).reduce((a, b) -> b);
        if (last.isEmpty() || last.get().type() != MovementType.CHURN || !churned(context)) {
            return List.of(); // the latest movement must be the churn: nothing came back since
        }
        LocalDate left = last.get().date();
        if (left.isAfter(asOf.minusMonths(c.fromMonths())) || left.isBefore(asOf.minusMonths(c.toMonths()))) {
            return List.of();
        }
        return List.of(new Signal(last.get().id(), "Re-engage: the account left on " + left + "; what has changed since?",
                days(c.slaDays()), "churned " + last.get().amount().toDecimalString() + " " + last.get().amount().currency()
                        + " on " + left));
    }
}
