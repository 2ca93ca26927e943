package io.tenure.vertical.plg;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/**
 * What the PLG vertical reads from a workspace (an account of vertical {@code plg}): its trials and free plans, when a
 * trial converted, which core features it used, its peak active users and whether it is product-qualified.
 *
 * <p>A trial is a subscription with status {@code trial}, or a plan named {@code free} with zero ARR. It runs from its
 * start to its renewal date (a trial without one lasts the configured trial length; a free plan without one never
 * ends). It converted on the first {@code new} ARR movement, self-serve or sales-led, on or after its start.
 */
final class Workspaces {
    /** The plan name of a free-forever plan. */
    static final String FREE_PLAN = "free";

    /** A product-qualified free or trial workspace: its trial, its peak active users and what they are worth a year. */
    record Pql(Subscription trial, long users, Money value) {
    }

    private Workspaces() {
    }

    static boolean plg(Account account) {
        return account.vertical() == Vertical.PLG;
    }

    static boolean isTrial(Subscription s) {
        return s.status() == SubscriptionStatus.TRIAL
                || s.arr().isZero() && s.plan().filter(p -> p.strip().equalsIgnoreCase(FREE_PLAN)).isPresent()
                        && s.status() == SubscriptionStatus.ACTIVE;
    }

    /** The day after the trial's last day. */
    static LocalDate trialEnd(Subscription trial, int trialLengthDays) {
        return trial.renewal().orElse(trial.status() == SubscriptionStatus.TRIAL ? trial.start().plusDays(trialLengthDays)
                : LocalDate.MAX);
    }

    /** Whether a contract with ARR above zero is active and started on or before {@code day}. */
    static boolean paying(List<Subscription> subscriptions, LocalDate day) {
        return subscriptions.stream().anyMatch(s -> s.status() == SubscriptionStatus.ACTIVE && s.arr().isPositive()
                && !s.start().isAfter(day));
    }

    /** The trial or free plan the workspace is on, on {@code day}, if it pays for nothing; the latest started if several. */
    static Optional<Subscription> unpaid(List<Subscription> subscriptions, LocalDate day, int trialLengthDays) {
        if (paying(subscriptions, day)) {
            return Optional.empty();
        }
        return subscriptions.stream().filter(Workspaces::isTrial)
                .filter(s -> !s.start().isAfter(day) && day.isBefore(trialEnd(s, trialLengthDays)))
                .max(Comparator.comparing(Subscription::start).thenComparing(Subscription::id));
    }

    /** The first self-serve or sales-led {@code new} movement on or after the trial's start. */
    static Optional<ArrMovement> conversion(Subscription trial, List<ArrMovement> movements) {
        return movements.stream().filter(m -> m.type() == MovementType.NEW && m.source() != MovementSource.CS_LED
                && !m.date().isBefore(trial.start())).min(Comparator.comparing(ArrMovement::date).thenComparing(ArrMovement::id));
    }

    /** The core features used (with events) on days in {@code [from, to)}. */
    static Set<String> coreUsed(List<UsageRollup> usage, Collection<String> core, LocalDate from, LocalDate to) {
        Set<String> used = new TreeSet<>();
        for (UsageRollup u : usage) {
            if (u.events() > 0 && core.contains(u.feature()) && !u.date().isBefore(from) && u.date().isBefore(to)) {
                used.add(u.feature());
            }
        }
        return used;
    }

    /** The most users active on one day (the daily totals) in {@code [from, to)}. */
    static long peakUsers(List<UsageRollup> usage, LocalDate from, LocalDate to) {
        return usage.stream().filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES) && !u.date().isBefore(from)
                && u.date().isBefore(to)).mapToLong(UsageRollup::activeUsers).max().orElse(0);
    }

    /** Whether {@code users} active users make a free or trial workspace product-qualified. */
    static boolean qualifies(Plg.Config c, Subscription trial, long users) {
        return users >= c.pqlActiveUsers() || trial.seats().filter(s -> s > 0
                && users * 100 >= s * c.pqlSeatSharePercent()).isPresent();
    }

    /** The workspace's trial or free plan on {@code asOf} if its peak active users over the signal look-back qualify it. */
    static Optional<Pql> pql(Plg.Config c, List<Subscription> subscriptions, List<UsageRollup> usage, LocalDate asOf) {
        Optional<Subscription> trial = unpaid(subscriptions, asOf, c.trialLengthDays());
        if (trial.isEmpty()) {
            return Optional.empty();
        }
        long users = peakUsers(usage, asOf.minusDays(c.signalLookbackDays()), asOf);
        return qualifies(c, trial.get(), users) ? Optional.of(new Pql(trial.get(), users, value(c, users, trial.get().arr())))
                : Optional.empty();
    }

    /** Whether the trial was product-qualified on any day from its start to its end or {@code until}, whichever is first. */
    static boolean reachedPql(Plg.Config c, Subscription trial, List<UsageRollup> usage, LocalDate until) {
        LocalDate end = min(trialEnd(trial, c.trialLengthDays()), until);
        return usage.stream().anyMatch(u -> u.feature().equals(UsageRollup.ALL_FEATURES) && !u.date().isBefore(trial.start())
                && u.date().isBefore(end) && qualifies(c, trial, u.activeUsers()));
    }

    /** Whether the trial used enough core features in its activation window (cut at {@code until}). */
    static boolean activated(Plg.Config c, Collection<String> core, Subscription trial, List<UsageRollup> usage, LocalDate until) {
        LocalDate end = min(trial.start().plusDays(c.activationWindowDays()), until);
        return !core.isEmpty() && coreUsed(usage, core, trial.start(), end).size() >= c.activationDepth();
    }

    /** {@code users} users a year at the configured price, in the currency of {@code like}. */
    static Money value(Plg.Config c, long users, Money like) {
        return major(Math.multiplyExact(users, c.userPriceArr()), like);
    }

    /** {@code amount} major units in the currency of {@code like}. */
    static Money major(long amount, Money like) {
        int digits = Math.max(0, like.currency().getDefaultFractionDigits());
        return Money.ofMinor(Math.multiplyExact(amount, BigDecimal.TEN.pow(digits).longValueExact()),
                like.currency().getCurrencyCode());
    }

    /** Whether {@code value} is at or above the human-touch threshold. */
    static boolean humanTouch(Plg.Config c, Money value) {
        return value.compareTo(major(c.humanTouchArr(), value)) >= 0;
    }

    static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
