package io.tenure.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The databases every store test runs against: the embedded H2 (a fresh file per test) and the local PostgreSQL (a
 * fresh schema per test, dropped afterwards). PostgreSQL is found through TENURE_TEST_JDBC_URL, by default
 * jdbc:postgresql://127.0.0.1:5432/test; when it is not reachable the PostgreSQL cases are skipped, except under CI
 * (CI=true), where they fail.
 */
public enum Databases {
    H2, POSTGRESQL;

    static final String PG_URL = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_USER"))
            .orElse(System.getProperty("user.name"));

    public static Stream<Databases> all() {
        return Stream.of(values());
    }

    /** An open database, empty; {@link Fresh#close()} removes it. */
    public Fresh open() throws Exception {
        if (this == H2) {
            Path dir = Files.createTempDirectory("tenure-store-test");
            return new Fresh(Database.open(Optional.empty(), Optional.empty(), Optional.empty(), dir, 4), null);
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL at " + PG_URL + " is required in CI and not reachable: "
                        + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL at " + PG_URL + " is not reachable: " + e.getMessage());
        }
        return new Fresh(Database.open(Optional.of(PG_URL + "?currentSchema=" + schema), Optional.of(PG_USER),
                Optional.empty(), Path.of("."), 4), schema);
    }

    /** A database made for one test. */
    public static final class Fresh implements AutoCloseable {
        public final Database db;
        private final String schema;

        Fresh(Database db, String schema) {
            this.db = db;
            this.schema = schema;
        }

        /**
         * A second connection pool on the same database, as another node of a cluster would have (PostgreSQL only:
         * the embedded H2 belongs to one process).
         */
        public Database another() throws SQLException {
            if (schema == null) {
                throw new IllegalStateException("the embedded H2 database is one process's own");
            }
            return Database.open(Optional.of(PG_URL + "?currentSchema=" + schema), Optional.of(PG_USER), Optional.empty(),
                    Path.of("."), 4);
        }

        @Override
        public void close() throws SQLException {
            db.close();
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
