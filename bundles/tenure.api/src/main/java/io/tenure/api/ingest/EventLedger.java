package io.tenure.api.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.tenure.api.data.DataException;

/**
 * The store's side of event ingestion. The ingest bundle receives events into its own write-ahead log and drains
 * them here; {@link #apply} makes a drained batch exactly-once: the message ids, the usage, contacts and memberships it
 * changes, the held events, the sources' counts and the log position all commit in one transaction.
 */
@ProviderType
public interface EventLedger {

    List<Source> sources();

    Optional<Source> source(String id);

    /** The source whose write key hashes to {@code keyHash} (see {@link Source#keyHash()}). */
    Optional<Source> sourceByKeyHash(String keyHash);

    /**
     * Creates or replaces a source.
     *
     * @throws DataException when another source already has the same key hash
     */
    Source saveSource(Source source) throws DataException;

    /** @param latest how many of the newest rejection reasons and unknown accounts to list */
    SourceStats stats(String sourceId, int latest);

    /** The account each of {@code userIds} belongs to, as far as group and alias calls told. */
    Map<String, String> accountsOfUsers(Collection<String> userIds);

    /** How far the log named {@code journal} has been applied (0 when never). */
    long position(String journal);

    /** What one {@link #apply} did. */
    record Applied(long accepted, long deduplicated, long held, long rejected) {
    }

    /**
     * In one transaction: counts every event whose {@code (sourceId, messageId)} was not seen before and applies it
     * (usage added to the account's feature and day and its daily totals, with distinct active users; contacts
     * upserted; memberships recorded), holds those whose account is missing or does not exist, records the
     * rejections, and moves the journal's position to {@code position}. A position at or behind the stored one means
     * the batch was applied already: nothing changes.
     */
    Applied apply(String journal, long position, List<IngestEvent> events, List<SourceStats.Rejection> rejections)
            throws DataException;

    /**
     * Work on a batch that needs nothing from the store, done by {@link #prepare} ahead of {@link #apply}, on the
     * caller's thread: for example each message's deduplication key and the usage summed per account, feature and day.
     * Only the ledger that made it can use it.
     *
     * @since 1.1
     */
    interface Prepared {
    }

    /**
     * Prepares {@code events} for {@link #apply(String, long, List, List, Prepared)}, so a caller that reads the next
     * batch while one is applied can do this part beside the apply. The events must not change afterwards.
     *
     * @return what was prepared, or null when this ledger prepares nothing
     * @since 1.1
     */
    default Prepared prepare(List<IngestEvent> events) {
        return null;
    }

    /**
     * {@link #apply(String, long, List, List)} with what {@link #prepare} made of the same {@code events} (null, or
     * one this ledger did not make, is ignored): the same result, with less work in the transaction.
     *
     * @since 1.1
     */
    default Applied apply(String journal, long position, List<IngestEvent> events, List<SourceStats.Rejection> rejections,
            Prepared prepared) throws DataException {
        return apply(journal, position, events, rejections);
    }

    /** Held events, oldest first, of every source or one. */
    List<HeldEvent> held(Optional<String> sourceId, int limit);

    /**
     * Applies held events again, mapped anew (by id of the held event); those whose account now exists are applied
     * and no longer held, the rest stay held with their new reason.
     *
     * @return how many were released
     */
    long release(Map<Long, IngestEvent> events) throws DataException;

    /** Forgets message ids and rejection reasons older than {@code before}: the deduplication window. */
    long forget(Instant before);
}
