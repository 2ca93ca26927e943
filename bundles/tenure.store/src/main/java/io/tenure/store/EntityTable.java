package io.tenure.store;

import static io.tenure.store.Database.quote;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;
import io.tenure.api.data.Row;
import io.tenure.api.money.Money;

/**
 * The SQL of one entity's table, derived from its {@link EntityType}: one column per field (a money field is stored as
 * {@code <name>_minor}), the upsert of each dialect, and the mapping of values to and from JDBC.
 */
final class EntityTable<T> {
    private final EntityType<T> type;
    private final String table;
    private final String columnList;
    private final Database.Dialect dialect;
    private final Map<Set<String>, String> upserts = new ConcurrentHashMap<>();
    /** The column of the currency money fields are in (from 1), or 0 when the entity has none. */
    private final int currencyColumn;

    EntityTable(EntityType<T> type, Database.Dialect dialect) {
        this.type = type;
        this.dialect = dialect;
        this.table = quote(type.name());
        this.columnList = type.fields().stream().map(f -> quote(column(f))).collect(Collectors.joining(", "));
        this.currencyColumn = type.fields().stream().map(Field::name).toList().indexOf(EntityType.CURRENCY) + 1;
    }

    EntityType<T> type() {
        return type;
    }

    String table() {
        return table;
    }

    /** Inserts a row with every field, or updates every non-key field of the row with the same key. */
    String upsertSql() {
        return upsertSql(type.fields().stream().map(Field::name).collect(Collectors.toSet()));
    }

    /**
     * Inserts a row with every field (absent ones take their defaults), or updates only the {@code present} fields
     * of the row with the same key: an import whose file leaves out a column does not reset what is stored there.
     * Parameters are every field in order, as {@link #bind} sets them.
     */
    String upsertSql(Set<String> present) {
        return upserts.computeIfAbsent(Set.copyOf(present), this::buildUpsert);
    }

    private String buildUpsert(Set<String> present) {
        List<Field<T>> updated = type.fields().stream().filter(f -> present.contains(f.name()) && !type.key().contains(f.name()))
                .toList();
        if (dialect == Database.Dialect.POSTGRESQL) {
            String params = type.fields().stream().map(f -> "?").collect(Collectors.joining(", "));
            String keys = type.key().stream().map(Database::quote).collect(Collectors.joining(", "));
            String updates = updated.stream().map(f -> quote(column(f)) + " = EXCLUDED." + quote(column(f)))
                    .collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + columnList + ") VALUES (" + params + ") ON CONFLICT (" + keys + ") "
                    + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates);
        }
        String casts = type.fields().stream().map(f -> "CAST(? AS " + sqlType(f.type()) + ")").collect(Collectors.joining(", "));
        String on = type.key().stream().map(k -> "t." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
        String updates = updated.stream().map(f -> quote(column(f)) + " = s." + quote(column(f))).collect(Collectors.joining(", "));
        String sourceColumns = type.fields().stream().map(f -> "s." + quote(column(f))).collect(Collectors.joining(", "));
        return "MERGE INTO " + table + " t USING (VALUES (" + casts + ")) AS s (" + columnList + ") ON " + on
                + (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + updates)
                + " WHEN NOT MATCHED THEN INSERT (" + columnList + ") VALUES (" + sourceColumns + ")";
    }

    private static String sqlType(FieldType type) {
        return switch (type) {
            case TEXT, CODE, TAGS -> "VARCHAR";
            case INTEGER, MONEY -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
        };
    }

    String selectSql() {
        return "SELECT " + columnList + " FROM " + table;
    }

    /** The columns, each prefixed with a table alias ({@code t."account_id", ...}). */
    String columns(String alias) {
        return type.fields().stream().map(f -> alias + "." + quote(column(f))).collect(Collectors.joining(", "));
    }

    Database.Dialect dialect() {
        return dialect;
    }

    String keyCondition() {
        return type.key().stream().map(k -> quote(k) + " = ?").collect(Collectors.joining(" AND "));
    }

    String keyOrder() {
        return type.key().stream().map(Database::quote).collect(Collectors.joining(", "));
    }

    static String column(Field<?> f) {
        return f.type() == FieldType.MONEY ? f.name() + "_minor" : f.name();
    }

    /** Binds every field of {@code entity} in column order, from parameter 1. */
    void bind(PreparedStatement s, T entity) throws SQLException {
        int i = 1;
        for (Field<T> f : type.fields()) {
            bindValue(s, i++, f.type(), f.valueOf(entity));
        }
    }

    static void bindValue(PreparedStatement s, int index, FieldType type, Object value) throws SQLException {
        switch (type) {
            case TEXT, CODE -> s.setString(index, (String) value);
            case TAGS -> s.setString(index, value == null ? null : String.join(";", cast(value)));
            case INTEGER -> {
                if (value == null) {
                    s.setNull(index, Types.BIGINT);
                } else {
                    s.setLong(index, (Long) value);
                }
            }
            case MONEY -> {
                if (value == null) {
                    s.setNull(index, Types.BIGINT);
                } else {
                    s.setLong(index, ((Money) value).minorUnits());
                }
            }
            case BOOLEAN -> {
                if (value == null) {
                    s.setNull(index, Types.BOOLEAN);
                } else {
                    s.setBoolean(index, (Boolean) value);
                }
            }
            case DATE -> {
                if (value == null) {
                    s.setNull(index, Types.DATE);
                } else {
                    s.setObject(index, value, Types.DATE);
                }
            }
            case TIMESTAMP -> {
                if (value == null) {
                    s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    s.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object value) {
        return (List<String>) value;
    }

    /** Reads the current row of {@code rs} (selected with {@link #selectSql()}) into a record. */
    @SuppressWarnings("unchecked")
    T read(ResultSet rs) throws SQLException {
        List<Field<T>> fields = type.fields();
        Map.Entry<String, Object>[] values = new Map.Entry[fields.size()];
        int present = 0;
        String currency = currencyColumn == 0 ? null : rs.getString(currencyColumn);
        for (int i = 0; i < fields.size(); i++) {
            Field<T> f = fields.get(i);
            int col = i + 1;
            Object value = switch (f.type()) {
                case TEXT, CODE -> rs.getString(col);
                case TAGS -> {
                    String s = rs.getString(col);
                    yield s == null ? null : Arrays.stream(s.split(";")).filter(t -> !t.isEmpty()).toList();
                }
                case INTEGER -> nullable(rs, rs.getLong(col));
                case MONEY -> {
                    long minor = rs.getLong(col);
                    yield rs.wasNull() || currency == null ? null : Money.ofMinor(minor, currency);
                }
                case BOOLEAN -> nullable(rs, rs.getBoolean(col));
                case DATE -> rs.getObject(col, LocalDate.class);
                case TIMESTAMP -> {
                    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
                    yield t == null ? null : t.toInstant();
                }
            };
            if (value != null) {
                values[present++] = Map.entry(f.name(), value);
            }
        }
        return type.fromRow(new Row(Map.ofEntries(Arrays.copyOf(values, present))));
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    /** The key values in {@link EntityType#key()} order, checked against their field types. */
    List<Object> keyValues(List<Object> key) {
        if (key.size() != type.key().size()) {
            throw new IllegalArgumentException(type.name() + " are identified by " + String.join(", ", type.key())
                    + "; got " + key.size() + " value(s)");
        }
        return new ArrayList<>(key);
    }

    FieldType fieldType(String name) {
        return type.field(name).map(Field::type).orElseThrow();
    }
}
