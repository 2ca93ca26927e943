package io.tenure.store;

import static io.tenure.store.Database.quote;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.tenure.api.account.Contact;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.ingest.EventLedger;
import io.tenure.api.ingest.HeldEvent;
import io.tenure.api.ingest.IngestEvent;
import io.tenure.api.ingest.IngestEvent.Effect;
import io.tenure.api.ingest.Source;
import io.tenure.api.ingest.SourceStats;

/**
 * The {@link EventLedger} on the store's database (tables of migration V6). A batch is applied in one transaction:
 * new message ids are registered (duplicates, also within the batch, count once), usage is added with the users not
 * yet counted for the account, feature and day, contacts and memberships are upserted, events whose account is
 * missing are held, and the journal position moves; so a batch replayed after a crash changes nothing twice.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = EventLedger.class)
public class JdbcEventLedger implements EventLedger {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLedger.class);
    private static final int CHUNK = 500;
    /** How many counted users (account, day, feature, user) the ledger remembers before it starts over. */
    private static final int MAX_REMEMBERED = 2_000_000;

    @Reference(target = "(component.name=io.tenure.store.JdbcDataStore)")
    private DataStore dataStore;

    private JdbcDataStore store;

    /** One user counted as active for an account, feature and day. */
    private record CountedUser(UsageKey key, String userId) {
    }

    /**
     * Users this node has seen committed in {@code ingest_active_users}: they need no second look in the database
     * (the insert would find them there). Only what committed is remembered, so a hit is always right, on any node.
     */
    private final Set<CountedUser> counted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong plans = new java.util.concurrent.atomic.AtomicLong();
    /** The message ids committed within the deduplication window (created on activation, sized by the store's setting). */
    private MessageIds seen;
    /** The newest row of ingest_message_batches in {@link #seen}; -1 before the first look. */
    private long lastBatch = -1;

    public JdbcEventLedger() {
    }

    /** A ledger over an open store (tests and benchmarks). */
    public JdbcEventLedger(JdbcDataStore store) {
        this.store = store;
        this.seen = new MessageIds(store.dedupeMaxMessageIds());
    }

    @Activate
    void activate() {
        store = (JdbcDataStore) dataStore;
        seen = new MessageIds(store.dedupeMaxMessageIds());
    }

    private boolean postgres() {
        return store.database().dialect() == Database.Dialect.POSTGRESQL;
    }

    // ---- sources

    private static final String SOURCE_COLUMNS = "source_id, name, key_hash, enabled, created_at, key_rotated_at";

    @Override
    public List<Source> sources() {
        return store.withConnection(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT " + SOURCE_COLUMNS + " FROM ingest_sources ORDER BY source_id")) {
                List<Source> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(source(rs));
                }
                return all;
            }
        });
    }

    @Override
    public Optional<Source> source(String id) {
        return sourceWhere("source_id", id);
    }

    @Override
    public Optional<Source> sourceByKeyHash(String keyHash) {
        return sourceWhere("key_hash", keyHash);
    }

    private Optional<Source> sourceWhere(String column, String value) {
        return store.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + SOURCE_COLUMNS + " FROM ingest_sources WHERE " + column + " = ?")) {
                s.setString(1, value);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(source(rs)) : Optional.<Source>empty();
                }
            }
        });
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant());
    }

    @Override
    public Source saveSource(Source source) throws DataException {
        return store.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT source_id FROM ingest_sources WHERE key_hash = ? AND source_id <> ?")) {
                s.setString(1, source.keyHash());
                s.setString(2, source.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        throw new DataException("source '" + source.id() + "': its write key is already the key of source '"
                                + rs.getString(1) + "'");
                    }
                }
            }
            try (PreparedStatement u = c.prepareStatement("UPDATE ingest_sources SET name = ?, key_hash = ?, enabled = ?, "
                    + "created_at = ?, key_rotated_at = ? WHERE source_id = ?")) {
                u.setString(1, source.name());
                u.setString(2, source.keyHash());
                u.setBoolean(3, source.enabled());
                u.setTimestamp(4, Timestamp.from(source.created()));
                u.setTimestamp(5, Timestamp.from(source.keyRotated()));
                u.setString(6, source.id());
                if (u.executeUpdate() == 0) {
                    try (PreparedStatement i = c.prepareStatement("INSERT INTO ingest_sources (" + SOURCE_COLUMNS
                            + ", accepted, rejected, deduplicated) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)")) {
                        i.setString(1, source.id());
                        i.setString(2, source.name());
                        i.setString(3, source.keyHash());
                        i.setBoolean(4, source.enabled());
                        i.setTimestamp(5, Timestamp.from(source.created()));
                        i.setTimestamp(6, Timestamp.from(source.keyRotated()));
                        i.executeUpdate();
                    }
                }
            }
            return source;
        });
    }

    @Override
    public SourceStats stats(String sourceId, int latest) {
        return store.withConnection(c -> {
            long accepted = 0;
            long rejected = 0;
            long deduplicated = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT accepted, rejected, deduplicated FROM ingest_sources WHERE source_id = ?")) {
                s.setString(1, sourceId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        accepted = rs.getLong(1);
                        rejected = rs.getLong(2);
                        deduplicated = rs.getLong(3);
                    }
                }
            }
            long held;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM ingest_held WHERE source_id = ?")) {
                s.setString(1, sourceId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    held = rs.getLong(1);
                }
            }
            List<SourceStats.Rejection> rejections = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT rejected_at, events, reason FROM ingest_rejections "
                    + "WHERE source_id = ? ORDER BY seq DESC LIMIT " + latest)) {
                s.setString(1, sourceId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rejections.add(new SourceStats.Rejection(sourceId, rs.getTimestamp(1).toInstant(), rs.getLong(2),
                                rs.getString(3)));
                    }
                }
            }
            List<SourceStats.UnknownAccount> unknown = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT account_id, COUNT(*) FROM ingest_held WHERE source_id = ? "
                    + "GROUP BY account_id ORDER BY COUNT(*) DESC, account_id LIMIT " + latest)) {
                s.setString(1, sourceId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        unknown.add(new SourceStats.UnknownAccount(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
            return new SourceStats(accepted, rejected, deduplicated, held, rejections, unknown);
        });
    }

    @Override
    public Map<String, String> accountsOfUsers(Collection<String> userIds) {
        List<String> ids = List.copyOf(new HashSet<>(userIds));
        return store.withConnection(c -> members(c, ids));
    }

    private static Map<String, String> members(Connection c, List<String> ids) throws SQLException {
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement s = c.prepareStatement("SELECT user_id, account_id FROM ingest_members WHERE user_id IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return found;
    }

    // ---- applying batches

    @Override
    public long position(String journal) {
        return store.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT applied_to FROM ingest_journals WHERE journal_id = ?")) {
                s.setString(1, journal);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Applied apply(String journal, long position, List<IngestEvent> events, List<SourceStats.Rejection> rejections)
            throws DataException {
        return apply(journal, position, events, rejections, null);
    }

    /**
     * A batch's message keys and its usage summed as if every event were new (with the users not yet counted), made
     * beside the apply of the batch before it; used once, by the apply of the same events.
     */
    private static final class PreparedBatch implements Prepared {
        private final JdbcEventLedger owner;
        private final List<IngestEvent> events;
        private final long[] keys;
        private final Map<UsageKey, long[]> usage;
        private final Map<UsageKey, Set<String>> users;
        private final java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();

        private PreparedBatch(JdbcEventLedger owner, List<IngestEvent> events, long[] keys, Map<UsageKey, long[]> usage,
                Map<UsageKey, Set<String>> users) {
            this.owner = owner;
            this.events = events;
            this.keys = keys;
            this.usage = usage;
            this.users = users;
        }

        /** This batch's preparation, if this ledger made it for exactly these events and it was not used before. */
        static PreparedBatch of(JdbcEventLedger ledger, Prepared prepared, List<IngestEvent> events) {
            return prepared instanceof PreparedBatch p && p.owner == ledger && p.events == events
                    && p.used.compareAndSet(false, true) ? p : null;
        }
    }

    @Override
    public Prepared prepare(List<IngestEvent> events) {
        long[] keys = new long[events.size()];
        Map<UsageKey, long[]> usage = new LinkedHashMap<>();
        Map<UsageKey, Set<String>> users = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            IngestEvent e = events.get(i);
            keys[i] = messageKey(e.sourceId(), e.messageId());
            if (e.effect() == Effect.USAGE && e.accountId().isPresent()) {
                addUsageEvent(e, e.accountId().get(), usage, users);
            }
        }
        addDailyTotals(usage, users);
        dropCounted(users); // the apply looks again, for those the batch before this one counted
        return new PreparedBatch(this, events, keys, usage, users);
    }

    @Override
    public Applied apply(String journal, long position, List<IngestEvent> events, List<SourceStats.Rejection> rejections,
            Prepared prepared) throws DataException {
        PreparedBatch ahead = PreparedBatch.of(this, prepared, events);
        List<CountedUser> newlyCounted = new ArrayList<>();
        Registered registered = new Registered();
        store.ledgerLock().lock();
        try {
            Applied result;
            try {
                result = store.inTransaction(c -> applyInTransaction(c, journal, position, events, rejections, registered,
                        newlyCounted, ahead));
            } catch (DataException | RuntimeException e) {
                seen.remove(registered.keys, registered.count); // the ids were taken in memory before the commit
                throw e;
            }
            lastBatch = Math.max(lastBatch, registered.lastBatch);
            remember(newlyCounted);
            return result;
        } finally {
            store.ledgerLock().unlock();
        }
    }

    /** The work of {@link #apply} in its transaction. */
    private Applied applyInTransaction(Connection c, String journal, long position, List<IngestEvent> events,
            List<SourceStats.Rejection> rejections, Registered registered, List<CountedUser> newlyCounted, PreparedBatch ahead)
            throws SQLException, DataException {
        newlyCounted.clear();
        registered.count = 0;
        registered.lastBatch = -1;
        if (postgres()) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + APPLY_LOCK + ")");
            }
        }
        if (!advance(c, journal, position)) {
            return new Applied(0, 0, 0, 0);
        }
        boolean[] fresh = registerMessageIds(c, journal, events, registered, ahead == null ? null : ahead.keys);
        List<IngestEvent> applied = new ArrayList<>();
        Map<String, long[]> counts = new HashMap<>(); // source -> accepted, deduplicated, rejected
        for (int i = 0; i < events.size(); i++) {
            IngestEvent e = events.get(i);
            long[] n = counts.computeIfAbsent(e.sourceId(), k -> new long[3]);
            if (fresh[i]) {
                n[0]++;
                applied.add(e);
            } else {
                n[1]++;
            }
        }
        // The usage summed ahead holds only if every event of the batch is new (the common case); else it is summed again.
        Map<IngestEvent, String> held = applyEffects(c, applied, newlyCounted,
                ahead != null && applied.size() == events.size() ? ahead : null);
        hold(c, held);
        for (SourceStats.Rejection r : rejections) {
            counts.computeIfAbsent(r.sourceId(), k -> new long[3])[2] += r.events();
        }
        recordRejections(c, rejections);
        try (PreparedStatement s = c.prepareStatement("UPDATE ingest_sources SET accepted = accepted + ?, "
                + "deduplicated = deduplicated + ?, rejected = rejected + ? WHERE source_id = ?")) {
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                s.setLong(1, e.getValue()[0]);
                s.setLong(2, e.getValue()[1]);
                s.setLong(3, e.getValue()[2]);
                s.setString(4, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
        long accepted = counts.values().stream().mapToLong(n -> n[0]).sum();
        long rejected = counts.values().stream().mapToLong(n -> n[2]).sum();
        return new Applied(accepted, events.size() - accepted, held.size(), rejected);
    }

    private void remember(List<CountedUser> committed) {
        if (counted.size() + committed.size() > MAX_REMEMBERED) {
            counted.clear();
        }
        counted.addAll(committed);
    }

    /** Moves the journal to {@code position}; false when it is there or further already (a replayed batch). */
    private static boolean advance(Connection c, String journal, long position) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement("UPDATE ingest_journals SET applied_to = ?, updated_at = ? "
                + "WHERE journal_id = ? AND applied_to < ?")) {
            s.setLong(1, position);
            s.setTimestamp(2, now);
            s.setString(3, journal);
            s.setLong(4, position);
            if (s.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT applied_to FROM ingest_journals WHERE journal_id = ?")) {
            s.setString(1, journal);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_journals (journal_id, applied_to, updated_at) VALUES (?, ?, ?)")) {
            s.setString(1, journal);
            s.setLong(2, position);
            s.setTimestamp(3, now);
            s.executeUpdate();
        }
        return true;
    }

    /**
     * The 64-bit key of a message: the two halves of the name-based UUID of its source and message id, folded (so the
     * keys of ingest_message_ids, which stored that UUID, are the same keys).
     */
    static long messageKey(String sourceId, String messageId) {
        byte[] md5 = MD5.get().digest((sourceId + '\u0000' + messageId).getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) (md5[6] & 0x0f | 0x30); // as java.util.UUID.nameUUIDFromBytes: version 3
        md5[8] = (byte) (md5[8] & 0x3f | 0x80); // IETF variant
        return (long) LONGS.get(md5, 0) ^ (long) LONGS.get(md5, 8);
    }

    static long messageKey(java.util.UUID legacy) {
        return legacy.getMostSignificantBits() ^ legacy.getLeastSignificantBits();
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
            java.nio.ByteOrder.BIG_ENDIAN);
    private static final ThreadLocal<java.security.MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    });
    /** Keys per row of ingest_message_batches (512 KB). */
    static final int KEYS_PER_ROW = 65_536;
    /** PostgreSQL advisory lock of the applies of every node (serializes the deduplication). */
    private static final long APPLY_LOCK = 0x7465_6e75_7265_6964L;

    /**
     * Registers each event's message id; true where it was new (the first of a repeated id within the batch). The
     * ids seen are in memory ({@link MessageIds}); first the rows other nodes committed since the last look are read
     * (all of them on the first apply). Each id is checked and taken into memory at once; {@code registered} keeps
     * the new ones, so that {@link #apply} can take them back out if the transaction does not commit. The new keys
     * are stored as one packed row per {@link #KEYS_PER_ROW}.
     */
    private boolean[] registerMessageIds(Connection c, String journal, List<IngestEvent> events, Registered registered,
            long[] preparedKeys) throws SQLException {
        boolean[] fresh = new boolean[events.size()];
        if (events.isEmpty()) {
            return fresh;
        }
        catchUp(c);
        long[] keys = new long[events.size()];
        int count = 0;
        Instant newest = Instant.EPOCH;
        long now = System.currentTimeMillis();
        registered.keys = keys;
        for (int i = 0; i < fresh.length; i++) {
            IngestEvent e = events.get(i);
            long key = preparedKeys != null ? preparedKeys[i] : messageKey(e.sourceId(), e.messageId());
            fresh[i] = seen.add(key, now); // also false for the second of a repeated id within the batch
            if (fresh[i]) {
                keys[count++] = key;
                registered.count = count;
                newest = e.receivedAt().isAfter(newest) ? e.receivedAt() : newest;
            }
        }
        seen.trim();
        if (count == 0) {
            return fresh;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_message_batches (journal_id, received_at, key_count, "
                + "message_keys) VALUES (?, ?, ?, ?)", new String[] { "batch_id" })) {
            for (int from = 0; from < count; from += KEYS_PER_ROW) {
                int n = Math.min(KEYS_PER_ROW, count - from);
                byte[] packed = new byte[n * 8];
                for (int i = 0; i < n; i++) {
                    LONGS.set(packed, i * 8, keys[from + i]);
                }
                s.setString(1, journal);
                s.setTimestamp(2, Timestamp.from(newest));
                s.setInt(3, n);
                s.setBytes(4, packed);
                s.executeUpdate();
                try (ResultSet rs = s.getGeneratedKeys()) {
                    while (rs.next()) {
                        registered.lastBatch = Math.max(registered.lastBatch, rs.getLong(1));
                    }
                }
            }
        }
        return fresh;
    }

    /** The keys an apply took into memory (out again if it does not commit) and the newest row it wrote. */
    private static final class Registered {
        long[] keys = new long[0];
        int count;
        long lastBatch = -1;
    }

    /**
     * Reads the key rows committed since the last look into memory; on the first look also the ids of the per-message
     * table that preceded them (migration V6). Runs under the apply lock, so no row can commit behind it.
     */
    private void catchUp(Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        if (lastBatch < 0) {
            long[] legacy = new long[4096];
            int n = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT message_key FROM ingest_message_ids")) {
                while (rs.next()) {
                    if (n == legacy.length) {
                        seen.addAll(legacy, n, now);
                        n = 0;
                    }
                    legacy[n++] = messageKey(rs.getObject(1, java.util.UUID.class));
                }
            }
            seen.addAll(legacy, n, now);
            lastBatch = 0;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT batch_id, key_count, message_keys FROM ingest_message_batches "
                + "WHERE batch_id > ? ORDER BY batch_id")) {
            s.setLong(1, lastBatch);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(2);
                    byte[] packed = rs.getBytes(3);
                    long[] keys = new long[n];
                    for (int i = 0; i < n; i++) {
                        keys[i] = (long) LONGS.get(packed, i * 8);
                    }
                    seen.addAll(keys, n, now);
                    lastBatch = rs.getLong(1);
                }
            }
        }
        warnIfCut();
    }

    /** How far back the memory reached at the last warning, and when that was (one warning an hour at most). */
    private long warnedCut;
    private long warnedAt;

    private void warnIfCut() {
        long since = seen.coveredSince();
        long now = System.currentTimeMillis();
        if (since > warnedCut && now - warnedAt > 3_600_000L) {
            warnedCut = since;
            warnedAt = now;
            LOG.warn("Deduplication of ingested events reaches back only to {}: more than {} message ids arrived within "
                    + "the window (raise dedupeMaxMessageIds of io.tenure.store to remember more)", Instant.ofEpochMilli(since),
                    seen.size());
        }
    }

    /** PostgreSQL: COPYs rows of text into a temporary table, emptied first and dropped at commit. */
    private static void stage(Connection c, String table, String columns, List<List<String>> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + table + " (" + columns + ") ON COMMIT DROP");
            s.execute("TRUNCATE " + table);
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)");
        try {
            StringBuilder text = new StringBuilder();
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    text.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
                }
                text.append('\n');
                if (text.length() > 1 << 16) {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    text.setLength(0);
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private record UsageKey(String accountId, LocalDate day, String feature) {
    }

    /**
     * Applies what each event changes; returns those that must be held, with why. Memberships are recorded even when
     * their account does not exist yet, so later events of the user name it.
     */
    private Map<IngestEvent, String> applyEffects(Connection c, List<IngestEvent> events, List<CountedUser> newlyCounted,
            PreparedBatch ahead) throws SQLException {
        Map<IngestEvent, String> held = new LinkedHashMap<>();
        Set<String> named = new HashSet<>();
        if (ahead != null) {
            ahead.usage.keySet().forEach(k -> named.add(k.accountId()));
        }
        for (IngestEvent e : events) {
            if (ahead == null || e.effect() != Effect.USAGE) {
                e.accountId().ifPresent(named::add);
            }
        }
        Set<String> existing = existingAccounts(c, named);
        Map<String, String> members = new LinkedHashMap<>();
        Map<UsageKey, long[]> usage = ahead != null ? ahead.usage : new LinkedHashMap<>();
        Map<UsageKey, Set<String>> users = ahead != null ? ahead.users : new HashMap<>();
        Map<List<Object>, Contact> contacts = new LinkedHashMap<>();
        for (IngestEvent e : events) {
            if (e.effect() == Effect.MEMBERSHIP && e.accountId().isPresent()) {
                members.remove(e.userId().orElseThrow());
                members.put(e.userId().orElseThrow(), e.accountId().get());
            }
            if (e.accountId().isEmpty()) {
                held.put(e, e.unmapped().orElseThrow());
                continue;
            }
            String account = e.accountId().get();
            if (!existing.contains(account)) {
                held.put(e, "account '" + account + "' does not exist" + e.userId().map(u -> " (user '" + u + "')").orElse(""));
                continue;
            }
            switch (e.effect()) {
                case USAGE -> {
                    if (ahead == null) {
                        addUsageEvent(e, account, usage, users);
                    }
                }
                case CONTACT -> {
                    Contact contact = e.contact().orElseThrow();
                    List<Object> key = List.of(contact.accountId(), contact.id());
                    contacts.remove(key);
                    contacts.put(key, contact);
                }
                case MEMBERSHIP -> {
                    // recorded above
                }
            }
        }
        if (ahead == null) {
            addDailyTotals(usage, users);
        } else {
            // summed ahead for every account named: the usage of accounts that do not exist is held instead
            usage.keySet().removeIf(k -> !existing.contains(k.accountId()));
            users.keySet().removeIf(k -> !existing.contains(k.accountId()));
        }
        recordMembers(c, members);
        countNewUsers(c, usage, users, newlyCounted);
        addUsage(c, usage);
        upsertContacts(c, contacts.values());
        return held;
    }

    /** Counts one usage event for its account, feature and day, and its user. */
    private static void addUsageEvent(IngestEvent e, String account, Map<UsageKey, long[]> usage, Map<UsageKey, Set<String>> users) {
        UsageKey key = new UsageKey(account, e.day(), e.feature().orElseThrow());
        usage.computeIfAbsent(key, k -> new long[2])[0]++;
        if (e.userId().isPresent()) {
            users.computeIfAbsent(key, k -> new HashSet<>()).add(e.userId().get());
        }
    }

    /**
     * Adds each account's daily totals (feature {@link UsageRollup#ALL_FEATURES}) from its features' counts and users:
     * one lookup per account, day and feature rather than a second one per event.
     */
    private static void addDailyTotals(Map<UsageKey, long[]> usage, Map<UsageKey, Set<String>> users) {
        Map<UsageKey, long[]> totals = new LinkedHashMap<>();
        Map<UsageKey, Set<String>> totalUsers = new HashMap<>();
        for (Map.Entry<UsageKey, long[]> u : usage.entrySet()) {
            UsageKey k = u.getKey();
            UsageKey all = new UsageKey(k.accountId(), k.day(), UsageRollup.ALL_FEATURES);
            totals.computeIfAbsent(all, x -> new long[2])[0] += u.getValue()[0];
            Set<String> who = users.get(k);
            if (who != null) {
                totalUsers.computeIfAbsent(all, x -> new HashSet<>()).addAll(who);
            }
        }
        usage.putAll(totals);
        users.putAll(totalUsers);
    }

    private static Set<String> existingAccounts(Connection c, Set<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> list = List.copyOf(ids);
        for (int from = 0; from < list.size(); from += CHUNK) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + CHUNK));
            try (PreparedStatement s = c.prepareStatement("SELECT account_id FROM accounts WHERE account_id IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private void recordMembers(Connection c, Map<String, String> members) throws SQLException {
        if (members.isEmpty()) {
            return;
        }
        String sql = postgres()
                ? "INSERT INTO ingest_members (account_id, user_id, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) "
                        + "DO UPDATE SET account_id = EXCLUDED.account_id, updated_at = EXCLUDED.updated_at"
                : "MERGE INTO ingest_members (account_id, user_id, updated_at) KEY (user_id) VALUES (?, ?, ?)";
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Map.Entry<String, String> m : members.entrySet()) {
                s.setString(1, m.getValue());
                s.setString(2, m.getKey());
                s.setTimestamp(3, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Leaves out of each usage key's users those already counted as active (they need no insert). */
    private void dropCounted(Map<UsageKey, Set<String>> users) {
        for (Map.Entry<UsageKey, Set<String>> e : users.entrySet()) {
            e.getValue().removeIf(u -> counted.contains(new CountedUser(e.getKey(), u)));
        }
    }

    /** Registers the users of each usage key; sets the key's active-user increment to the users not counted before. */
    private void countNewUsers(Connection c, Map<UsageKey, long[]> usage, Map<UsageKey, Set<String>> users,
            List<CountedUser> newlyCounted) throws SQLException {
        dropCounted(users);
        for (Map.Entry<UsageKey, Set<String>> e : users.entrySet()) {
            e.getValue().forEach(u -> newlyCounted.add(new CountedUser(e.getKey(), u)));
        }
        users.values().removeIf(Set::isEmpty);
        if (users.isEmpty()) {
            return;
        }
        if (postgres()) {
            List<List<String>> rows = new ArrayList<>();
            users.forEach((k, us) -> us.forEach(u -> rows.add(List.of(k.accountId(), k.day().toString(), k.feature(), u))));
            stage(c, "tenure_stage_active_users", "account_id VARCHAR(100), date DATE, feature VARCHAR(200), user_id VARCHAR(200)", rows);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("INSERT INTO ingest_active_users "
                    + "(account_id, date, feature, user_id) SELECT account_id, date, feature, user_id FROM tenure_stage_active_users "
                    + "ON CONFLICT DO NOTHING RETURNING account_id, date, feature")) {
                while (rs.next()) {
                    usage.get(new UsageKey(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3)))[1]++;
                }
            }
            return;
        }
        // H2 is embedded: a plain insert per user costs no round trip, and H2 goes on past a duplicate key in a batch,
        // failing only that statement; the counts say which users were new. (An insert guarded by NOT EXISTS was planned
        // once, while the table was empty, as a scan.)
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_active_users (account_id, " + quote("date")
                + ", feature, user_id) VALUES (?, ?, ?, ?)")) {
            List<UsageKey> order = new ArrayList<>();
            for (Map.Entry<UsageKey, Set<String>> e : users.entrySet()) {
                UsageKey k = e.getKey();
                for (String u : e.getValue()) {
                    s.setString(1, k.accountId());
                    s.setDate(2, Date.valueOf(k.day()));
                    s.setString(3, k.feature());
                    s.setString(4, u);
                    s.addBatch();
                    order.add(k);
                }
            }
            int[] done;
            try {
                done = s.executeBatch();
            } catch (java.sql.BatchUpdateException duplicates) {
                done = duplicates.getUpdateCounts();
                if (done.length != order.size()) {
                    throw duplicates;
                }
                for (SQLException cause = duplicates.getNextException(); cause != null; cause = cause.getNextException()) {
                    if (!"23505".equals(cause.getSQLState())) {
                        throw duplicates;
                    }
                }
            }
            for (int i = 0; i < done.length; i++) {
                if (done[i] > 0) {
                    usage.get(order.get(i))[1]++;
                }
            }
        }
    }

    private void addUsage(Connection c, Map<UsageKey, long[]> usage) throws SQLException {
        if (usage.isEmpty()) {
            return;
        }
        String table = quote("usage");
        String date = quote("date");
        Set<String> accounts = new HashSet<>();
        usage.keySet().forEach(k -> accounts.add(k.accountId()));
        if (postgres()) {
            // staged by COPY and merged in one statement: a batched upsert costs PostgreSQL a statement per row
            List<List<String>> rows = new ArrayList<>(usage.size());
            usage.forEach((k, n) -> rows.add(List.of(k.accountId(), k.day().toString(), k.feature(), Long.toString(n[0]),
                    Long.toString(n[1]))));
            stage(c, "tenure_stage_usage", "account_id VARCHAR(100), date DATE, feature VARCHAR(200), events BIGINT, "
                    + "active_users BIGINT", rows);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + table + " (account_id, " + date + ", feature, events, active_users) "
                        + "SELECT account_id, date, feature, events, active_users FROM tenure_stage_usage ON CONFLICT (account_id, "
                        + date + ", feature) DO UPDATE SET events = " + table + ".events + EXCLUDED.events, active_users = "
                        + "COALESCE(" + table + ".active_users, 0) + EXCLUDED.active_users");
            }
        } else {
            // H2: an update by key per row, then one insert batch for the rows that did not exist (H2's MERGE ... USING
            // is an order of magnitude slower per row). The drain is the only writer of ingested usage on H2. The
            // comment makes each statement new: H2 keeps a session's plans, and one made while the table was empty
            // scans the date index (every row of the day) instead of looking the key up.
            List<Map.Entry<UsageKey, long[]>> entries = List.copyOf(usage.entrySet());
            int[] updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET events = events + ?, active_users = "
                    + "COALESCE(active_users, 0) + ? WHERE account_id = ? AND " + date + " = ? AND feature = ? /* plan "
                    + plans.incrementAndGet() + " */")) {
                for (Map.Entry<UsageKey, long[]> e : entries) {
                    s.setLong(1, e.getValue()[0]);
                    s.setLong(2, e.getValue()[1]);
                    s.setString(3, e.getKey().accountId());
                    s.setDate(4, Date.valueOf(e.getKey().day()));
                    s.setString(5, e.getKey().feature());
                    s.addBatch();
                }
                updated = s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (account_id, " + date + ", feature, events, "
                    + "active_users) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < entries.size(); i++) {
                    if (updated[i] == 0) {
                        bindUsage(s, entries.get(i).getKey(), entries.get(i).getValue(), 1);
                    }
                }
                s.executeBatch();
            }
        }
        store.recordWrite(c, UsageRollup.TYPE, accounts);
    }

    private static void bindUsage(PreparedStatement s, UsageKey key, long[] counts, int from) throws SQLException {
        s.setString(from, key.accountId());
        s.setDate(from + 1, Date.valueOf(key.day()));
        s.setString(from + 2, key.feature());
        s.setLong(from + 3, counts[0]);
        s.setLong(from + 4, counts[1]);
        s.addBatch();
    }

    private void upsertContacts(Connection c, Collection<Contact> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        EntityTable<Contact> table = store.table(Contact.TYPE);
        Set<String> accounts = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(table.upsertSql())) {
            for (Contact contact : contacts) {
                table.bind(s, contact);
                s.addBatch();
                accounts.add(contact.accountId());
            }
            s.executeBatch();
        }
        store.recordWrite(c, Contact.TYPE, accounts);
    }

    private static void hold(Connection c, Map<IngestEvent, String> held) throws SQLException {
        if (held.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_held (account_id, source_id, message_id, received_at, "
                + "reason, event) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<IngestEvent, String> h : held.entrySet()) {
                IngestEvent e = h.getKey();
                s.setString(1, e.accountId().orElse(""));
                s.setString(2, e.sourceId());
                s.setString(3, e.messageId());
                s.setTimestamp(4, Timestamp.from(e.receivedAt()));
                s.setString(5, truncate(h.getValue(), 1000));
                s.setString(6, e.json());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void recordRejections(Connection c, List<SourceStats.Rejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_rejections (source_id, rejected_at, events, reason) "
                + "VALUES (?, ?, ?, ?)")) {
            for (SourceStats.Rejection r : rejections) {
                s.setString(1, r.sourceId());
                s.setTimestamp(2, Timestamp.from(r.at()));
                s.setLong(3, r.events());
                s.setString(4, truncate(r.reason(), 1000));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    // ---- held events

    @Override
    public List<HeldEvent> held(Optional<String> sourceId, int limit) {
        return store.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT held_id, account_id, source_id, message_id, received_at, reason, "
                    + "event FROM ingest_held" + (sourceId.isPresent() ? " WHERE source_id = ?" : "") + " ORDER BY held_id LIMIT "
                    + Math.max(0, limit))) {
                if (sourceId.isPresent()) {
                    s.setString(1, sourceId.get());
                }
                List<HeldEvent> list = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(new HeldEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)));
                    }
                }
                return list;
            }
        });
    }

    @Override
    public long release(Map<Long, IngestEvent> events) throws DataException {
        if (events.isEmpty()) {
            return 0;
        }
        List<CountedUser> newlyCounted = new ArrayList<>();
        long released = store.inTransaction(c -> {
            newlyCounted.clear();
            // Claiming by delete first: of two nodes releasing the same event, only one gets it.
            List<IngestEvent> claimed = new ArrayList<>();
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ingest_held WHERE held_id = ?")) {
                for (Map.Entry<Long, IngestEvent> e : events.entrySet()) {
                    delete.setLong(1, e.getKey());
                    if (delete.executeUpdate() == 1) {
                        claimed.add(e.getValue());
                    }
                }
            }
            Map<IngestEvent, String> still = applyEffects(c, claimed, newlyCounted, null);
            hold(c, still);
            return (long) (claimed.size() - still.size());
        });
        remember(newlyCounted);
        return released;
    }

    @Override
    public long forget(Instant before) {
        return store.withConnection(c -> {
            long n = 0;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ingest_message_ids WHERE received_at < ?")) {
                s.setTimestamp(1, Timestamp.from(before));
                n += s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ingest_message_batches WHERE received_at < ?")) {
                s.setTimestamp(1, Timestamp.from(before));
                n += s.executeUpdate();
            }
            store.ledgerLock().lock();
            try {
                seen.forget(before.toEpochMilli(), System.currentTimeMillis());
            } finally {
                store.ledgerLock().unlock();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ingest_rejections WHERE rejected_at < ?")) {
                s.setTimestamp(1, Timestamp.from(before));
                n += s.executeUpdate();
            }
            return n;
        });
    }
}
