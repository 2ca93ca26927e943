package io.tenure.vertical.haas;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;

/** Settings, accounts and fleets for the tests, built by hand. */
final class Fixtures {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    private Fixtures() {
    }

    static Haas haas(Map<String, Object> overrides) {
        return new Haas((Haas.Config) Proxy.newProxyInstance(Haas.Config.class.getClassLoader(),
                new Class<?>[] { Haas.Config.class }, (p, m, a) -> m.getName().equals("annotationType") ? Haas.Config.class
                        : overrides.getOrDefault(m.getName(), m.getDefaultValue())));
    }

    static Haas haas() {
        return haas(Map.of());
    }

    static Account account(String id, Vertical vertical) {
        return new Account(id, id.toUpperCase(), vertical, Optional.empty(), Optional.empty(), Optional.of("ana"),
                LocalDate.of(2024, 1, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty());
    }

    static AccountHistory history(String id, LocalDate asOf) {
        return new AccountHistory(account(id, Vertical.HAAS), asOf, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    static AccountHistory history(Account account, LocalDate asOf) {
        return new AccountHistory(account, asOf, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    static PlaybookContext context(String id, LocalDate asOf) {
        return PlaybookContext.of(history(id, asOf));
    }

    static Device device(String account, String id, LocalDate installed) {
        return new Device(account, id, "EG-500", Optional.of("SN-" + id), installed, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DeviceStatus.ACTIVE, Optional.empty());
    }

    static Device device(String account, String id, LocalDate installed, long costMajor) {
        return new Device(account, id, "EG-500", Optional.empty(), installed, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DeviceStatus.ACTIVE, Optional.of(Money.ofMinor(costMajor * 100, "USD")));
    }

    static Device retired(Device d, LocalDate on) {
        return new Device(d.accountId(), d.id(), d.model(), d.serial(), d.installedOn(), Optional.of(on), d.firmwareVersion(),
                d.firmwareReleasedOn(), d.firmwareInstalledOn(), DeviceStatus.RETIRED, d.unitCost());
    }

    static Device firmware(Device d, LocalDate released, LocalDate installed) {
        return new Device(d.accountId(), d.id(), d.model(), d.serial(), d.installedOn(), d.retiredOn(), Optional.of("4.2"),
                Optional.of(released), Optional.of(installed), d.status(), d.unitCost());
    }

    /** {@code days} full days of {@code device} ending the day before {@code end}, all up, no faults. */
    static List<DeviceDay> days(String account, String device, LocalDate end, int days) {
        List<DeviceDay> out = new ArrayList<>();
        for (int i = 1; i <= days; i++) {
            out.add(new DeviceDay(account, device, end.minusDays(i), DeviceDay.MINUTES, 0));
        }
        return out;
    }

    static ServiceEvent event(String account, String id, String device, ServiceKind kind, LocalDate opened, LocalDate resolved) {
        return new ServiceEvent(account, id, Optional.ofNullable(device), kind, opened, Optional.ofNullable(resolved),
                Optional.of("done"));
    }

    /** A fleet index that always answers {@code fleet}. */
    static FleetIndex index(Fleet fleet) {
        return new FleetIndex() {
            @Override
            public Fleet fleet() {
                return fleet;
            }
        };
    }

    static Fleet fleet(List<Device> devices, List<DeviceDay> days, List<ServiceEvent> events) {
        Fleet.Builder b = new Fleet.Builder();
        devices.forEach(b::device);
        days.forEach(b::day);
        events.forEach(b::event);
        return b.build();
    }
}
