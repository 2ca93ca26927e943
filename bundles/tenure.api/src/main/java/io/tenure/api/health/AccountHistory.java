package io.tenure.api.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.journey.Milestone;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/**
 * Everything a health measure may look at for one account. A measure scoring "as of" a date must only use what is dated
 * before it (the backtest scores accounts as they stood in the past); {@link #asOf()} says which date that is.
 *
 * @param account the account
 * @param asOf the day being scored (records dated on or after it must be ignored)
 * <p>
 * The lists may be given in any order; the history keeps each in the order named below, so a measure sees the same
 * history however the records were read.
 *
 * @param subscriptions its contracts (seats licensed), by start date then id
 * @param usage its usage rollups, oldest first (then by feature)
 * @param surveys its NPS/CSAT responses, oldest first
 * @param tickets its support tickets, oldest first
 * @param interactions its interactions, oldest first
 * @param contacts its contacts, by id
 * @param milestones its milestones, by id
 */
public record AccountHistory(Account account, LocalDate asOf, List<Subscription> subscriptions, List<UsageRollup> usage,
        List<SurveyResponse> surveys, List<SupportTicket> tickets, List<Interaction> interactions, List<Contact> contacts,
        List<Milestone> milestones) {

    private static final Comparator<Subscription> SUBSCRIPTIONS = Comparator.comparing(Subscription::start)
            .thenComparing(Subscription::id);
    private static final Comparator<UsageRollup> USAGE = Comparator.comparing(UsageRollup::date)
            .thenComparing(UsageRollup::feature);
    private static final Comparator<SurveyResponse> SURVEYS = Comparator.comparing(SurveyResponse::date)
            .thenComparing(SurveyResponse::id);
    private static final Comparator<SupportTicket> TICKETS = Comparator.comparing(SupportTicket::opened)
            .thenComparing(SupportTicket::id);
    private static final Comparator<Interaction> INTERACTIONS = Comparator.comparing(Interaction::date)
            .thenComparing(Interaction::id);
    private static final Comparator<Contact> CONTACTS = Comparator.comparing(Contact::id);
    private static final Comparator<Milestone> MILESTONES = Comparator.comparing(Milestone::id);

    public AccountHistory {
        subscriptions = sorted(subscriptions, SUBSCRIPTIONS);
        usage = sorted(usage, USAGE);
        surveys = sorted(surveys, SURVEYS);
        tickets = sorted(tickets, TICKETS);
        interactions = sorted(interactions, INTERACTIONS);
        contacts = sorted(contacts, CONTACTS);
        milestones = sorted(milestones, MILESTONES);
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return Collections.unmodifiableList(copy);
    }

    /** Whether {@code day} lies in the {@code days} days before {@link #asOf()}: [asOf - days, asOf). */
    public boolean inLast(LocalDate day, int days) {
        return day.isBefore(asOf) && !day.isBefore(asOf.minusDays(days));
    }

    /** Seats licensed by the contracts started by {@link #asOf()}, trials left out. */
    public long licensedSeats() {
        return subscriptions.stream().filter(s -> s.status() != SubscriptionStatus.TRIAL && !s.start().isAfter(asOf))
                .mapToLong(s -> s.seats().orElse(0L)).sum();
    }

    /** The ARR of the active contracts started by {@link #asOf()}, in the currency of the first; empty without one. */
    public Optional<Money> arr() {
        Money total = null;
        for (Subscription s : subscriptions) {
            if (s.status() == SubscriptionStatus.ACTIVE && !s.start().isAfter(asOf)
                    && (total == null || total.currency().equals(s.arr().currency()))) {
                total = total == null ? s.arr() : total.plus(s.arr());
            }
        }
        return Optional.ofNullable(total);
    }

    /** The most users active on one day (the account's daily totals) in the last {@code days} days. */
    public long activeUsers(int days) {
        return usage.stream().filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES) && inLast(u.date(), days))
                .mapToLong(UsageRollup::activeUsers).max().orElse(0);
    }

    /** Events of the account's daily totals dated from {@code fromDaysAgo} up to (not including) {@code toDaysAgo}. */
    public long events(int fromDaysAgo, int toDaysAgo) {
        LocalDate from = asOf.minusDays(fromDaysAgo);
        LocalDate to = asOf.minusDays(toDaysAgo);
        return usage.stream().filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES) && !u.date().isBefore(from)
                && u.date().isBefore(to)).mapToLong(UsageRollup::events).sum();
    }

    /** The features used (with events) from {@code fromDaysAgo} up to (not including) {@code toDaysAgo}. */
    public Set<String> features(int fromDaysAgo, int toDaysAgo) {
        LocalDate from = asOf.minusDays(fromDaysAgo);
        LocalDate to = asOf.minusDays(toDaysAgo);
        Set<String> out = new TreeSet<>();
        for (UsageRollup u : usage) {
            if (!u.feature().equals(UsageRollup.ALL_FEATURES) && u.events() > 0 && !u.date().isBefore(from)
                    && u.date().isBefore(to)) {
                out.add(u.feature());
            }
        }
        return out;
    }

    /** The same history scored as of an earlier (or later) day. */
    public AccountHistory asOf(LocalDate day) {
        return new AccountHistory(account, day, subscriptions, usage, surveys, tickets, interactions, contacts, milestones);
    }
}
