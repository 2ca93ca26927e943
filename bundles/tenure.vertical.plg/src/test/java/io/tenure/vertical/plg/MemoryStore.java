package io.tenure.vertical.plg;

import java.io.OutputStream;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.tenure.api.data.Codes;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;
import io.tenure.api.money.Money;

/** A store in memory for the tests: upserts on the key, equality and range filters on the values as written in CSV. */
final class MemoryStore implements DataStore {
    private final Map<String, Map<List<Object>, Object>> rows = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();

    static String text(Object value) {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (v == null) {
            return null;
        }
        if (v instanceof Enum<?> e) {
            return Codes.code(e);
        }
        if (v instanceof Money m) {
            return m.toDecimalString();
        }
        return v instanceof TemporalAccessor ? v.toString() : String.valueOf(v);
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
        return new Repo<>(type);
    }

    @Override
    public Map<String, Long> importData(List<ImportInput> inputs, LongConsumer progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> long saveAll(EntityType<T> type, Iterable<? extends T> records) {
        long n = 0;
        for (T t : records) {
            new Repo<>(type).save(t);
            n++;
        }
        return n;
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
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AutoCloseable> tryLock(String name) {
        return Optional.of(() -> {
        });
    }

    @Override
    public boolean isEmpty() {
        return rows.getOrDefault("accounts", Map.of()).isEmpty();
    }

    /** Every stored row of {@code type}, in the order first stored. */
    <T> List<T> all(EntityType<T> type) {
        List<T> out = new ArrayList<>();
        rows.getOrDefault(type.name(), Map.of()).values().forEach(o -> out.add(type.javaType().cast(o)));
        return out;
    }

    private final class Repo<T> implements Repository<T> {
        private final EntityType<T> type;

        Repo(EntityType<T> type) {
            this.type = type;
        }

        @Override
        public EntityType<T> type() {
            return type;
        }

        @Override
        public Optional<T> get(List<Object> key) {
            return Optional.ofNullable(rows.getOrDefault(type.name(), Map.of()).get(key)).map(o -> type.javaType().cast(o));
        }

        @Override
        public Page<T> list(Query query) {
            List<T> out = matching(query);
            return new Page<>(out.subList((int) Math.min(out.size(), query.offset()), (int) Math.min(out.size(),
                    query.offset() + query.limit())), out.size(), query.offset(), query.limit());
        }

        @Override
        public List<T> ofAccount(String accountId) {
            return all(type).stream().filter(t -> accountId.equals(text(type.toRow(t).values().get(EntityType.ACCOUNT_ID))))
                    .toList();
        }

        @Override
        public void forEach(Query query, Consumer<? super T> action) {
            matching(query).forEach(action);
        }

        @Override
        public long count(Query query) {
            return matching(query).size();
        }

        @Override
        public T save(T entity) {
            rows.computeIfAbsent(type.name(), k -> new LinkedHashMap<>()).put(type.keyOf(entity), entity);
            versions.merge(type.name(), 1L, Long::sum);
            return entity;
        }

        @Override
        public boolean delete(List<Object> key) {
            return rows.getOrDefault(type.name(), new LinkedHashMap<>()).remove(key) != null;
        }

        private List<T> matching(Query q) {
            return all(type).stream().filter(t -> {
                Map<String, Object> v = type.toRow(t).values();
                return q.filters().entrySet().stream().allMatch(e -> e.getValue().equals(text(v.get(e.getKey()))))
                        && q.atLeast().entrySet().stream().allMatch(e -> text(v.get(e.getKey())) != null
                                && text(v.get(e.getKey())).compareTo(e.getValue()) >= 0)
                        && q.before().entrySet().stream().allMatch(e -> text(v.get(e.getKey())) != null
                                && text(v.get(e.getKey())).compareTo(e.getValue()) < 0);
            }).toList();
        }
    }

}
