package io.tenure.playbooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.tenure.api.account.StageChange;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthScore;
import io.tenure.api.journey.Handoff;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.task.Task;

/**
 * What the triggers see beyond the accounts' histories, read once per run for every account: movements of the last 18
 * months, stage changes, tasks, the scores of the latest scored day, the post-mortems and the handoffs.
 */
final class Contexts {
    private final Map<String, List<ArrMovement>> movements;
    private final Map<String, List<StageChange>> stageChanges;
    private final Map<String, List<Task>> tasks;
    private final Map<String, HealthScore> health;
    private final Map<String, List<ChurnRecord>> churnRecords;
    private final Map<String, List<Handoff>> handoffs;

    private Contexts(Map<String, List<ArrMovement>> movements, Map<String, List<StageChange>> stageChanges,
            Map<String, List<Task>> tasks, Map<String, HealthScore> health, Map<String, List<ChurnRecord>> churnRecords,
            Map<String, List<Handoff>> handoffs) {
        this.movements = movements;
        this.stageChanges = stageChanges;
        this.tasks = tasks;
        this.health = health;
        this.churnRecords = churnRecords;
        this.handoffs = handoffs;
    }

    static Contexts read(DataStore store, LocalDate asOf) {
        Map<String, HealthScore> health = new HashMap<>();
        Page<HealthScore> latest = store.repository(HealthScore.TYPE).list(Query.all().sortedBy("date", true).page(0, 1));
        latest.items().stream().findFirst().map(HealthScore::date).filter(d -> !d.isAfter(asOf))
                .ifPresent(day -> store.repository(HealthScore.TYPE).scan(Query.all().where("date", day.toString()),
                        s -> health.put(s.accountId(), s)));
        return new Contexts(
                group(store, ArrMovement.TYPE, ArrMovement::accountId,
                        Query.all().since("date", asOf.minusDays(PlaybookContext.MOVEMENT_DAYS).toString())),
                group(store, StageChange.TYPE, StageChange::accountId, Query.all()),
                group(store, Task.TYPE, Task::accountId, Query.all()), health,
                group(store, ChurnRecord.TYPE, ChurnRecord::accountId, Query.all()),
                group(store, Handoff.TYPE, Handoff::accountId, Query.all()));
    }

    private static <T> Map<String, List<T>> group(DataStore store, EntityType<T> type, Function<T, String> account, Query query) {
        Map<String, List<T>> map = new HashMap<>();
        store.repository(type).scan(query, t -> map.computeIfAbsent(account.apply(t), k -> new ArrayList<>()).add(t));
        return map;
    }

    PlaybookContext of(AccountHistory h) {
        String id = h.account().id();
        List<ArrMovement> recent = movements.getOrDefault(id, List.of()).stream().filter(m -> m.date().isBefore(h.asOf())).toList();
        return new PlaybookContext(h, recent, stageChanges.getOrDefault(id, List.of()), tasks.getOrDefault(id, List.of()),
                Optional.ofNullable(health.get(id)), churnRecords.getOrDefault(id, List.of()), handoffs.getOrDefault(id, List.of()));
    }

    Collection<ArrMovement> movements() {
        return movements.values().stream().flatMap(List::stream).toList();
    }

    Map<String, List<ChurnRecord>> churnRecords() {
        return churnRecords;
    }

    void addChurnRecords(List<ChurnRecord> records) {
        records.forEach(r -> churnRecords.computeIfAbsent(r.accountId(), k -> new ArrayList<>()).add(r));
    }

    /** Account id and task id of every task, to create none twice. */
    Set<String> taskKeys() {
        Set<String> keys = new HashSet<>();
        tasks.values().forEach(l -> l.forEach(t -> keys.add(key(t.accountId(), t.id()))));
        return keys;
    }

    List<Task> allTasks() {
        return tasks.values().stream().flatMap(List::stream).toList();
    }

    static String key(String accountId, String taskId) {
        return accountId + "\u0000" + taskId;
    }
}
