package io.tenure.vertical.haas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every account's fleet at one moment: an immutable snapshot the measures, triggers, metric and page share. */
final class Fleet {
    static final Fleet EMPTY = new Builder().build();

    private final Map<String, AccountFleet> byAccount;

    private Fleet(Map<String, AccountFleet> byAccount) {
        this.byAccount = byAccount;
    }

    Optional<AccountFleet> of(String accountId) {
        return Optional.ofNullable(byAccount.get(accountId));
    }

    /** The fleets, by account id. */
    Collection<AccountFleet> all() {
        return byAccount.values();
    }

    int accounts() {
        return byAccount.size();
    }

    /** Collects devices, days and events in any order. */
    static final class Builder {
        private final Map<String, List<Device>> devices = new HashMap<>();
        private final Map<String, Map<String, DaySeries.Builder>> days = new HashMap<>();
        private final Map<String, List<ServiceEvent>> events = new HashMap<>();

        Builder device(Device d) {
            devices.computeIfAbsent(d.accountId(), k -> new ArrayList<>()).add(d);
            return this;
        }

        Builder day(DeviceDay d) {
            days.computeIfAbsent(d.accountId(), k -> new HashMap<>()).computeIfAbsent(d.deviceId(), k -> new DaySeries.Builder())
                    .add(d);
            return this;
        }

        Builder event(ServiceEvent e) {
            events.computeIfAbsent(e.accountId(), k -> new ArrayList<>()).add(e);
            return this;
        }

        Fleet build() {
            Map<String, AccountFleet> out = new TreeMap<>();
            for (String account : devices.keySet()) {
                Map<String, DaySeries> series = new HashMap<>();
                days.getOrDefault(account, Map.of()).forEach((device, b) -> series.put(device, b.build()));
                out.put(account, new AccountFleet(account, devices.get(account), series,
                        events.getOrDefault(account, List.of())));
            }
            return new Fleet(out);
        }
    }
}
