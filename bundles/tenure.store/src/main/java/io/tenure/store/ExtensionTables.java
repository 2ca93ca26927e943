package io.tenure.store;

import static io.tenure.store.Database.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;

/**
 * The tables of entities contributed by bundles ({@link io.tenure.api.data.EntityContribution}): created from the
 * entity's description, extended when a later version adds optional fields, and recorded with their owner and columns
 * in {@code tenure_extension_entities} so that an incompatible change is refused instead of corrupting stored rows.
 */
final class ExtensionTables {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    /** Why a contributed entity is not served. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A column as stored: its SQL type and whether it may be empty. */
    record Column(String name, String sqlType, boolean nullable) {
        String encode() {
            return name + " " + sqlType + (nullable ? "" : " NOT NULL");
        }

        static Column decode(String text) {
            String[] parts = text.strip().split(" ", 2);
            boolean notNull = parts[1].endsWith(" NOT NULL");
            return new Column(parts[0], notNull ? parts[1].substring(0, parts[1].length() - 9) : parts[1], !notNull);
        }

        /** The type without a length: VARCHAR(100) and VARCHAR(200) are one kind. */
        String kind() {
            int paren = sqlType.indexOf('(');
            return paren < 0 ? sqlType : sqlType.substring(0, paren);
        }

        int length() {
            int paren = sqlType.indexOf('(');
            return paren < 0 ? Integer.MAX_VALUE : Integer.parseInt(sqlType.substring(paren + 1, sqlType.length() - 1));
        }
    }

    /** The columns and key a description asks for. */
    record Spec(List<String> key, List<Column> columns) {
        static Spec of(EntityType<?> type) {
            List<Column> columns = new ArrayList<>();
            for (Field<?> f : type.fields()) {
                boolean key = type.key().contains(f.name());
                columns.add(new Column(EntityTable.column(f), sqlType(f), !key && !f.required()));
            }
            return new Spec(type.key(), columns);
        }

        String encode() {
            return String.join(",", key) + ";" + columns.stream().map(Column::encode).collect(Collectors.joining(","));
        }

        static Spec decode(String text) {
            String[] parts = text.split(";", 2);
            return new Spec(List.of(parts[0].split(",")),
                    java.util.Arrays.stream(parts[1].split(",")).map(Column::decode).toList());
        }

        Map<String, Column> byName() {
            Map<String, Column> m = new LinkedHashMap<>();
            columns.forEach(c -> m.put(c.name(), c));
            return m;
        }
    }

    private ExtensionTables() {
    }

    static String sqlType(Field<?> f) {
        return switch (f.type()) {
            case TEXT, CODE -> "VARCHAR(" + (f.maxLength() > 0 ? f.maxLength() : 4000) + ")";
            case TAGS -> "VARCHAR(" + Math.max(f.maxLength(), 4000) + ")";
            case INTEGER, MONEY -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
        };
    }

    /**
     * Checks a contributed type against the rules of {@link io.tenure.api.data.EntityContribution}.
     *
     * @param taken the names of the core entities and of the entities other contributions serve now
     */
    static void check(EntityType<?> type, Set<String> taken) throws Refused {
        String name = type.name();
        if (!NAME.matcher(name).matches()) {
            throw new Refused("entity name '" + name + "' is not lower case letters, digits and _ starting with a letter, "
                    + "at most 48 characters");
        }
        if (name.startsWith("tenure_")) {
            throw new Refused("entity name '" + name + "' starts with tenure_, which is kept for the store's own tables");
        }
        if (taken.contains(name)) {
            throw new Refused("entity name '" + name + "' is taken by a core entity or another bundle's entity");
        }
        if (!type.accountScoped()) {
            throw new Refused("entity '" + name + "' is not account-scoped: its first field must be account_id");
        }
        if (type.key().size() < 2) {
            throw new Refused("entity '" + name + "' has no key beyond account_id (add an id or keyed fields)");
        }
        for (Field<?> f : type.fields()) {
            if (!NAME.matcher(EntityTable.column(f)).matches()) {
                throw new Refused("entity '" + name + "': field name '" + f.name() + "' is not lower case letters, digits "
                        + "and _ starting with a letter");
            }
        }
    }

