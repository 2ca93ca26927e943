package io.tenure.api.health;

import java.time.LocalDate;
import java.util.List;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.journey.Milestone;
import io.tenure.api.revenue.Subscription;

/**
 * Everything a health measure may look at for one account. A measure scoring "as of" a date must only use what is dated
 * before it (the backtest scores accounts as they stood in the past); {@link #asOf()} says which date that is.
 *
 * @param account the account
 * @param asOf the day being scored (records dated on or after it must be ignored)
 * @param subscriptions its contracts (seats licensed)
 * @param usage its usage rollups, oldest first
 * @param surveys its NPS/CSAT responses, oldest first
 * @param tickets its support tickets, oldest first
 * @param interactions its interactions, oldest first
 * @param contacts its contacts
 * @param milestones its milestones
 */
public record AccountHistory(Account account, LocalDate asOf, List<Subscription> subscriptions, List<UsageRollup> usage,
        List<SurveyResponse> surveys, List<SupportTicket> tickets, List<Interaction> interactions, List<Contact> contacts,
        List<Milestone> milestones) {

    public AccountHistory {
        subscriptions = List.copyOf(subscriptions);
        usage = List.copyOf(usage);
        surveys = List.copyOf(surveys);
        tickets = List.copyOf(tickets);
        interactions = List.copyOf(interactions);
        contacts = List.copyOf(contacts);
        milestones = List.copyOf(milestones);
    }

    /** The same history scored as of an earlier (or later) day. */
    public AccountHistory asOf(LocalDate day) {
        return new AccountHistory(account, day, subscriptions, usage, surveys, tickets, interactions, contacts, milestones);
    }
}
