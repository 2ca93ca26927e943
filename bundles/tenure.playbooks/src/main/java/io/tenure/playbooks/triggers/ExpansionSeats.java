package io.tenure.playbooks.triggers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/**
 * Seats nearly all in use (80% or more active on a day of the last 28) or over-licensed: a natural-fit conversation
 * about more seats. The expansion in reach is the ARR of the users over the licence, or of the headroom to add.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ExpansionSeats.PID)
@Designate(ocd = ExpansionSeats.Config.class)
public class ExpansionSeats extends Trigger {
    static final String PID = PID_PREFIX + "expansion_seats";

    @ObjectClassDefinition(name = "Playbook trigger: seats nearly full")
    public @interface Config {
        @AttributeDefinition(name = "Seats in use (%)", min = "1", max = "200")
        int usedPercent() default 80;

        @AttributeDefinition(name = "Headroom to offer (% of seats)", description = "Extra seats the conversation aims at when the account is not over its licence.", min = "1", max = "200")
        int headroomPercent() default 20;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 14;
    }

    private volatile Config config;

    public ExpansionSeats() {
        super("expansion_seats", "expansion");
    }

    public ExpansionSeats(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        Settings.range(PID, "usedPercent", c.usedPercent(), 1, 200);
        Settings.range(PID, "headroomPercent", c.headroomPercent(), 1, 200);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Confirm the need with the customer", "Size the extra seats",
                "Above the threshold, hand to sales with the context");
    }

    @Override
    public String description() {
        return "seats " + config.usedPercent() + "% used or over-licensed: natural-fit conversation within " + config.slaDays()
                + " days; above the hand-off threshold, to sales";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        AccountHistory h = context.history();
        long seats = h.licensedSeats();
        long active = h.activeUsers(28);
        if (seats <= 0 || active * 100 < seats * c.usedPercent() || churned(context)) {
            return List.of();
        }
        long extra = Math.max(active - seats, (seats * c.headroomPercent() + 99) / 100);
        Optional<Money> value = h.arr().map(a -> a.times(BigDecimal.valueOf(extra).divide(BigDecimal.valueOf(seats),
                10, java.math.RoundingMode.HALF_UP)));
        String state = active > seats ? "over-licensed: " + active + " users on " + seats + " seats"
                : active + " of " + seats + " seats in use";
        return List.of(new Signal(quarter(h.asOf()), "Expansion: talk about " + extra + " more seats", days(c.slaDays()),
                state + " in the last 28 days", value));
    }
}