    /** The names of every contributed table ever created here, whether its bundle runs now or not. */
    static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT entity_name FROM tenure_extension_entities ORDER BY entity_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Creates the table of a checked type, or brings it to the type's description: adds the optional fields a later
     * version describes, lengthens text columns, relaxes a field that is no longer required.
     *
     * @return what was done, for the log
     * @throws Refused when the table belongs to another bundle, or the description removes, retypes or requires a
     *         stored field, or changes the key; the table is then left as it was
     */
    static String ensure(Connection c, Database.Dialect dialect, EntityType<?> type, String bundle)
            throws SQLException, Refused {
        Spec wanted = Spec.of(type);
        Optional<String[]> stored = stored(c, type.name());
        String table = quote(type.name());
        Instant now = Instant.now();
        if (stored.isEmpty()) {
            String columns = wanted.columns().stream().map(col -> quote(col.name()) + " " + col.sqlType()
                    + (col.nullable() ? "" : " NOT NULL")).collect(Collectors.joining(", "));
            String key = wanted.key().stream().map(Database::quote).collect(Collectors.joining(", "));
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ", PRIMARY KEY (" + key + "))");
                for (Field<?> f : type.fields()) {
                    if ((f.type() == FieldType.DATE || f.type() == FieldType.TIMESTAMP) && f.required()) {
                        s.execute("CREATE INDEX IF NOT EXISTS " + quote(type.name() + "_" + f.name()) + " ON " + table
                                + " (" + quote(f.name()) + ")");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tenure_extension_entities (entity_name, bundle, "
                    + "columns_spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, type.name());
                s.setString(2, bundle);
                s.setString(3, wanted.encode());
                s.setTimestamp(4, Timestamp.from(now));
                s.setTimestamp(5, Timestamp.from(now));
                s.executeUpdate();
            }
            return "created";
        }
        if (!stored.get()[0].equals(bundle)) {
            throw new Refused("entity '" + type.name() + "' belongs to bundle " + stored.get()[0]
                    + ", which created its table");
        }
        Spec had = Spec.decode(stored.get()[1]);
        if (!had.key().equals(wanted.key())) {
            throw new Refused("entity '" + type.name() + "': the key changed from " + had.key() + " to " + wanted.key()
                    + "; the stored rows are keyed by the first");
        }
        Map<String, Column> wantedColumns = wanted.byName();
        List<String> alterations = new ArrayList<>();
        for (Column old : had.columns()) {
            Column next = wantedColumns.get(old.name());
            if (next == null) {
                throw new Refused("entity '" + type.name() + "': stored field " + old.name() + " is missing; a later "
                        + "version may only add optional fields");
            }
            if (!next.kind().equals(old.kind())) {
                throw new Refused("entity '" + type.name() + "': stored field " + old.name() + " changed type from "
                        + old.sqlType() + " to " + next.sqlType());
            }
            if (old.nullable() && !next.nullable()) {
                throw new Refused("entity '" + type.name() + "': stored field " + old.name() + " became required; "
                        + "stored rows may have no value");
            }
            String column = quote(old.name());
            if (next.length() > old.length()) {
                alterations.add("ALTER TABLE " + table + " ALTER COLUMN " + column
                        + (dialect == Database.Dialect.POSTGRESQL ? " TYPE " : " SET DATA TYPE ") + next.sqlType());
            }
            if (!old.nullable() && next.nullable()) {
                alterations.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL");
            }
        }
        Map<String, Column> before = had.byName();
        for (Column added : wanted.columns()) {
            if (!before.containsKey(added.name())) {
                if (!added.nullable()) {
                    throw new Refused("entity '" + type.name() + "': added field " + added.name() + " is required; "
                            + "a field added later must be optional, the stored rows have no value for it");
                }
                alterations.add("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + quote(added.name()) + " "
                        + added.sqlType());
            }
        }
        if (alterations.isEmpty()) {
            return "unchanged";
        }
        try (Statement s = c.createStatement()) {
            for (String sql : alterations) {
                s.execute(sql);
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE tenure_extension_entities SET columns_spec = ?, updated_at = ? "
                + "WHERE entity_name = ?")) {
            s.setString(1, wanted.encode());
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, type.name());
            s.executeUpdate();
        }
        return alterations.size() + " change(s): " + String.join("; ", alterations);
    }

    /** @return the owning bundle and the stored column spec */
    private static Optional<String[]> stored(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT bundle, columns_spec FROM tenure_extension_entities "
                + "WHERE entity_name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new String[] { rs.getString(1), rs.getString(2) }) : Optional.empty();
            }
        }
    }
}
