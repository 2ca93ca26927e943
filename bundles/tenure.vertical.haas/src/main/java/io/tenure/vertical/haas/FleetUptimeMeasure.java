package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Usage, hardware-as-a-service accounts only: the fleet's uptime over the 30 days (a setting) before the scored day,
 * minutes up ÷ minutes reported. At or above the target (99.5%) it scores 100, at or below the floor (95%) 0,
 * linearly in between. A fleet that is down is a customer that cannot use what it pays for.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class FleetUptimeMeasure implements HealthMeasure {
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public FleetUptimeMeasure() {
    }

    FleetUptimeMeasure(FleetIndex index, Haas haas) {
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas_fleet_uptime";
    }

    @Override
    public Dimension dimension() {
        return Dimension.USAGE;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (!Haas.serves(h.account())) {
            return Optional.empty();
        }
        Haas.Config c = haas.config();
        Optional<AccountFleet> fleet = index.fleet().of(h.account().id());
        Optional<Window> window = fleet.map(f -> f.window(h.asOf().minusDays(c.windowDays()), h.asOf()));
        Optional<BigDecimal> uptime = window.flatMap(Window::uptime);
        if (uptime.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal percent = uptime.get().movePointRight(2);
        double score = Scores.between(percent, c.uptimeFloorPercent(), c.uptimeTargetPercent());
        Window w = window.get();
        return Optional.of(new MeasureResult(score, "fleet uptime " + Window.percent(uptime.get(), 3) + "% over "
                + c.windowDays() + " days (target " + c.uptimeTargetPercent() + "%, floor " + c.uptimeFloorPercent() + "%): "
                + w.reportingDevices() + " devices, " + w.totals().days() + " device-days, " + w.totals().downMinutes()
                + " minutes down"));
    }
}
