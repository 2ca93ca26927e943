package io.tenure.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tenure.api.data.EntityType;

/** The records generated for a slice of accounts, by entity. */
public final class DemoData {
    private final Map<EntityType<?>, List<Object>> records = new LinkedHashMap<>();

    public <T> void add(EntityType<T> type, T record) {
        records.computeIfAbsent(type, t -> new ArrayList<>()).add(record);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> of(EntityType<T> type) {
        return (List<T>) records.getOrDefault(type, List.of());
    }

    public long size() {
        return records.values().stream().mapToLong(List::size).sum();
    }

    public void clear() {
        records.clear();
    }

    /** Each generated account's history as the health measures see it, scored as of {@code asOf}. */
    public Map<String, io.tenure.api.health.AccountHistory> histories(java.time.LocalDate asOf) {
        Map<String, List<io.tenure.api.revenue.Subscription>> subs = byAccount(io.tenure.api.revenue.Subscription.TYPE,
                io.tenure.api.revenue.Subscription::accountId);
        Map<String, List<io.tenure.api.engagement.UsageRollup>> usage = byAccount(io.tenure.api.engagement.UsageRollup.TYPE,
                io.tenure.api.engagement.UsageRollup::accountId);
        Map<String, List<io.tenure.api.engagement.SurveyResponse>> surveys = byAccount(io.tenure.api.engagement.SurveyResponse.TYPE,
                io.tenure.api.engagement.SurveyResponse::accountId);
        Map<String, List<io.tenure.api.engagement.SupportTicket>> tickets = byAccount(io.tenure.api.engagement.SupportTicket.TYPE,
                io.tenure.api.engagement.SupportTicket::accountId);
        Map<String, List<io.tenure.api.engagement.Interaction>> interactions = byAccount(io.tenure.api.engagement.Interaction.TYPE,
                io.tenure.api.engagement.Interaction::accountId);
        Map<String, List<io.tenure.api.account.Contact>> contacts = byAccount(io.tenure.api.account.Contact.TYPE,
                io.tenure.api.account.Contact::accountId);
        Map<String, List<io.tenure.api.journey.Milestone>> milestones = byAccount(io.tenure.api.journey.Milestone.TYPE,
                io.tenure.api.journey.Milestone::accountId);
        Map<String, io.tenure.api.health.AccountHistory> out = new LinkedHashMap<>();
        for (io.tenure.api.account.Account a : of(io.tenure.api.account.Account.TYPE)) {
            out.put(a.id(), new io.tenure.api.health.AccountHistory(a, asOf, subs.getOrDefault(a.id(), List.of()),
                    usage.getOrDefault(a.id(), List.of()), surveys.getOrDefault(a.id(), List.of()),
                    tickets.getOrDefault(a.id(), List.of()), interactions.getOrDefault(a.id(), List.of()),
                    contacts.getOrDefault(a.id(), List.of()), milestones.getOrDefault(a.id(), List.of())));
        }
        return out;
    }

    private <T> Map<String, List<T>> byAccount(EntityType<T> type, java.util.function.Function<T, String> account) {
        Map<String, List<T>> map = new java.util.HashMap<>();
        for (T t : of(type)) {
            map.computeIfAbsent(account.apply(t), k -> new ArrayList<>()).add(t);
        }
        return map;
    }
}
