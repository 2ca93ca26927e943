package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/**
 * Sentiment, hardware-as-a-service accounts only: the field-service and logistics burden the customer lives with.
 * Burden = service events open at the start of the scored day (field visits, shipments, RMAs, replacements; not
 * firmware updates) + repeat visits (a field visit to a device visited in the 30 days before it, a setting) opened in
 * the window, per 100 devices in the fleet. No burden scores 100; 20 per 100 devices (a setting) or more scores 0;
 * linear in between.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = HealthMeasure.class)
public class ServiceBurdenMeasure implements HealthMeasure {
    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;

    public ServiceBurdenMeasure() {
    }

    ServiceBurdenMeasure(FleetIndex index, Haas haas) {
        this.index = index;
        this.haas = haas;
    }

    @Override
    public String name() {
        return "haas_service_burden";
    }

    @Override
    public Dimension dimension() {
        return Dimension.SENTIMENT;
    }

    @Override
    public Optional<MeasureResult> score(AccountHistory h) {
        if (!Haas.serves(h.account())) {
            return Optional.empty();
        }
        Optional<AccountFleet> fleet = index.fleet().of(h.account().id());
        int devices = fleet.map(f -> f.inFleetOn(h.asOf().minusDays(1)).size()).orElse(0);
        if (devices == 0) {
            return Optional.empty();
        }
        Haas.Config c = haas.config();
        List<ServiceEvent> events = fleet.get().events();
        long open = events.stream().filter(e -> ServiceKind.BURDEN.contains(e.kind()) && e.openOn(h.asOf())).count();
        long repeats = repeatVisits(events, h.asOf().minusDays(c.windowDays()), h.asOf(), c.repeatVisitDays());
        BigDecimal per100 = BigDecimal.valueOf((open + repeats) * 100).divide(BigDecimal.valueOf(devices), MathContext.DECIMAL64);
        double score = Scores.falling(per100, 0, c.serviceBurdenForZero());
        return Optional.of(new MeasureResult(score, open + " open service events and " + repeats + " repeat visits in "
                + c.windowDays() + " days on " + devices + " devices (" + per100.setScale(1, java.math.RoundingMode.HALF_EVEN)
                        .toPlainString() + " per 100 devices; 0 from " + c.serviceBurdenForZero() + ")"));
    }

    /** Field visits opened in [from, to) to a device that had another field visit opened in the {@code days} before. */
    static long repeatVisits(List<ServiceEvent> events, LocalDate from, LocalDate to, int days) {
        long repeats = 0;
        for (ServiceEvent e : events) {
            if (e.kind() != ServiceKind.FIELD_SERVICE || e.deviceId().isEmpty() || e.opened().isBefore(from)
                    || !e.opened().isBefore(to)) {
                continue;
            }
            boolean repeat = events.stream().anyMatch(p -> p != e && p.kind() == ServiceKind.FIELD_SERVICE
                    && p.deviceId().equals(e.deviceId()) && !p.opened().isAfter(e.opened())
                    && !p.opened().isBefore(e.opened().minusDays(days)) && (p.opened().isBefore(e.opened())
                            || p.id().compareTo(e.id()) < 0));
            if (repeat) {
                repeats++;
            }
        }
        return repeats;
    }
}
