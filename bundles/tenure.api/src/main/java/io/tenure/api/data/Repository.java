package io.tenure.api.data;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Stored rows of one entity. Writes are upserts on the natural key; every call is its own transaction.
 *
 * @param <T> the record type
 */
@ProviderType
public interface Repository<T> {

    EntityType<T> type();

    /** The row with this key ({@link EntityType#key()} order). */
    Optional<T> get(List<Object> key);

    /** @throws IllegalArgumentException naming a filter or sort field that does not exist or a bad filter value */
    Page<T> list(Query query);

    /** Every row of one account, in key order; empty for entities that are not account-scoped. */
    List<T> ofAccount(String accountId);

    /** Streams every row matching the filters of {@code query} in key order, ignoring its page; constant memory. */
    void forEach(Query query, Consumer<? super T> action);

    /**
     * Streams every row matching the filters of {@code query} like {@link #forEach}, in whatever order the store reads
     * them fastest; for callers that group or sort the rows themselves.
     */
    default void scan(Query query, Consumer<? super T> action) {
        forEach(query, action);
    }

    long count(Query query);

    /**
     * For each named account, its rows of the latest day before {@code before} (by the date field {@code dateField}):
     * what a reader that reads only a recent window uses to tell an account that went quiet from one with no rows at
     * all. Accounts without such a row are left out. The default asks per account; the store answers in one query.
     *
     * @throws IllegalArgumentException when {@code dateField} is not a date field of the entity
     * @since 1.1
     */
    default java.util.Map<String, List<T>> latestBefore(String dateField, java.util.Collection<String> accountIds,
            java.time.LocalDate before) {
        if (type().field(dateField).map(f -> f.type() != FieldType.DATE).orElse(true)) {
            throw new IllegalArgumentException(type().name() + " has no date field " + dateField);
        }
        java.util.Map<String, List<T>> out = new java.util.LinkedHashMap<>();
        for (String id : accountIds) {
            Query older = Query.all().where(EntityType.ACCOUNT_ID, id).before(dateField, before.toString());
            list(older.sortedBy(dateField, true).page(0, 1)).items().stream().findFirst().ifPresent(latest -> {
                Object day = type().field(dateField).orElseThrow().valueOf(latest);
                out.put(id, list(Query.all().where(EntityType.ACCOUNT_ID, id).where(dateField, String.valueOf(day))
                        .page(0, Query.MAX_LIMIT)).items());
            });
        }
        return out;
    }

    /**
     * Inserts or replaces the row with the entity's key.
     *
     * @throws DataException when a referenced account does not exist or a value breaks a rule of the store
     */
    T save(T entity) throws DataException;

    /** Deletes the row with this key; for accounts, with every row that belongs to it. @return whether it existed */
    boolean delete(List<Object> key);
}
