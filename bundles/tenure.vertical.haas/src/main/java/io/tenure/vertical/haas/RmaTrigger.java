package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * A failing device: at least 3 faults (a setting) over the 30 days (a setting) before the day, or uptime below 90% (a
 * setting) over at least 7 reported days of that window: raise an RMA and ship a replacement within 2 days (a
 * setting). One signal per device; the episode is the device since its last resolved RMA or replacement (or its
 * installation), and only days since then count, so a replaced device starts afresh. A device with an RMA or
 * replacement already open is left alone.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Haas.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class RmaTrigger implements PlaybookTrigger {
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public RmaTrigger() {
    }

    RmaTrigger(FleetIndex index, Haas haas) {
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas_rma";
    }

    @Override
    public String playbook() {
        return "rma_replacement";
    }

    @Override
    public String description() {
        Haas.Config c = haas.config();
        return "device with " + c.rmaFaults() + "+ faults or uptime below " + c.rmaUptimePercent() + "% over "
                + c.rmaWindowDays() + " days: RMA and replacement within " + c.rmaSlaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Confirm the fault pattern with the customer's site contact", "Raise the RMA and ship a replacement",
                "Schedule the swap (field visit or self-install)", "Confirm the replacement reports healthy for a week");
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        if (!Haas.serves(context.account()) || context.account().stage() == JourneyStage.CHURNED) {
            return List.of();
        }
        Optional<AccountFleet> fleet = index.fleet().of(context.account().id());
        if (fleet.isEmpty()) {
            return List.of();
        }
        List<Signal> signals = new ArrayList<>();
        for (Failing f : failing(fleet.get(), context.asOf(), haas.config())) {
            signals.add(new Signal("rma:" + f.device().id() + "@" + f.since(), "Replace device " + f.device().id() + " (RMA)",
                    Duration.ofDays(haas.config().rmaSlaDays()), f.evidence()));
        }
        return signals;
    }

    /** A device that needs replacing, with what shows it. */
    record Failing(Device device, LocalDate since, DaySeries.Totals totals, String evidence) {
    }

    /** The devices of {@code fleet} that need an RMA as of {@code asOf}; shared with the fleet page. */
    static List<Failing> failing(AccountFleet fleet, LocalDate asOf, Haas.Config c) {
        List<Failing> out = new ArrayList<>();
        BigDecimal floor = BigDecimal.valueOf(c.rmaUptimePercent()).movePointLeft(2);
        for (Device d : fleet.inFleetOn(asOf.minusDays(1))) {
            if (fleet.renewalOpen(d.id(), asOf)) {
                continue;
            }
            LocalDate since = fleet.lastRenewal(d.id(), asOf).orElse(d.installedOn());
            LocalDate windowStart = asOf.minusDays(c.rmaWindowDays());
            LocalDate from = since.isAfter(windowStart) ? since : windowStart;
            DaySeries.Totals t = fleet.totals(d.id(), from, asOf);
            Optional<BigDecimal> uptime = Window.uptime(t);
            boolean faults = t.faults() >= c.rmaFaults();
            boolean down = t.days() >= c.rmaMinDays() && uptime.filter(u -> u.compareTo(floor) < 0).isPresent();
            if (faults || down) {
                out.add(new Failing(d, since, t, "device " + d.id() + " (" + d.model() + d.serial().map(s -> ", serial " + s).orElse("")
                        + "): " + t.faults() + " faults and " + uptime.map(u -> Window.percent(u, 2) + "% uptime").orElse("no uptime")
                        + " over " + t.days() + " days reported since " + from + " (RMA at " + c.rmaFaults() + " faults or uptime below "
                        + c.rmaUptimePercent() + "%)"));
            }
        }
        return out;
    }
}
