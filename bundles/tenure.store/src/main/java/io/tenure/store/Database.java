package io.tenure.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool over the embedded H2 file database (the default) or PostgreSQL, and the few places where the
 * two speak different SQL.
 */
public final class Database implements AutoCloseable {
    /** Environment variables that select PostgreSQL (or any JDBC URL of a supported database). */
    public static final String URL_ENV = "TENURE_JDBC_URL";
    public static final String USER_ENV = "TENURE_JDBC_USER";
    public static final String PASSWORD_ENV = "TENURE_JDBC_PASSWORD";

    /** The SQL dialects Tenure speaks. */
    public enum Dialect {
        H2, POSTGRESQL
    }

    private final Dialect dialect;
    private final String description;
    private final HikariDataSource pool;

    private Database(Dialect dialect, String description, DataSource source, int poolSize) {
        this.dialect = dialect;
        this.description = description;
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("tenure-store");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        this.pool = new HikariDataSource(config);
    }

    /**
     * Opens the database named by {@code url}, or the embedded H2 file database under {@code dataDir/db} when
     * {@code url} is empty.
     *
     * @throws SQLException when the database cannot be reached; the message says which one and why
     * @throws IllegalArgumentException when the URL names a database Tenure does not support
     */
    /** Where the distribution keeps an empty, fully migrated embedded database, relative to its home. */
    public static final String TEMPLATE = "lib/template/db/tenure.mv.db";

    /**
     * On the first start of an embedded database: copies the distribution's empty, migrated database into
     * {@code dataDir} instead of creating one and running every migration (the schema is checked as at any start).
     *
     * @return whether a template was copied
     */
    public static boolean seed(Optional<String> url, Path dataDir, Optional<Path> home) throws java.io.IOException {
        Path file = dataDir.resolve("db").resolve("tenure.mv.db");
        if (url.filter(u -> !u.isBlank()).isPresent() || home.isEmpty() || java.nio.file.Files.exists(file)) {
            return false;
        }
        Path template = home.get().resolve(TEMPLATE);
        if (!java.nio.file.Files.isRegularFile(template)) {
            return false;
        }
        java.nio.file.Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling("tenure.mv.db.seeding");
        java.nio.file.Files.copy(template, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    public static Database open(Optional<String> url, Optional<String> user, Optional<String> password, Path dataDir,
            int poolSize) throws SQLException {
        String jdbcUrl = url.filter(u -> !u.isBlank()).orElse(null);
        if (jdbcUrl == null) {
            return h2("jdbc:h2:file:" + dataDir.resolve("db").resolve("tenure").toAbsolutePath(), user.orElse("tenure"),
                    password.orElse(""), poolSize);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
            source.setURL(jdbcUrl);
            user.ifPresent(source::setUser);
            password.ifPresent(source::setPassword);
            source.setReWriteBatchedInserts(true);
            source.setApplicationName("tenure");
            return connected(new Database(Dialect.POSTGRESQL, "PostgreSQL " + redact(jdbcUrl), source, poolSize));
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return h2(jdbcUrl, user.orElse("tenure"), password.orElse(""), poolSize);
        }
        throw new IllegalArgumentException(URL_ENV + " '" + redact(jdbcUrl)
                + "' is not supported: use jdbc:postgresql://host:port/database (or jdbc:h2:...)");
    }

    private static Database h2(String url, String user, String password, int poolSize) throws SQLException {
        org.h2.jdbcx.JdbcDataSource source = new org.h2.jdbcx.JdbcDataSource();
        // Lower-case identifiers and NULLs sorted last, as PostgreSQL does; the pool, not H2, decides when to close.
        String settings = ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
        source.setURL(url.contains("DATABASE_TO_LOWER") ? url : url + settings);
        source.setUser(user);
        source.setPassword(password);
        return connected(new Database(Dialect.H2, "H2 " + url, source, poolSize));
    }

    private static Database connected(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            c.isValid(5);
            return db;
        } catch (SQLException e) {
            db.close();
            throw new SQLException("cannot connect to " + db.description + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Which database this is, for logs and /health (never with a password). */
    public String description() {
        return description;
    }

    /** Quotes an identifier; every identifier in Tenure's SQL is lower case. */
    static String quote(String identifier) {
        return "\"" + identifier.toLowerCase(Locale.ROOT) + "\"";
    }

    @Override
    public void close() {
        if (dialect == Dialect.H2 && !pool.isClosed()) {
            try (Connection c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                // closing anyway; H2 recovers from its log on the next start
            }
        }
        pool.close();
    }
}
