package io.tenure.store;

import static io.tenure.store.Database.quote;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityContribution;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;
import io.tenure.api.data.RowError;
import io.tenure.api.readiness.Readiness;
import io.tenure.api.readiness.ReadinessCheck;
import io.tenure.store.io.BadInputException;
import io.tenure.store.io.RowParser;
import io.tenure.store.io.RowSource;
import io.tenure.store.io.RowWriter;

/**
 * The {@link DataStore} on H2 or PostgreSQL. Opening the database and migrating its schema happen at activation; if
 * either fails the store reports itself failed in {@code /health} with the reason, and the launcher stops.
 */
@Component(service = { DataStore.class, ReadinessCheck.class }, property = ReadinessCheck.FEATURE_PROPERTY + "=core",
        configurationPid = JdbcDataStore.PID)
@Designate(ocd = JdbcDataStore.Config.class)
public class JdbcDataStore implements DataStore, ReadinessCheck, AutoCloseable {
    public static final String PID = "io.tenure.store";
    /** The migrations, in order; a new migration is a new file here, never an edit of an applied one. */
    static final List<String> MIGRATIONS = List.of("V1__customer_data.sql", "V2__health_scores.sql",
            "V3__table_versions.sql", "V4__change_log.sql", "V5__time_indexes.sql", "V6__ingest.sql", "V7__forecast.sql",
            "V8__task_outcomes.sql", "V9__extension_entities.sql", "V10__message_batches.sql");
    /** How long the change log keeps entries. */
    static final java.time.Duration CHANGE_LOG_KEPT = java.time.Duration.ofDays(7);
    static final int MAX_LISTED_ERRORS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDataStore.class);

    @ObjectClassDefinition(name = "Tenure store", description = "The customer-data database. The database itself is "
            + "chosen by TENURE_JDBC_URL, TENURE_JDBC_USER and TENURE_JDBC_PASSWORD (embedded H2 under data/db when unset).")
    public @interface Config {
        @AttributeDefinition(name = "Connection pool size", description = "Most open connections to the database.",
                min = "1", max = "200")
        int poolSize() default 8;

        @AttributeDefinition(name = "Message ids in memory", description = "Most message ids each node keeps in memory to "
                + "deduplicate ingested events (about 16 bytes each). Within the ingestion's deduplication window every id "
                + "is remembered until this many are; past it the oldest are forgotten early (logged).",
                min = "100000", max = "1000000000")
        int dedupeMaxMessageIds() default 10_000_000;
    }

    /** SQL work on a connection. */
    interface Work<R> {
        R run(Connection c) throws SQLException, DataException;
    }

    private volatile Database db;
    private volatile long dedupeMaxMessageIds = 10_000_000;
    private final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;
    private volatile Readiness readiness = Readiness.notReady("opening the database");
    private final Map<EntityType<?>, EntityTable<?>> tables = new ConcurrentHashMap<>();
    /** Every bound contribution with its bundle's symbolic name, in the order they came. */
    private final Map<EntityContribution, String> contributions = new LinkedHashMap<>();
    /** The contributed types served now, by contribution. */
    private final Map<EntityContribution, List<EntityType<?>>> served = new LinkedHashMap<>();
    /** Contributed entities refused, with the reason (shown in the store's readiness detail). */
    private final Map<String, String> refused = new java.util.TreeMap<>();
    /**
     * The core types and then the contributed ones served now; null while only the core types are (building those
     * spins a few hundred accessor lambdas: the opening thread does it, beside the start of the other bundles).
     */
    private volatile List<EntityType<?>> types;

    public JdbcDataStore() {
    }

    /** A store over an open database, migrated here (tests and the command line). */
    public JdbcDataStore(Database db) throws Migrations.MigrationException, IOException {
        opened.countDown();
        start(db);
    }

    /**
     * Opens and migrates the database beside the start of the other bundles (it is the slowest part of a start); until
     * it is done {@code /health} says the store is starting, and calls wait for it.
     */
    @Activate
    void activate(BundleContext context, Config config) {
        dedupeMaxMessageIds = config.dedupeMaxMessageIds();
        Path data = Path.of(Optional.ofNullable(context.getProperty("tenure.data")).orElse("data"));
        Optional<Path> home = Optional.ofNullable(context.getProperty("tenure.home")).map(Path::of);
        long started = System.nanoTime();
        Thread opener = new Thread(() -> {
            try {
                // Entities.ALL is built here (its first use), on this thread beside the start of the other bundles.
                LOG.debug("{} core entity types", Entities.ALL.size());
                if (Database.seed(env(Database.URL_ENV), data, home)) {
                    LOG.info("New embedded database from the distribution's template {}", Database.TEMPLATE);
                }
                Database database = Database.open(env(Database.URL_ENV), env(Database.USER_ENV), env(Database.PASSWORD_ENV),
                        data, config.poolSize());
                long open = System.nanoTime();
                start(database);
                LOG.info("Store ready on {} (opened in {} ms, schema checked in {} ms)", database.description(),
                        (open - started) / 1_000_000, (System.nanoTime() - open) / 1_000_000);
            } catch (SQLException | IOException | Migrations.MigrationException | RuntimeException e) {
                readiness = Readiness.failed("the store cannot start: " + e.getMessage());
                LOG.error("The store cannot start: {}", e.getMessage());
            } finally {
                opened.countDown();
            }
        }, "tenure-store-open");
        opener.start();
        pruner = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenure-store-prune");
            t.setDaemon(true);
            return t;
        });
        pruner.scheduleWithFixedDelay(() -> {
            try {
                if (db != null) {
                    pruneChanges();
                }
            } catch (RuntimeException e) {
                LOG.warn("Pruning the change log failed: {}", e.getMessage());
            }
        }, 10, 24 * 60, java.util.concurrent.TimeUnit.MINUTES);
    }

    private java.util.concurrent.ScheduledExecutorService pruner;

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    private void start(Database database) throws Migrations.MigrationException, IOException {
        try {
            Migrations migrations = Migrations.fromClasspath(JdbcDataStore.class.getClassLoader(), MIGRATIONS,
                    Clock.systemUTC());
            migrations.apply(database);
        } catch (Migrations.MigrationException | IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        for (EntityType<?> type : Entities.ALL) {
            tables.put(type, new EntityTable<>(type, database.dialect()));
        }
        if (closed) {
            database.close();
            return;
        }
        synchronized (contributions) {
            db = database;
            contributions.forEach((c, bundle) -> serve(database, c, bundle));
            updateReadiness();
        }
    }

    /**
     * A bundle's entities: their tables are created or extended now (or once the database is open) and they are
     * served until the contribution goes. A type that breaks a rule is refused with the reason, the others served.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(EntityContribution contribution, org.osgi.framework.ServiceReference<EntityContribution> ref) {
        contribute(contribution, ref.getBundle().getSymbolicName());
    }

    /** Serves a contribution of the named bundle (also for tests and tools that run without a framework). */
    public void contribute(EntityContribution contribution, String bundle) {
        synchronized (contributions) {
            contributions.put(contribution, bundle);
            Database d = db;
            if (d != null) {
                serve(d, contribution, bundle);
                updateReadiness();
            }
        }
    }

    /** Stops serving a contribution's entities; their rows stay. */
    public void removeContribution(EntityContribution contribution) {
        synchronized (contributions) {
            contributions.remove(contribution);
            List<EntityType<?>> gone = served.remove(contribution);
            if (gone != null) {
                gone.forEach(tables::remove);
                LOG.info("Entities no longer served (their rows stay): {}", gone.stream().map(EntityType::name).toList());
            }
            rebuildTypes();
            updateReadiness();
        }
    }

    private void serve(Database database, EntityContribution contribution, String bundle) {
        List<EntityType<?>> accepted = new ArrayList<>();
        List<EntityType<?>> offered;
        try {
            offered = List.copyOf(contribution.types());
        } catch (RuntimeException e) {
            refused.put(bundle, "its EntityContribution failed: " + e);
            LOG.error("The entities of bundle {} are refused: its EntityContribution failed", bundle, e);
            return;
        }
        for (EntityType<?> type : offered) {
            Set<String> taken = new HashSet<>();
            types().forEach(t -> taken.add(t.name()));
            accepted.forEach(t -> taken.add(t.name()));
            try (Connection c = database.connection()) {
                ExtensionTables.check(type, taken);
                String done = ExtensionTables.ensure(c, database.dialect(), type, bundle);
                tables.put(type, new EntityTable<>(type, database.dialect()));
                accepted.add(type);
                refused.remove(type.name());
                LOG.info("Entity {} of bundle {} served ({})", type.name(), bundle, done);
            } catch (ExtensionTables.Refused e) {
                refused.put(type.name(), e.getMessage());
                LOG.error("Entity {} of bundle {} refused: {}", type.name(), bundle, e.getMessage());
            } catch (SQLException e) {
                refused.put(type.name(), "its table could not be created: " + e.getMessage());
                LOG.error("Entity {} of bundle {} refused: its table could not be created", type.name(), bundle, e);
            }
        }
        served.put(contribution, accepted);
        rebuildTypes();
    }

    private void rebuildTypes() {
        List<EntityType<?>> all = new ArrayList<>(Entities.ALL);
        served.values().forEach(all::addAll);
        types = List.copyOf(all);
    }

    private void updateReadiness() {
        Database d = db;
        if (d != null) {
            readiness = Readiness.ready(d.description() + (refused.isEmpty() ? ""
                    : "; entities refused: " + refused.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
    }

    @Override
    @Deactivate
    public void close() {
        closed = true;
        if (pruner != null) {
            pruner.shutdownNow();
        }
        try {
            opened.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Database d = db;
        db = null;
        if (d != null) {
            d.close();
        }
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public Readiness check() {
        return readiness;
    }

    public Database database() {
        return requireOpen();
    }

    private Database requireOpen() {
        try {
            opened.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Database d = db;
        if (d == null) {
            throw new IllegalStateException("the store is not available: " + readiness.detail());
        }
        return d;
    }

    @Override
    public List<EntityType<?>> types() {
        List<EntityType<?>> served = types;
        return served != null ? served : Entities.ALL;
    }

    @Override
    public Optional<EntityType<?>> type(String name) {
        return types().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public <T> Repository<T> repository(EntityType<T> type) {
        return new JdbcRepository<>(this, table(type));
    }

    @SuppressWarnings("unchecked")
    <T> EntityTable<T> table(EntityType<T> type) {
        requireOpen();
        EntityTable<T> t = (EntityTable<T>) tables.get(type);
        if (t == null) {
            throw new IllegalArgumentException("the store holds no entity " + type.name());
        }
        return t;
    }

    <R> R withConnection(Work<R> work) {
        try (Connection c = requireOpen().connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        } catch (DataException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private final java.util.concurrent.locks.ReentrantLock ledgerLock = new java.util.concurrent.locks.ReentrantLock();

    /**
     * One event-ledger apply at a time on this store (also across ledger instances, as while the component is
     * replaced; nodes sharing a PostgreSQL database also take an advisory lock).
     */
    java.util.concurrent.locks.ReentrantLock ledgerLock() {
        return ledgerLock;
    }

    /** Most message ids the event ledger keeps in memory (the store's setting). */
    long dedupeMaxMessageIds() {
        return dedupeMaxMessageIds;
    }

    <R> R inTransaction(Work<R> work) throws DataException {
        try (Connection c = requireOpen().connection()) {
            c.setAutoCommit(false);
            try {
                R result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | DataException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    private final Set<String> localLocks = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<AutoCloseable> tryLock(String name) {
        Database d = requireOpen();
        if (d.dialect() != Database.Dialect.POSTGRESQL) {
            return localLocks.add(name) ? Optional.of(() -> localLocks.remove(name)) : Optional.empty();
        }
        long key = name.hashCode() & 0xffffffffL | 0x7465_0000_0000_0000L;
        try {
            Connection c = d.connection();
            boolean locked;
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (!locked) {
                c.close();
                return Optional.empty();
            }
            return Optional.of(() -> {
                try (c; PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    s.setLong(1, key);
                    s.execute();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    @Override
    public long version(EntityType<?> type) {
        table(type);
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM tenure_table_versions WHERE table_name = ?")) {
                s.setString(1, type.name());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /**
     * Records a write to {@code type} inside its transaction: raises the table's version and logs which
     * accounts it touched (readers keeping derived copies rely on both).
     */
    void recordWrite(Connection c, EntityType<?> type, java.util.Collection<String> accountIds) throws SQLException {
        recordWrite(c, type.name(), type.accountScoped() ? accountIds : List.of());
    }

    /** As {@link #recordWrite(Connection, EntityType, java.util.Collection)}, for a table by name. */
    private void recordWrite(Connection c, String table, java.util.Collection<String> accountIds) throws SQLException {
        bump(c, table);
        logChanges(c, table, accountIds);
    }

    private void logChanges(Connection c, String table, java.util.Collection<String> accountIds) throws SQLException {
        if (accountIds.isEmpty()) {
            return;
        }
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tenure_changes (table_name, account_id, changed_at) VALUES (?, ?, ?)")) {
            int n = 0;
            for (String id : accountIds) {
                s.setString(1, table);
                s.setString(2, id);
                s.setTimestamp(3, now);
                s.addBatch();
                if (++n % 1000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    @Override
    public Changes changesSince(EntityType<?> type, long since) {
        table(type);
        return withConnection(c -> {
            long oldest;
            long newest;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(seq), MAX(seq) FROM tenure_changes")) {
                rs.next();
                oldest = rs.getLong(1);
                newest = rs.getLong(2);
            }
            Set<String> ids = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT account_id FROM tenure_changes WHERE table_name = ? "
                    + "AND seq > ? AND seq <= ?")) {
                s.setString(1, type.name());
                s.setLong(2, since);
                s.setLong(3, newest);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            boolean complete = since > 0 && (newest <= since || since >= oldest - 1);
            return new Changes(newest, ids, complete);
        });
    }

    /** Drops change-log entries older than {@link #CHANGE_LOG_KEPT}. */
    public void pruneChanges() {
        withConnection(c -> {
            // the newest entry always stays, so a reader can tell "nothing changed" from "the log was pruned"
            try (PreparedStatement s = c.prepareStatement("DELETE FROM tenure_changes WHERE changed_at < ? AND seq < "
                    + "(SELECT MAX(seq) FROM tenure_changes)")) {
                s.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minus(CHANGE_LOG_KEPT)));
                return s.executeUpdate();
            }
        });
    }

    /** Raises the version of {@code type}'s table inside the writing transaction (see {@link #version}). */
    private void bump(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE tenure_table_versions SET version = version + 1 WHERE table_name = ?")) {
            s.setString(1, table);
            if (s.executeUpdate() == 0) {
                try (PreparedStatement i = c.prepareStatement("INSERT INTO tenure_table_versions (table_name, version) VALUES (?, 1)")) {
                    i.setString(1, table);
                    i.executeUpdate();
                }
            }
        }
    }

    boolean accountExists(Connection c, String accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + quote("accounts") + " WHERE "
                + quote(EntityType.ACCOUNT_ID) + " = ?")) {
            s.setString(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Deletes every row that belongs to the account, in every account-scoped table but accounts itself, the tables of
     * contributed entities included, whether their bundle runs now or not.
     */
    void deleteDependents(Connection c, String accountId) throws SQLException {
        List<String> names = new ArrayList<>();
        for (EntityType<?> type : Entities.ALL) {
            if (type.accountScoped() && type != Account.TYPE) {
                names.add(type.name());
            }
        }
        names.addAll(ExtensionTables.names(c));
        for (String name : names) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + quote(name) + " WHERE "
                    + quote(EntityType.ACCOUNT_ID) + " = ?")) {
                s.setString(1, accountId);
                if (s.executeUpdate() > 0) {
                    recordWrite(c, name, List.of(accountId));
                }
            }
        }
    }

    @Override
    public boolean isEmpty() {
        return repository(Account.TYPE).count(Query.all()) == 0;
    }

    @Override
    public Map<String, Long> importData(List<ImportInput> inputs, LongConsumer progress) throws DataException, IOException {
        try (Connection c = requireOpen().connection()) {
            c.setAutoCommit(false);
            try {
                Importer importer = new Importer(c, progress);
                for (ImportInput input : inputs) {
                    importer.read(input);
                }
                if (importer.badRows > 0) {
                    c.rollback();
                    throw new DataException("nothing was imported: " + importer.badRows + " bad row(s)"
                            + (importer.badRows > importer.errors.size() ? "; the first " + importer.errors.size() + " are listed" : ""),
                            importer.errors, importer.badRows);
                }
                c.commit();
                return importer.counts;
            } catch (SQLException | RuntimeException | IOException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataException("nothing was imported: the database refused the data: " + e.getMessage());
        }
    }

    @Override
    public <T> long saveAll(EntityType<T> type, Iterable<? extends T> records) throws DataException {
        EntityTable<T> table = table(type);
        boolean checkAccount = type.accountScoped() && type != Account.TYPE;
        return inTransaction(c -> {
            Set<String> accounts = checkAccount ? accountIds(c) : Set.of();
            long n = 0;
            Set<String> all = type.fields().stream().map(io.tenure.api.data.Field::name).collect(java.util.stream.Collectors.toSet());
            Set<String> touched = new HashSet<>();
            try (BulkWriter<T> writer = BulkWriter.open(c, table, requireOpen().dialect())) {
                for (T record : records) {
                    if (type.accountScoped()) {
                        touched.add((String) type.fields().get(0).valueOf(record));
                    }
                    if (checkAccount) {
                        String accountId = (String) type.fields().get(0).valueOf(record);
                        if (!accounts.contains(accountId)) {
                            throw new DataException(type.name() + " record " + type.keyOf(record) + ": account '"
                                    + accountId + "' does not exist");
                        }
                    }
                    writer.add(record, all, ++n);
                }
                writer.flush();
            }
            if (n > 0) {
                recordWrite(c, type, touched);
            }
            return n;
        });
    }

    private static Set<String> accountIds(Connection c) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + quote(EntityType.ACCOUNT_ID) + " FROM " + quote("accounts"))) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** One import: reads every input, validates every row, and batches the good rows while no row is bad. */
    private final class Importer {
        final Connection c;
        final LongConsumer progress;
        final Set<String> accounts = new HashSet<>();
        final List<RowError> errors = new ArrayList<>();
        final Map<String, Long> counts = new LinkedHashMap<>();
        long badRows;
        long read;

        Importer(Connection c, LongConsumer progress) throws SQLException {
            this.c = c;
            this.progress = progress;
            accounts.addAll(accountIds(c));
        }

        void bad(RowError error) {
            badRows++;
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(error);
            }
        }

        <T> void read(ImportInput input) throws IOException, SQLException {
            @SuppressWarnings("unchecked")
            EntityType<T> type = (EntityType<T>) input.type();
            EntityTable<T> table = table(type);
            RowParser<T> parser = new RowParser<>(type);
            boolean checkAccount = type.accountScoped() && type != Account.TYPE;
            BulkWriter<T> batch = BulkWriter.open(c, table, requireOpen().dialect());
            long count = 0;
            long badBefore = badRows;
            Set<String> touched = new HashSet<>();
            RowSource source = null;
            try {
                source = RowSource.open(type, input.format(), input.source(), input.data());
                Optional<RowSource.RawRow> next;
                while ((next = source.next()).isPresent()) {
                    RowSource.RawRow raw = next.get();
                    if (++read % 10_000 == 0) {
                        progress.accept(read);
                    }
                    if (raw.error().isPresent()) {
                        bad(raw.error().get());
                        continue;
                    }
                    RowParser.Result<T> result = parser.parse(raw.values());
                    if (!result.ok()) {
                        badRows++;
                        for (RowParser.Problem p : result.problems()) {
                            if (errors.size() < MAX_LISTED_ERRORS) {
                                errors.add(new RowError(input.source(), raw.line(), p.column(), p.reason()));
                            }
                        }
                        continue;
                    }
                    T entity = result.entity();
                    String accountId = type.accountScoped() ? (String) type.fields().get(0).valueOf(entity) : null;
                    if (checkAccount && !accounts.contains(accountId)) {
                        bad(new RowError(input.source(), raw.line(), EntityType.ACCOUNT_ID, "account '" + accountId
                                + "' does not exist; import it first (accounts.csv) or in the same import"));
                        continue;
                    }
                    if (type == (EntityType<?>) Account.TYPE) {
                        accounts.add(accountId);
                    }
                    count++;
                    if (badRows == 0) {
                        batch.add(entity, present(type, raw.values()), raw.line());
                        if (accountId != null) {
                            touched.add(accountId);
                        }
                    }
                }
            } catch (CharacterCodingException e) {
                bad(new RowError(input.source(), source == null ? 1 : source.line(), "",
                        "is not valid UTF-8 text; save the file as UTF-8"));
            } catch (BadInputException e) {
                bad(new RowError(input.source(), source == null ? 1 : source.line(), "", e.getMessage()));
            } finally {
                if (source != null) {
                    source.close();
                }
            }
            if (badRows == 0) {
                batch.flush();
                if (count > 0) {
                    recordWrite(c, type, touched);
                }
            }
            batch.close();
            if (badRows == badBefore) {
                counts.merge(type.name(), count, Long::sum);
            }
            progress.accept(read);
        }

        private Set<String> present(EntityType<?> type, Map<String, String> values) {
            Set<String> present = new HashSet<>(values.keySet());
            type.generatedId().ifPresent(present::add);
            return present;
        }
    }

    @Override
    public long export(EntityType<?> type, Query query, DataFormat format, OutputStream out) throws IOException {
        return exportTyped(type, query, format, out);
    }

    private <T> long exportTyped(EntityType<T> type, Query query, DataFormat format, OutputStream out) throws IOException {
        long[] count = { 0 };
        try (RowWriter<T> writer = new RowWriter<>(type, format, out)) {
            try {
                repository(type).forEach(query, e -> {
                    try {
                        writer.write(e);
                        count[0]++;
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return count[0];
    }
}
