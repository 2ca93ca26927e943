package io.tenure.playbooks.triggers;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/** Usage down 20% or more over the last 30 days against the 30 before: a CSM conversation within 48 hours. */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = UsageDecline.PID)
@Designate(ocd = UsageDecline.Config.class)
public class UsageDecline extends Trigger {
    static final String PID = PID_PREFIX + "usage_decline";

    @ObjectClassDefinition(name = "Playbook trigger: usage decline", description = "Events of the last window against the window before.")
    public @interface Config {
        @AttributeDefinition(name = "Drop (%)", description = "Fires when events fell by at least this much.", min = "1", max = "99")
        int dropPercent() default 20;

        @AttributeDefinition(name = "Window (days)", description = "Length of each of the two windows compared.", min = "7", max = "30")
        int windowDays() default 30;

        @AttributeDefinition(name = "SLA (hours)", min = "1", max = "720")
        int slaHours() default 48;
    }

    private volatile Config config;

    public UsageDecline() {
        super("usage_decline", "usage_recovery");
    }

    public UsageDecline(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "dropPercent", c.dropPercent(), 1, 99);
        Settings.range(PID, "windowDays", c.windowDays(), 7, 30);
        Settings.range(PID, "slaHours", c.slaHours(), 1, 720);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Look at which features and users dropped", "Call the champion",
                "Agree a recovery plan with dates", "Check usage again in 14 days");
    }

    @Override
    public String description() {
        Config c = config;
        return "usage down " + c.dropPercent() + "% or more over " + c.windowDays() + " days: CSM conversation within "
                + c.slaHours() + " hours";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        AccountHistory h = context.history();
        int w = c.windowDays();
        long recent = h.events(w, 0);
        long earlier = h.events(2 * w, w);
        // fires at exactly the threshold: recent <= earlier * (1 - drop)
        if (earlier == 0 || recent * 100 > earlier * (100 - c.dropPercent())) {
            return List.of();
        }
        long drop = Math.round(100.0 * (earlier - recent) / earlier);
        // one episode per calendar month: a decline that lasts is not re-raised every day
        return List.of(new Signal(month(h.asOf()), "Talk to the customer: usage fell " + drop + "% in " + w + " days",
                hours(c.slaHours()), "events " + earlier + " -> " + recent + " (" + w + " days before " + h.asOf() + ")"));
    }
}
