package io.tenure.vertical.plg;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;

/**
 * What the PLG metric and page read from the store for a period {@code [from, to)} as of a day: the PLG workspaces,
 * their contracts, their {@code new} movements before the day, their expansions in the period, and the usage the
 * funnel needs (each trial's days, and the signal look-back before the day). Nothing dated on or after the day.
 *
 * @param accounts the PLG workspaces by id, in id order
 * @param subscriptions their contracts by account
 * @param newMovements their {@code new} movements by account
 * @param expansions their expansion movements dated in the period
 * @param usage the usage rows the funnel looks at, by account
 */
record PlgBook(Map<String, Account> accounts, Map<String, List<Subscription>> subscriptions,
        Map<String, List<ArrMovement>> newMovements, List<ArrMovement> expansions, Map<String, List<UsageRollup>> usage) {

    /** A day range {@code [from, to)}. */
    private record Range(LocalDate from, LocalDate to) {
        boolean holds(LocalDate day) {
            return !day.isBefore(from) && day.isBefore(to);
        }
    }

    static PlgBook read(DataStore store, Plg.Config c, LocalDate from, LocalDate to, LocalDate asOf) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        store.repository(Account.TYPE).forEach(Query.all().where("vertical", Vertical.PLG.code()), a -> accounts.put(a.id(), a));
        Map<String, List<Subscription>> subscriptions = new HashMap<>();
        store.repository(Subscription.TYPE).scan(Query.all(), s -> {
            if (accounts.containsKey(s.accountId())) {
                subscriptions.computeIfAbsent(s.accountId(), k -> new ArrayList<>()).add(s);
            }
        });
        Map<String, List<ArrMovement>> news = new HashMap<>();
        store.repository(ArrMovement.TYPE).scan(Query.all().where("type", "new").before("date", asOf.toString()), m -> {
            if (accounts.containsKey(m.accountId())) {
                news.computeIfAbsent(m.accountId(), k -> new ArrayList<>()).add(m);
            }
        });
        List<ArrMovement> expansions = new ArrayList<>();
        LocalDate end = Workspaces.min(to, asOf);
        if (from.isBefore(end)) {
            store.repository(ArrMovement.TYPE).scan(Query.all().where("type", "expansion").since("date", from.toString())
                    .before("date", end.toString()), m -> {
                        if (accounts.containsKey(m.accountId()) && m.type() == MovementType.EXPANSION) {
                            expansions.add(m);
                        }
                    });
        }
        return new PlgBook(accounts, subscriptions, news, expansions, usage(store, c, subscriptions, from, to, asOf));
    }

    private static Map<String, List<UsageRollup>> usage(DataStore store, Plg.Config c, Map<String, List<Subscription>> subs,
            LocalDate from, LocalDate to, LocalDate asOf) {
        Map<String, List<Range>> ranges = new HashMap<>();
        LocalDate earliest = asOf.minusDays(c.signalLookbackDays());
        for (Map.Entry<String, List<Subscription>> e : subs.entrySet()) {
            for (Subscription s : e.getValue()) {
                if (Workspaces.isTrial(s) && !s.start().isBefore(from) && s.start().isBefore(Workspaces.min(to, asOf))) {
                    LocalDate last = Workspaces.min(asOf, Workspaces.max(Workspaces.trialEnd(s, c.trialLengthDays()),
                            s.start().plusDays(c.activationWindowDays())));
                    ranges.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Range(s.start(), last));
                    earliest = Workspaces.min(earliest, s.start());
                }
            }
            ranges.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Range(asOf.minusDays(c.signalLookbackDays()), asOf));
        }
        Map<String, List<UsageRollup>> usage = new HashMap<>();
        store.repository(UsageRollup.TYPE).scan(Query.all().since("date", earliest.toString()).before("date", asOf.toString()),
                u -> {
                    List<Range> wanted = ranges.get(u.accountId());
                    if (wanted != null && wanted.stream().anyMatch(r -> r.holds(u.date()))) {
                        usage.computeIfAbsent(u.accountId(), k -> new ArrayList<>()).add(u);
                    }
                });
        return usage;
    }

    List<Subscription> subscriptionsOf(String accountId) {
        return subscriptions.getOrDefault(accountId, List.of());
    }

    List<ArrMovement> newMovementsOf(String accountId) {
        return newMovements.getOrDefault(accountId, List.of());
    }

    List<UsageRollup> usageOf(String accountId) {
        return usage.getOrDefault(accountId, List.of());
    }
}
