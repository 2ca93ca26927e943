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
     * Inserts or replaces the row with the entity's key.
     *
     * @throws DataException when a referenced account does not exist or a value breaks a rule of the store
     */
    T save(T entity) throws DataException;

    /** Deletes the row with this key; for accounts, with every row that belongs to it. @return whether it existed */
    boolean delete(List<Object> key);
}
