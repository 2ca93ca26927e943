package io.tenure.playbooks.triggers;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.data.Codes;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.MovementType;
import io.tenure.playbooks.Postmortems;
import io.tenure.playbooks.Settings;

/**
 * Every churn or contraction gets a post-mortem: the engine files its record (ARR lost, churn type) and this trigger
 * asks the owner for the root cause and the product-feedback tags while the record lacks them.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ChurnPostmortem.PID)
@Designate(ocd = ChurnPostmortem.Config.class)
public class ChurnPostmortem extends Trigger {
    static final String PID = PID_PREFIX + "churn_postmortem";

    @ObjectClassDefinition(name = "Playbook trigger: churn post-mortem")
    public @interface Config {
        @AttributeDefinition(name = "Look back (days)", description = "Churn and contraction this recent get a task.", min = "1", max = "365")
        int lookbackDays() default 90;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 14;
    }

    private volatile Config config;

    public ChurnPostmortem() {
        super("churn_postmortem", "postmortem");
    }

    public ChurnPostmortem(Config config) {
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
        return List.of("Talk to the customer and to the team", "Write down the root cause", "Tag the product feedback");
    }

    @Override
    public String description() {
        return "churn or contraction: post-mortem with root cause and product feedback within " + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        List<Signal> out = new ArrayList<>();
        for (ArrMovement m : context.movements()) {
            if ((m.type() != MovementType.CHURN && m.type() != MovementType.CONTRACTION)
                    || !context.history().inLast(m.date(), c.lookbackDays())) {
                continue;
            }
            ChurnRecord record = Postmortems.recordOf(m, context.churnRecords()).orElse(null);
            if (record == null || record.rootCause().isEmpty()) {
                String recordId = record == null ? Postmortems.recordId(m) : record.id();
                out.add(new Signal(recordId, "Post-mortem: why did we lose " + m.amount().toDecimalString() + " "
                        + m.amount().currency() + "? Record the root cause and product feedback", days(c.slaDays()),
                        Codes.code(m.type()) + m.kind().map(k -> " (" + Codes.code(k) + ")").orElse("") + " on " + m.date()
                                + ", record " + recordId));
            }
        }
        return out;
    }
}
