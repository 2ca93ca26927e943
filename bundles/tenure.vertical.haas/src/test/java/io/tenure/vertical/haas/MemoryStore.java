package io.tenure.vertical.haas;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;

/**
 * A data store in memory for the tests: upserts on the natural key, equality and lower-bound filters compared as
 * written in CSV (dates ISO), a version per entity raised by every write.
 */
class MemoryStore implements DataStore {
    private final Map<String, Map<List<Object>, Object>> rows = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    int scans;

    <T> MemoryStore put(EntityType<T> type, List<? extends T> records) {
        Map<List<Object>, Object> table = rows.computeIfAbsent(type.name(), k -> new java.util.LinkedHashMap<>());
        for (T r : records) {
            table.put(type.keyOf(r), r);
        }
        versions.merge(type.name(), 1L, Long::sum);
        return this;
    }

    @SuppressWarnings("unchecked")
    <T> List<T> all(EntityType<T> type) {
        return (List<T>) new ArrayList<>(rows.getOrDefault(type.name(), Map.of()).values());
    }

    @Override
    public List<EntityType<?>> types() {
        return List.of();
    }

    @Override
    public Optional<EntityType<?>> type(String name) {
        return Optional.empty();
    }

    @Override
    public <T> Repository<T> repository(EntityType<T> type) {
        return new Repository<>() {
            @Override
            public EntityType<T> type() {
                return type;
            }

            @Override
            public Optional<T> get(List<Object> key) {
                return all(type).stream().filter(r -> type.keyOf(r).equals(key)).findFirst();
            }

            @Override
            public Page<T> list(Query query) {
                List<T> match = matching(query);
                return new Page<>(match.subList(0, Math.min(match.size(), query.limit())), match.size(), 0, query.limit());
            }

            @Override
            public List<T> ofAccount(String accountId) {
                return matching(Query.all().where(EntityType.ACCOUNT_ID, accountId));
            }

            @Override
            public void forEach(Query query, Consumer<? super T> action) {
                scans++;
                matching(query).forEach(action);
            }

            @Override
            public long count(Query query) {
                return matching(query).size();
            }

            @Override
            public T save(T entity) {
                put(type, List.of(entity));
                return entity;
            }

            @Override
            public boolean delete(List<Object> key) {
                return rows.getOrDefault(type.name(), new HashMap<>()).remove(key) != null;
            }

            private List<T> matching(Query q) {
                return all(type).stream().filter(r -> {
                    Map<String, Object> v = type.toRow(r).values();
                    return q.filters().entrySet().stream().allMatch(f -> String.valueOf(v.get(f.getKey())).equals(f.getValue()))
                            && q.atLeast().entrySet().stream().allMatch(f -> v.get(f.getKey()) != null
                                    && String.valueOf(v.get(f.getKey())).compareTo(f.getValue()) >= 0);
                }).toList();
            }
        };
    }

    @Override
    public Map<String, Long> importData(List<ImportInput> inputs, LongConsumer progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> long saveAll(EntityType<T> type, Iterable<? extends T> records) throws DataException {
        List<T> list = new ArrayList<>();
        records.forEach(list::add);
        put(type, list);
        return list.size();
    }

    @Override
    public long export(EntityType<?> type, Query query, io.tenure.api.data.DataFormat format, OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long version(EntityType<?> type) {
        return versions.getOrDefault(type.name(), 0L);
    }

    @Override
    public Changes changesSince(EntityType<?> type, long since) {
        return new Changes(version(type), java.util.Set.of(), false);
    }

    @Override
    public Optional<AutoCloseable> tryLock(String name) {
        return Optional.of(() -> {
        });
    }

    @Override
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
