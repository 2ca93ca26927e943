package io.tenure.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.journey.Milestone;
import io.tenure.api.revenue.Subscription;

/** Reads what the measures look at, for every account or one, grouped by account. */
public final class Histories {
    private Histories() {
    }

    /** How far back the default measures look, per kind of record: a recompute reads nothing older. */
    public static final int USAGE_DAYS = 60;
    public static final int SURVEY_DAYS = 370;
    public static final int CONVERSATION_DAYS = 190;
    /** The longest of them. */
    public static final int LOOKBACK_DAYS = SURVEY_DAYS;

    /** Every account's history for scoring as of {@code asOf}, keyed by account id in the store's order. */
    public static Map<String, AccountHistory> all(DataStore store, LocalDate asOf) {
        return all(store, asOf, asOf);
    }

    /**
     * Every account's history for scoring on any day from {@code earliest} to {@code asOf}: dated records only as far
     * back as the measures look from {@code earliest} (the backtest passes its earliest scoring day).
     */
    public static Map<String, AccountHistory> all(DataStore store, LocalDate asOf, LocalDate earliest) {
        // the kinds of record are read side by side, each on its own connection
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "tenure-health-read");
            t.setDaemon(true);
            return t;
        });
        try {
            var accountsF = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                Map<String, Account> m = new LinkedHashMap<>();
                store.repository(Account.TYPE).forEach(Query.all(), a -> m.put(a.id(), a));
                return m;
            }, pool);
            var subscriptionsF = async(pool, store, Subscription.TYPE, Subscription::accountId, Query.all());
            var usageF = async(pool, store, UsageRollup.TYPE, UsageRollup::accountId,
                    Query.all().since("date", earliest.minusDays(USAGE_DAYS).toString()));
            var surveysF = async(pool, store, SurveyResponse.TYPE, SurveyResponse::accountId,
                    Query.all().since("date", earliest.minusDays(SURVEY_DAYS).toString()));
            var ticketsF = async(pool, store, SupportTicket.TYPE, SupportTicket::accountId,
                    Query.all().since("opened", earliest.minusDays(CONVERSATION_DAYS).toString()));
            var interactionsF = async(pool, store, Interaction.TYPE, Interaction::accountId,
                    Query.all().since("date", earliest.minusDays(CONVERSATION_DAYS).toString()));
            var contactsF = async(pool, store, Contact.TYPE, Contact::accountId, Query.all());
            var milestonesF = async(pool, store, Milestone.TYPE, Milestone::accountId, Query.all());
            Map<String, Account> accounts = accountsF.join();
            Map<String, List<UsageRollup>> usage = usageF.join();
            // An account with no usage in the window: its latest earlier day is read too (one query for all of them),
            // so the measures tell one that went quiet (usage stopped: scored low) from one whose usage is not tracked
            // (no data: left out), as they do for a single account, whose whole history is read.
            List<String> quiet = accounts.keySet().stream().filter(id -> !usage.containsKey(id)).toList();
            store.repository(UsageRollup.TYPE).latestBefore("date", quiet, earliest.minusDays(USAGE_DAYS))
                    .forEach((id, rows) -> usage.put(id, new java.util.ArrayList<>(rows)));
            return assemble(asOf, accounts, subscriptionsF.join(), usage, surveysF.join(), ticketsF.join(),
                    interactionsF.join(), contactsF.join(), milestonesF.join());
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> java.util.concurrent.CompletableFuture<Map<String, List<T>>> async(java.util.concurrent.Executor pool,
            DataStore store, EntityType<T> type, Function<T, String> account, Query query) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> group(store, type, account, query), pool);
    }

    private static Map<String, AccountHistory> assemble(LocalDate asOf, Map<String, Account> accounts,
            Map<String, List<Subscription>> subscriptions, Map<String, List<UsageRollup>> usage,
            Map<String, List<SurveyResponse>> surveys, Map<String, List<SupportTicket>> tickets,
            Map<String, List<Interaction>> interactions, Map<String, List<Contact>> contacts, Map<String, List<Milestone>> milestones) {
        Map<String, AccountHistory> out = new LinkedHashMap<>();
        for (Account a : accounts.values()) {
            out.put(a.id(), new AccountHistory(a, asOf, get(subscriptions, a), get(usage, a), get(surveys, a),
                    get(tickets, a), get(interactions, a), get(contacts, a), get(milestones, a)));
        }
        return out;
    }

    /** One account's history. */
    public static java.util.Optional<AccountHistory> of(DataStore store, String accountId, LocalDate asOf) {
        return store.repository(Account.TYPE).get(List.of(accountId)).map(a -> new AccountHistory(a, asOf,
                store.repository(Subscription.TYPE).ofAccount(accountId), store.repository(UsageRollup.TYPE).ofAccount(accountId),
                store.repository(SurveyResponse.TYPE).ofAccount(accountId), store.repository(SupportTicket.TYPE).ofAccount(accountId),
                store.repository(Interaction.TYPE).ofAccount(accountId),
                store.repository(Contact.TYPE).ofAccount(accountId), store.repository(Milestone.TYPE).ofAccount(accountId)));
    }

    private static <T> Map<String, List<T>> group(DataStore store, EntityType<T> type, Function<T, String> account, Query query) {
        Map<String, List<T>> map = new HashMap<>();
        store.repository(type).scan(query, t -> map.computeIfAbsent(account.apply(t), k -> new ArrayList<>()).add(t));
        return map;
    }

    private static <T> List<T> get(Map<String, List<T>> map, Account a) {
        return map.getOrDefault(a.id(), List.of());
    }
}
