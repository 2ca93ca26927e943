package io.tenure.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.forecast.ForecastOverride;
import io.tenure.api.health.HealthScore;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/**
 * What a forecast reads, loaded once per answer: the subscriptions, the ARR ledger per account, the overrides and the
 * latest health score of every account as of the days asked for.
 * <p>
 * The renewals of a subscription are its next renewal date and, counting back from it a contract term at a time, the
 * earlier ones after its start (a subscription without a next renewal date that ended: its anniversaries before
 * today). The ARR at stake at a renewal is the ledger's: the movements that name the subscription if any does, else
 * the account's movements when it is the account's only subscription; otherwise (several subscriptions, movements
 * naming none) the contract's ARR.
 */
final class RenewalBook {
    private final List<Subscription> subscriptions;
    private final Map<String, List<ArrMovement>> ledger;
    private final Map<String, Integer> subscriptionsPerAccount;
    private final Set<String> named;
    private final Map<String, ForecastOverride> overrides;
    private final Map<LocalDate, Map<String, HealthScore>> health;
    private final int termMonths;

    private RenewalBook(List<Subscription> subscriptions, Map<String, List<ArrMovement>> ledger,
            Map<String, ForecastOverride> overrides, Map<LocalDate, Map<String, HealthScore>> health, int termMonths) {
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.overrides = overrides;
        this.health = health;
        this.termMonths = termMonths;
        this.subscriptionsPerAccount = new HashMap<>();
        subscriptions.forEach(s -> subscriptionsPerAccount.merge(s.accountId(), 1, Integer::sum));
        this.named = new HashSet<>();
        ledger.values().forEach(list -> list.forEach(m -> m.subscriptionId().ifPresent(id -> named.add(key(m.accountId(), id)))));
    }

