package io.tenure.vertical.haas;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.DemoContribution;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.Subscription;

/**
 * Adds a device fleet to every hardware-as-a-service account of the demo ({@code --demo}): devices, 90 days of daily
 * uptime and faults, and service events, derived from each account's stored ARR movements and usage by
 * {@link DemoFleets}. About 6 devices per account on average, so the default demo (2,500 accounts, a fifth of them
 * haas) adds well under 300K daily rows.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = DemoContribution.class)
public class HaasDemo implements DemoContribution {
    static final int SLICE = 50;

    @Override
    public String name() {
        return "haas fleets";
    }

    @Override
    public boolean present(DataStore store) throws DataException {
        try {
            return store.repository(Device.TYPE).count(Query.all()) > 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DataException("the store does not serve " + Device.TYPE.name() + " yet: " + e.getMessage());
        }
    }

    @Override
    public long contribute(DataStore store, List<Account> accounts, LocalDate asOf, long seed) throws DataException {
        List<Account> haas = accounts.stream().filter(Haas::serves).toList();
        long stored = 0;
        for (int from = 0; from < haas.size(); from += SLICE) {
            List<Device> devices = new ArrayList<>();
            List<DeviceDay> days = new ArrayList<>();
            List<ServiceEvent> events = new ArrayList<>();
            for (Account a : haas.subList(from, Math.min(haas.size(), from + SLICE))) {
                long seats = store.repository(Subscription.TYPE).ofAccount(a.id()).stream()
                        .mapToLong(s -> s.seats().orElse(0L)).sum();
                DemoFleets.Output out = DemoFleets.generate(a, store.repository(ArrMovement.TYPE).ofAccount(a.id()),
                        store.repository(UsageRollup.TYPE).ofAccount(a.id()), seats, asOf, seed);
                devices.addAll(out.devices());
                days.addAll(out.days());
                events.addAll(out.events());
            }
            stored += save(store, Device.TYPE, devices) + save(store, DeviceDay.TYPE, days) + save(store, ServiceEvent.TYPE, events);
        }
        return stored;
    }

    private static <T> long save(DataStore store, io.tenure.api.data.EntityType<T> type, List<T> records) throws DataException {
        return records.isEmpty() ? 0 : store.saveAll(type, records);
    }
}
