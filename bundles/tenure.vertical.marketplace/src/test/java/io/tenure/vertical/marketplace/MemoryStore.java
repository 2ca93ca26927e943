package io.tenure.vertical.marketplace;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;

/** A store in memory for the tests: rows by key per entity, equality filters, a version per entity, reads counted. */
class MemoryStore implements DataStore {
    final Map<String, Map<List<Object>, Object>> rows = new HashMap<>();
    final Map<String, Long> versions = new HashMap<>();
    final Map<String, Integer> scans = new HashMap<>();

    @Override
    public List<EntityType<?>> types() {
        return List.of();
    }

    @Override
    public Optional<EntityType<?>> type(String name) {
        return Optional.empty();
    }

    <T> void put(EntityType<T> type, List<? extends T> records) {
        Map<List<Object>, Object> table = rows.computeIfAbsent(type.name(), k -> new LinkedHashMap<>());
        for (T t : records) {
            table.put(type.keyOf(t), t);
        }
        versions.merge(type.name(), 1L, Long::sum);
    }

    @Override
    public <T> Repository<T> repository(EntityType<T> type) {
        return new Repository<>() {
            private List<T> matching(Query q) {
                List<T> out = new ArrayList<>();
                for (Object o : rows.getOrDefault(type.name(), Map.of()).values()) {
                    T t = type.javaType().cast(o);
                    Map<String, Object> values = type.toRow(t).values();
                    if (q.filters().entrySet().stream().allMatch(e -> String.valueOf(values.get(e.getKey())).equals(e.getValue()))) {
                        out.add(t);
                    }
                }
                return out;
            }

            public EntityType<T> type() {
                return type;
            }

            public Optional<T> get(List<Object> key) {
                return Optional.ofNullable(type.javaType().cast(rows.getOrDefault(type.name(), Map.of()).get(key)));
            }

            public Page<T> list(Query query) {
                List<T> all = matching(query);
                return new Page<>(all, all.size(), 0, query.limit());
            }

            public List<T> ofAccount(String accountId) {
                return matching(Query.all().where(EntityType.ACCOUNT_ID, accountId));
            }

            public void forEach(Query query, Consumer<? super T> action) {
                scans.merge(type.name(), 1, Integer::sum);
                matching(query).forEach(action);
            }

            public long count(Query query) {
                return matching(query).size();
            }

            public T save(T entity) {
                put(type, List.of(entity));
                return entity;
            }

            public boolean delete(List<Object> key) {
                return rows.getOrDefault(type.name(), new HashMap<>()).remove(key) != null;
            }
        };
    }

    @Override
    public Map<String, Long> importData(List<ImportInput> inputs, LongConsumer progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> long saveAll(EntityType<T> type, Iterable<? extends T> records) {
        List<T> list = new ArrayList<>();
        records.forEach(list::add);
        put(type, list);
        return list.size();
    }

    @Override
    public long export(EntityType<?> type, Query query, DataFormat format, OutputStream out) {
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
        return Optional.of(() -> { });
    }

    @Override
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
