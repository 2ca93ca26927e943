package io.tenure.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.tenure.api.account.Account;
import io.tenure.api.data.Query;
import io.tenure.demo.DemoGenerator;
import io.tenure.demo.DemoLoader;
import io.tenure.store.Database;
import io.tenure.store.JdbcDataStore;

/**
 * The demo base of a benchmark in a PostgreSQL schema of its own: loaded, vacuumed as autovacuum would, and dropped at
 * the end; or, with {@code -Dbench.schema=NAME}, kept in that schema and reused by the next run (skipping the load).
 */
final class DemoBase implements AutoCloseable {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    final JdbcDataStore store;
    final String url;
    final String user;
    final String schema;
    private final boolean kept;

    private DemoBase(JdbcDataStore store, String url, String user, String schema, boolean kept) {
        this.store = store;
        this.url = url;
        this.user = user;
        this.schema = schema;
        this.kept = kept;
    }

    /** The URL of the schema, for plain JDBC next to the store. */
    String schemaUrl() {
        return url + "?currentSchema=" + schema;
    }

    static DemoBase open(String title, int accounts) throws Exception {
        String url = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_URL")).orElse("jdbc:postgresql://127.0.0.1:5432/test");
        String user = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_USER")).orElse(System.getProperty("user.name"));
        Optional<String> kept = Optional.ofNullable(System.getProperty("bench.schema")).filter(n -> !n.isBlank());
        String schema = kept.orElse("bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        boolean load;
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            load = !s.executeQuery("SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + schema + "'").next();
            if (load) {
                s.execute("CREATE SCHEMA " + schema);
            }
        }
        JdbcDataStore store = new JdbcDataStore(Database.open(Optional.of(url + "?currentSchema=" + schema), Optional.of(user),
                Optional.empty(), Path.of("."), 4));
        DemoBase base = new DemoBase(store, url, user, schema, kept.isPresent());
        try {
            if (load) {
                long t0 = System.nanoTime();
                long records = DemoLoader.load(store, new DemoGenerator(DemoGenerator.DEFAULT_SEED, accounts, AS_OF), n -> { });
                System.out.printf("%s through PostgreSQL: %,d demo accounts, %,d records loaded in %.0f s%n", title, accounts,
                        records, (System.nanoTime() - t0) / 1e9);
            } else {
                System.out.printf("%s through PostgreSQL: reusing the %,d accounts of schema %s%n", title,
                        store.repository(Account.TYPE).count(Query.all()), schema);
            }
            try (Connection c = DriverManager.getConnection(base.schemaUrl(), user, ""); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
            return base;
        } catch (Exception | Error e) {
            base.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        store.close();
        if (!kept) {
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
