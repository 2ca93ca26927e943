package io.tenure.playbooks.triggers;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.engagement.SurveyKind;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/** An NPS detractor (0-6) recently: recovery — acknowledge, root cause, remediation plan, follow-up. */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = NpsDetractor.PID)
@Designate(ocd = NpsDetractor.Config.class)
public class NpsDetractor extends Trigger {
    static final String PID = PID_PREFIX + "nps_detractor";

    @ObjectClassDefinition(name = "Playbook trigger: NPS detractor")
    public @interface Config {
        @AttributeDefinition(name = "Highest detractor score", description = "NPS answers at or below this fire.", min = "0", max = "9")
        int maxScore() default 6;

        @AttributeDefinition(name = "Look back (days)", min = "1", max = "365")
        int lookbackDays() default 30;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 5;
    }

    private volatile Config config;

    public NpsDetractor() {
        super("nps_detractor", "detractor_recovery");
    }

    public NpsDetractor(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "maxScore", c.maxScore(), 0, 9);
        Settings.range(PID, "lookbackDays", c.lookbackDays(), 1, 365);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Acknowledge the feedback", "Find the root cause", "Agree a remediation plan",
                "Follow up when it is done");
    }

    @Override
    public String description() {
        return "NPS " + config.maxScore() + " or lower: acknowledge, root cause, remediation plan, follow-up within "
                + config.slaDays() + " days";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        List<Signal> out = new ArrayList<>();
        for (SurveyResponse s : context.history().surveys()) {
            if (s.kind() == SurveyKind.NPS && s.score() <= c.maxScore() && context.history().inLast(s.date(), c.lookbackDays())) {
                out.add(new Signal(s.id(), "Recover a detractor: acknowledge, find the root cause, agree a remediation plan, "
                        + "follow up", days(c.slaDays()), "NPS " + s.score() + " on " + s.date() + s.comment().map(t -> ": " + t).orElse("")));
            }
        }
        return out;
    }
}
