package io.tenure.testkit;

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

/**
 * A {@link DataStore} in memory for the unit tests of vertical and partner bundles: rows upserted on their key and
 * kept in the order first stored, a version per entity that moves with every write, and {@link Query} filters
 * ({@code where}, {@code since}, {@code before}) compared on the values as written in CSV (ISO dates sort as text).
 * It counts the reads of each entity, so a test can check that a cache reads the store only when it changed.
 * Imports, exports and the change log are not supported (the tests that need them run on the real store).
 */
public class MemoryDataStore implements DataStore {
    private final Map<String, Map<List<Object>, Object>> rows = new LinkedHashMap<>();
    private final Map<String, EntityType<?>> types = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, Integer> reads = new LinkedHashMap<>();

    /** A value as written in CSV: an enum's code, money in major units, a date in ISO form. */
    public static String text(Object value) {
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

    /** Stores the records (upserted on their key) in one write. @return this store */
    public synchronized <T> MemoryDataStore put(EntityType<T> type, List<? extends T> records) {
        Map<List<Object>, Object> table = table(type);
        for (T t : records) {
            table.put(type.keyOf(t), t);
        }
        versions.merge(type.name(), 1L, Long::sum);
        return this;
    }

    /** Every stored row of {@code type}, in the order first stored. */
    public synchronized <T> List<T> all(EntityType<T> type) {
        List<T> out = new ArrayList<>();
        rows.getOrDefault(type.name(), Map.of()).values().forEach(o -> out.add(type.javaType().cast(o)));
        return out;
    }

    /** How many rows of {@code type} are stored. */
    public synchronized int size(EntityType<?> type) {
        return rows.getOrDefault(type.name(), Map.of()).size();
    }

    /** How many times rows of {@code type} were read in bulk (list, forEach, scan, count). */
    public synchronized int reads(EntityType<?> type) {
        return reads.getOrDefault(type.name(), 0);
    }

    /** How many bulk reads there were, of every entity. */
    public synchronized int reads() {
        return reads.values().stream().mapToInt(Integer::intValue).sum();
    }

    private Map<List<Object>, Object> table(EntityType<?> type) {
        types.putIfAbsent(type.name(), type);
        return rows.computeIfAbsent(type.name(), k -> new LinkedHashMap<>());
    }

    /** The entities stored so far. */
    @Override
    public synchronized List<EntityType<?>> types() {
        return List.copyOf(types.values());
    }

    @Override
    public synchronized Optional<EntityType<?>> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    @Override
    public <T> Repository<T> repository(EntityType<T> type) {
        return new Memory<>(type);
    }

    @Override
    public Map<String, Long> importData(List<ImportInput> inputs, LongConsumer progress) {
        throw new UnsupportedOperationException("imports need the real store");
    }

    @Override
    public synchronized <T> long saveAll(EntityType<T> type, Iterable<? extends T> records) {
        List<T> list = new ArrayList<>();
        records.forEach(list::add);
        put(type, list);
        return list.size();
    }

    @Override
    public long export(EntityType<?> type, Query query, DataFormat format, OutputStream out) {
        throw new UnsupportedOperationException("exports need the real store");
    }

    @Override
    public synchronized long version(EntityType<?> type) {
        return versions.getOrDefault(type.name(), 0L);
    }

    @Override
    public Changes changesSince(EntityType<?> type, long since) {
        throw new UnsupportedOperationException("the change log needs the real store");
    }

    /** Always granted: one node. */
    @Override
    public Optional<AutoCloseable> tryLock(String name) {
        return Optional.of(() -> {
        });
    }

    @Override
    public synchronized boolean isEmpty() {
        return rows.getOrDefault("accounts", Map.of()).isEmpty();
    }

    private final class Memory<T> implements Repository<T> {
        private final EntityType<T> type;

        Memory(EntityType<T> type) {
            this.type = type;
        }

        @Override
        public EntityType<T> type() {
            return type;
        }

        @Override
        public Optional<T> get(List<Object> key) {
            synchronized (MemoryDataStore.this) {
                return Optional.ofNullable(rows.getOrDefault(type.name(), Map.of()).get(key)).map(o -> type.javaType().cast(o));
            }
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
            put(type, List.of(entity));
            return entity;
        }

        @Override
        public boolean delete(List<Object> key) {
            synchronized (MemoryDataStore.this) {
                boolean removed = table(type).remove(key) != null;
                if (removed) {
                    versions.merge(type.name(), 1L, Long::sum);
                }
                return removed;
            }
        }

        private List<T> matching(Query q) {
            synchronized (MemoryDataStore.this) {
                reads.merge(type.name(), 1, Integer::sum);
            }
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
