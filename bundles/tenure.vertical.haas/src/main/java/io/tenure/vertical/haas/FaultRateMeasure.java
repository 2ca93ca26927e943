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
 * Usage, hardware-as-a-service accounts only: faults per device per 30 days (faults × 30 ÷ device-days) over the
 * window before the scored day. At or below 0.5 (a setting) it scores 100, at or above 3 (a setting) 0, linearly in
 * between.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class FaultRateMeasure implements HealthMeasure {
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public FaultRateMeasure() {
    }

    FaultRateMeasure(FleetIndex index, Haas haas) {
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas_fault_rate";
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
        Optional<Window> window = index.fleet().of(h.account().id())
                .map(f -> f.window(h.asOf().minusDays(c.windowDays()), h.asOf()));
        Optional<BigDecimal> rate = window.flatMap(Window::faultsPerDevicePer30Days);
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        double score = Scores.falling(rate.get(), c.faultRateGood(), c.faultRateBad());
        return Optional.of(new MeasureResult(score, rate.get().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()
                + " faults per device per 30 days (" + window.get().totals().faults() + " faults over "
                + window.get().totals().days() + " device-days; full marks up to " + c.faultRateGood() + ", 0 from "
                + c.faultRateBad() + ")"));
    }
}
