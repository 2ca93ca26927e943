package io.tenure.vertical.haas;

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
 * A field visit was resolved: follow up with the customer within 3 days (a setting) to confirm the fix held. Fires
 * from the day after the resolution to the last day of the follow-up window, one episode per visit.
 */
@Component(service = PlaybookTrigger.class, property = "tenure.settings.pid=" + Haas.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public class FieldServiceFollowUpTrigger implements PlaybookTrigger {
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public FieldServiceFollowUpTrigger() {
    }

    FieldServiceFollowUpTrigger(FleetIndex index, Haas haas) {
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas_field_service_follow_up";
    }

    @Override
    public String playbook() {
        return "field_service_follow_up";
    }

    @Override
    public String description() {
        return "field visit resolved: follow up with the customer within " + haas.config().followUpDays() + " days";
    }

    @Override
    public List<String> steps() {
        return List.of("Call the site contact: is the device working as expected?",
                "Check the device's uptime and faults since the visit", "Record the outcome; raise an RMA if the fault is back");
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
        int days = haas.config().followUpDays();
        LocalDate asOf = context.asOf();
        List<Signal> signals = new ArrayList<>();
        for (ServiceEvent e : fleet.get().events()) {
            if (e.kind() != ServiceKind.FIELD_SERVICE || e.resolved().isEmpty()) {
                continue;
            }
            LocalDate resolved = e.resolved().get();
            if (resolved.isBefore(asOf) && !asOf.isAfter(resolved.plusDays(days))) {
                signals.add(new Signal("follow-up:" + e.id(), "Follow up on the field visit" + e.deviceId().map(d -> " to device " + d)
                        .orElse(""), Duration.ofDays(days), "field visit " + e.id() + " opened " + e.opened() + ", resolved "
                                + resolved + e.outcome().map(o -> ": " + o).orElse("")));
            }
        }
        return signals;
    }
}
