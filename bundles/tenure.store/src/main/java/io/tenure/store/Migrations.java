package io.tenure.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned SQL migrations ({@code db/migration/V<n>__<description>.sql}), applied in order at start and recorded with
 * a SHA-256 checksum in {@code tenure_schema_history}. A migration that was changed after it was applied stops the
 * start: the schema would no longer be what the code expects. On PostgreSQL an advisory lock makes sure only one of
 * several nodes migrates.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final long LOCK_KEY = 0x74656e757265L; // "tenure"

    /** A migration script. */
    public record Migration(int version, String description, String sql, String checksum) {
    }

    /** A migration that cannot be applied or no longer matches what was applied. */
    public static final class MigrationException extends Exception {
        private static final long serialVersionUID = 1L;

        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final List<Migration> migrations;
    private final Clock clock;

    public Migrations(List<Migration> migrations, Clock clock) {
        this.migrations = migrations.stream().sorted(java.util.Comparator.comparingInt(Migration::version)).toList();
        this.clock = clock;
    }

    /** The migrations of {@code names} (file names under {@code db/migration/}) read from the class loader. */
    public static Migrations fromClasspath(ClassLoader loader, List<String> names, Clock clock) throws IOException {
        List<Migration> list = new ArrayList<>();
        for (String name : names) {
            URL url = loader.getResource("db/migration/" + name);
            if (url == null) {
                throw new IOException("migration db/migration/" + name + " is missing from the bundle");
            }
            try (InputStream in = url.openStream()) {
                list.add(parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return new Migrations(list, clock);
    }

    static Migration parse(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration file " + fileName + " is not named V<number>__<description>.sql");
        }
        String normalized = sql.replace("\r\n", "\n");
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), normalized, sha256(normalized));
    }

    /** Applies what is missing. @return the versions applied now */
    public List<Integer> apply(Database db) throws MigrationException {
        try (Connection c = db.connection()) {
            if (db.dialect() == Database.Dialect.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
                }
            }
            try {
                return applyLocked(c);
            } finally {
                if (db.dialect() == Database.Dialect.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                    }
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("the database schema could not be migrated: " + e.getMessage(), e);
        }
    }

    private List<Integer> applyLocked(Connection c) throws SQLException, MigrationException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS tenure_schema_history (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        Map<Integer, String[]> applied = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, description, checksum FROM tenure_schema_history")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), new String[] { rs.getString(2), rs.getString(3) });
            }
        }
        for (Map.Entry<Integer, String[]> e : applied.entrySet()) {
            Migration known = migrations.stream().filter(m -> m.version() == e.getKey()).findFirst().orElse(null);
            if (known == null) {
                throw new MigrationException("the database has migration V" + e.getKey() + " (" + e.getValue()[0]
                        + ") which this version of Tenure does not know: it was made by a newer version", null);
            }
            if (!known.checksum().equals(e.getValue()[1])) {
                throw new MigrationException("migration V" + known.version() + " (" + known.description()
                        + ") was changed after it was applied: checksum " + known.checksum() + " differs from the applied "
                        + e.getValue()[1] + ". Restore the original script and add the change as a new migration.", null);
            }
        }
        List<Integer> done = new ArrayList<>();
        for (Migration m : migrations) {
            if (applied.containsKey(m.version())) {
                continue;
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : statements(m.sql())) {
                    s.execute(statement);
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO tenure_schema_history (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    p.setInt(1, m.version());
                    p.setString(2, m.description());
                    p.setString(3, m.checksum());
                    p.setTimestamp(4, Timestamp.from(clock.instant()));
                    p.executeUpdate();
                }
                c.commit();
                done.add(m.version());
                LOG.info("Applied migration V{} ({})", m.version(), m.description());
            } catch (SQLException e) {
                c.rollback();
                throw new MigrationException("migration V" + m.version() + " (" + m.description() + ") failed: "
                        + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return done;
    }

    /** Splits a script at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
