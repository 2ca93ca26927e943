package io.tenure.vertical.haas;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.money.Money;

/**
 * One account's fleet as the store holds it: its devices (by id), their daily rollups and its service events
 * (oldest first). Everything dated is read "as of" a day by the callers, so a past day can be scored.
 */
final class AccountFleet {
    private static final DaySeries EMPTY = new DaySeries.Builder().build();

    private final String accountId;
    private final List<Device> devices;
    private final Map<String, DaySeries> days;
    private final List<ServiceEvent> events;

    AccountFleet(String accountId, List<Device> devices, Map<String, DaySeries> days, List<ServiceEvent> events) {
        this.accountId = accountId;
        this.devices = devices.stream().sorted(Comparator.comparing(Device::id)).toList();
        this.days = Map.copyOf(days);
        this.events = events.stream().sorted(Comparator.comparing(ServiceEvent::opened).thenComparing(ServiceEvent::id)).toList();
    }

    String accountId() {
        return accountId;
    }

    List<Device> devices() {
        return devices;
    }

    List<ServiceEvent> events() {
        return events;
    }

    /** The devices in the fleet on {@code day}. */
    List<Device> inFleetOn(LocalDate day) {
        return devices.stream().filter(d -> d.inFleetOn(day)).toList();
    }

    /** One device's days in [from, to). */
    DaySeries.Totals totals(String deviceId, LocalDate from, LocalDate to) {
        return days.getOrDefault(deviceId, EMPTY).totals(from, to);
    }

    /** Every device's days in [from, to), summed, with the number of devices that reported. */
    Window window(LocalDate from, LocalDate to) {
        DaySeries.Totals sum = DaySeries.Totals.NONE;
        int reporting = 0;
        for (Map.Entry<String, DaySeries> e : days.entrySet()) {
            DaySeries.Totals t = e.getValue().totals(from, to);
            if (t.days() > 0) {
                reporting++;
                sum = sum.plus(t);
            }
        }
        return new Window(from, to, reporting, sum);
    }

    /** The yearly marginal cost of the fleet on {@code day} in {@code currency}; devices in another currency are left out. */
    Money cost(LocalDate day, Money defaultUnitCost) {
        Money total = Money.zero(defaultUnitCost.currency());
        for (Device d : devices) {
            if (d.inFleetOn(day)) {
                Money unit = d.unitCost().orElse(defaultUnitCost);
                if (unit.currency().equals(total.currency())) {
                    total = total.plus(unit);
                }
            }
        }
        return total;
    }

    /** The latest day a replacement or RMA of {@code deviceId} was resolved before {@code asOf}, if ever. */
    Optional<LocalDate> lastRenewal(String deviceId, LocalDate asOf) {
        return events.stream().filter(e -> ServiceKind.RENEWALS.contains(e.kind()) && e.deviceId().filter(deviceId::equals).isPresent())
                .map(ServiceEvent::resolved).flatMap(Optional::stream).filter(r -> r.isBefore(asOf)).max(Comparator.naturalOrder());
    }

    /** Whether an RMA or replacement of {@code deviceId} is open on {@code asOf}. */
    boolean renewalOpen(String deviceId, LocalDate asOf) {
        return events.stream().anyMatch(e -> ServiceKind.RENEWALS.contains(e.kind())
                && e.deviceId().filter(deviceId::equals).isPresent() && e.openOn(asOf));
    }
}
