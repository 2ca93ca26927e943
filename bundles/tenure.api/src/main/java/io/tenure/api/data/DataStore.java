package io.tenure.api.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The customer-data store: a repository per entity, atomic imports and streaming exports. One service, backed by the
 * embedded H2 database or PostgreSQL.
 */
@ProviderType
public interface DataStore {

    /** Every entity the store holds, in dependency order (accounts before what belongs to them). */
    List<EntityType<?>> types();

    Optional<EntityType<?>> type(String name);

    <T> Repository<T> repository(EntityType<T> type);

    /** One input of an import: which entity, in which format, named for error messages. */
    record ImportInput(EntityType<?> type, DataFormat format, String source, InputStream data) {
    }

    /**
     * Imports every input in one transaction, in the order given: if any row of any input is bad, nothing is stored
     * and the exception lists every bad row (the first 1,000, and how many in all). Rows are upserted on their natural
     * key, so importing the same data twice changes nothing. Inputs are streamed: memory does not grow with rows.
     *
     * @param progress called now and then with the number of rows read so far
     * @return the number of rows imported per entity name
     * @throws DataException listing the bad rows; nothing was stored
     * @throws IOException when an input cannot be read
     */
    java.util.Map<String, Long> importData(List<ImportInput> inputs, LongConsumer progress) throws DataException, IOException;

    /**
     * Upserts many records of one entity in one transaction, batched: for generators and connectors that produce
     * records rather than files. Every record's account must exist (or be among {@code records} for accounts).
     *
     * @return how many were stored
     * @throws DataException naming the first record whose account does not exist; nothing was stored
     */
    <T> long saveAll(EntityType<T> type, Iterable<? extends T> records) throws DataException;

    /** Writes every row matching {@code query}'s filters (all pages) in key order; re-importable as is. */
    long export(EntityType<?> type, Query query, DataFormat format, OutputStream out) throws IOException;

    /**
     * A number that changes whenever a transaction that wrote rows of {@code type} commits, on any node sharing the
     * database: a reader keeping a derived copy compares it to know whether the copy is current.
     */
    long version(EntityType<?> type);

    /**
     * The accounts whose rows of {@code type} changed after the change numbered {@code since} (0 for "from the
     * start"), as far as the change log reaches.
     *
     * @param upTo the number of the newest change included; pass it as {@code since} next time
     * @param accountIds the accounts touched
     * @param complete false when the log no longer reaches back to {@code since}: reload everything
     */
    record Changes(long upTo, java.util.Set<String> accountIds, boolean complete) {
    }

    Changes changesSince(EntityType<?> type, long since);

    /**
     * Takes a lock held by at most one node of the cluster sharing the database (a PostgreSQL advisory lock; on the
     * embedded database, one process), for jobs that must run once per cluster. Close it to release it.
     *
     * @return the lock, or empty when another holder has it
     */
    Optional<AutoCloseable> tryLock(String name);

    /** Whether the store holds no accounts yet (the demo data only goes into an empty store). */
    boolean isEmpty();
}
