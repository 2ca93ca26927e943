package io.tenure.vertical.haas;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
 * A shipment (logistics or replacement) open longer than 5 days (a setting): chase it and tell the customer within
 * 2 days (a setting). One episode per shipment.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Haas.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class LogisticsDelayTrigger implements PlaybookTrigger {
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public LogisticsDelayTrigger() {
    }

    LogisticsDelayTrigger(FleetIndex index, Haas haas) {
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas_logistics_delay";
    }

    @Override
    public String playbook() {
        return "logistics_delay";
    }

    @Override
    public String description() {
        return "shipment open more than " + haas.config().logisticsDelayDays() + " days: chase it and update the customer within "
                + haas.config().logisticsSlaDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Find where the shipment is with the carrier or warehouse", "Tell the customer the new delivery date",
                "Offer a loan unit if a device is down meanwhile");
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
        int limit = haas.config().logisticsDelayDays();
        List<Signal> signals = new ArrayList<>();
        for (ServiceEvent e : fleet.get().events()) {
            long open = ChronoUnit.DAYS.between(e.opened(), context.asOf());
            if (ServiceKind.SHIPMENTS.contains(e.kind()) && e.openOn(context.asOf()) && open > limit) {
                signals.add(new Signal("shipment-late:" + e.id(), "Chase the late " + io.tenure.api.data.Codes.code(e.kind())
                        .replace('_', ' ') + " shipment " + e.id(), Duration.ofDays(haas.config().logisticsSlaDays()),
                        io.tenure.api.data.Codes.code(e.kind()) + " " + e.id() + e.deviceId().map(d -> " for device " + d).orElse("")
                                + " opened " + e.opened() + ", still open after " + open + " days (late after " + limit + ")"));
            }
        }
        return signals;
    }
}
