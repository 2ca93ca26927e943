package io.tenure.vertical.haas;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Usage, hardware-as-a-service accounts only: the share of the fleet on current firmware. A device runs outdated
 * firmware when its firmware was released more than 180 days (a setting) before the scored day; the score is 100 ×
 * (1 − outdated ÷ devices with a known firmware). A device whose firmware was installed on or after the scored day
 * is left out: what it ran before is not recorded. Old firmware means known faults not fixed and features not used.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class FirmwareAgeMeasure implements HealthMeasure {
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public FirmwareAgeMeasure() {
    }

    FirmwareAgeMeasure(FleetIndex index, Haas haas) {
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas_firmware_age";
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
        int limit = haas.config().firmwareAgeLimitDays();
        Optional<AccountFleet> fleet = index.fleet().of(h.account().id());
        if (fleet.isEmpty()) {
            return Optional.empty();
        }
        int known = 0;
        int outdated = 0;
        LocalDate oldest = null;
        for (Device d : fleet.get().inFleetOn(h.asOf().minusDays(1))) {
            if (d.firmwareReleasedOn().isEmpty() || d.firmwareInstalledOn().filter(i -> !i.isBefore(h.asOf())).isPresent()
                    || d.firmwareReleasedOn().get().isAfter(h.asOf().minusDays(1))) {
                continue;
            }
            known++;
            LocalDate released = d.firmwareReleasedOn().get();
            if (ChronoUnit.DAYS.between(released, h.asOf()) > limit) {
                outdated++;
                oldest = oldest == null || released.isBefore(oldest) ? released : oldest;
            }
        }
        if (known == 0) {
            return Optional.empty();
        }
        double score = 100.0 * (known - outdated) / known;
        return Optional.of(new MeasureResult(score, outdated + " of " + known + " devices run firmware released more than "
                + limit + " days ago" + (oldest == null ? "" : " (oldest released " + oldest + ")")));
    }
}