    /** Reads the store, with each account's latest health score dated on or before each of {@code healthDays}. */
    static RenewalBook load(DataStore store, Collection<LocalDate> healthDays, int termMonths) {
        List<Subscription> subscriptions = new ArrayList<>();
        store.repository(Subscription.TYPE).forEach(Query.all(), subscriptions::add);
        Map<String, List<ArrMovement>> ledger = new HashMap<>();
        store.repository(ArrMovement.TYPE).scan(Query.all(),
                m -> ledger.computeIfAbsent(m.accountId(), a -> new ArrayList<>()).add(m));
        ledger.values().forEach(list -> list.sort(Comparator.comparing(ArrMovement::date).thenComparing(ArrMovement::id)));
        Map<String, ForecastOverride> overrides = new HashMap<>();
        store.repository(ForecastOverride.TYPE).forEach(Query.all(),
                o -> overrides.put(key(o.accountId(), o.subscriptionId(), o.renewalDate()), o));
        TreeSet<LocalDate> days = new TreeSet<>(healthDays);
        Map<LocalDate, Map<String, HealthScore>> health = new HashMap<>();
        days.forEach(d -> health.put(d, new HashMap<>()));
        if (!days.isEmpty()) {
            store.repository(HealthScore.TYPE).scan(Query.all(), h -> {
                for (LocalDate day : days.tailSet(h.date(), true)) {
                    health.get(day).merge(h.accountId(), h, (a, b) -> a.date().isAfter(b.date()) ? a : b);
                }
            });
        }
        return new RenewalBook(subscriptions, ledger, overrides, health, termMonths);
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Each account's latest health score dated on or before {@code day}, one of the days the book was loaded for. */
    Map<String, HealthScore> healthAsOf(LocalDate day) {
        Map<String, HealthScore> scores = health.get(day);
        if (scores == null) {
            throw new IllegalStateException("health as of " + day + " was not loaded");
        }
        return scores;
    }

    /** The renewal dates of {@code s} in {@code [from, to)}, oldest first. */
    List<LocalDate> renewalDates(Subscription s, LocalDate from, LocalDate to, LocalDate today) {
        return renewalDates(s, from, to, today, termMonths);
    }

    /** The renewal dates of {@code s} in {@code [from, to)} with contracts of {@code termMonths}, oldest first. */
    static List<LocalDate> renewalDates(Subscription s, LocalDate from, LocalDate to, LocalDate today, int termMonths) {
        List<LocalDate> dates = new ArrayList<>();
        if (s.status() == SubscriptionStatus.TRIAL) {
            return dates;
        }
        if (s.renewal().isPresent()) {
            LocalDate next = s.renewal().get();
            boolean monthEnd = next.getDayOfMonth() == next.lengthOfMonth();
            for (int k = 1;; k++) {
                LocalDate d = next.minusMonths((long) k * termMonths);
                // A contract renewing at a month's end renewed at the end of earlier months too (Feb 28 after Aug 31).
                d = monthEnd ? d.withDayOfMonth(d.lengthOfMonth()) : d;
                if (!d.isAfter(s.start()) || d.isBefore(from)) {
                    break;
                }
                if (d.isBefore(to)) {
                    dates.add(0, d);
                }
            }
            // A cancelled or expired contract does not renew on a date still to come.
            boolean renews = s.status() == SubscriptionStatus.ACTIVE || next.isBefore(today);
            if (renews && !next.isBefore(from) && next.isBefore(to)) {
                dates.add(next);
            }
        } else if (s.status() != SubscriptionStatus.ACTIVE) {
            for (int k = 1;; k++) {
                LocalDate d = s.start().plusMonths((long) k * termMonths);
                if (!d.isBefore(to) || !d.isBefore(today)) {
                    break;
                }
                if (!d.isBefore(from)) {
                    dates.add(d);
                }
            }
        }
        return dates;
    }

    /** The ARR of {@code s} at the end of {@code day}, in the contract's currency. */
    Money arrAt(Subscription s, LocalDate day) {
        Optional<List<ArrMovement>> movements = ledgerOf(s);
        if (movements.isEmpty()) {
            return s.arr();
        }
        long minor = 0;
        for (ArrMovement m : movements.get()) {
            if (m.date().isAfter(day)) {
                break;
            }
            if (m.amount().currency().equals(s.arr().currency())) {
                minor += m.signedAmount().minorUnits();
            }
        }
        return new Money(minor, s.arr().currency());
    }

    /** The movements that make up the ARR of {@code s}; empty when its contract ARR stands instead. */
    private Optional<List<ArrMovement>> ledgerOf(Subscription s) {
        List<ArrMovement> all = ledger.getOrDefault(s.accountId(), List.of());
        if (named.contains(key(s.accountId(), s.id()))) {
            return Optional.of(all.stream().filter(m -> m.subscriptionId().filter(s.id()::equals).isPresent()).toList());
        }
        if (subscriptionsPerAccount.getOrDefault(s.accountId(), 0) == 1 && !all.isEmpty()) {
            return Optional.of(all);
        }
        return Optional.empty();
    }

    /**
     * The churn and contraction that count against renewals of {@code s}, oldest first, with the key of the pool they
     * are shared in: the subscription's own when movements name it, else the account's (movements naming no
     * subscription), so one loss is never counted at two renewals.
     */
    LossPool losses(Subscription s) {
        List<ArrMovement> all = ledger.getOrDefault(s.accountId(), List.of());
        boolean own = named.contains(key(s.accountId(), s.id()));
        boolean single = subscriptionsPerAccount.getOrDefault(s.accountId(), 0) == 1;
        List<ArrMovement> losses = all.stream()
                .filter(m -> m.type() == MovementType.CHURN || m.type() == MovementType.CONTRACTION)
                .filter(m -> m.amount().currency().equals(s.arr().currency()))
                .filter(m -> own ? m.subscriptionId().filter(s.id()::equals).isPresent()
                        : single || m.subscriptionId().isEmpty())
                .toList();
        return new LossPool(own ? key(s.accountId(), s.id()) : s.accountId(), losses);
    }

    /** Losses that renewals draw from, oldest first. */
    record LossPool(String key, List<ArrMovement> movements) {
    }

    /** The override of this renewal made by the end of {@code asOf}, if any. */
    Optional<ForecastOverride> override(Subscription s, LocalDate renewal, LocalDate asOf) {
        Instant end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Optional.ofNullable(overrides.get(key(s.accountId(), s.id(), renewal))).filter(o -> o.setAt().isBefore(end));
    }

    private static String key(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(p).append('\u0000');
        }
        return b.toString();
    }
}
