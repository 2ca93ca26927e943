package io.tenure.store;

import static io.tenure.store.Database.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.data.Repository;
import io.tenure.api.health.HealthScore;
import io.tenure.store.io.FieldCodec;

/** A {@link Repository} over one table. */
final class JdbcRepository<T> implements Repository<T> {
    private final JdbcDataStore store;
    private final EntityTable<T> table;

    JdbcRepository(JdbcDataStore store, EntityTable<T> table) {
        this.store = store;
        this.table = table;
    }

    @Override
    public EntityType<T> type() {
        return table.type();
    }

    @Override
    public Optional<T> get(List<Object> key) {
        List<Object> values = table.keyValues(key);
        String sql = table.selectSql() + " WHERE " + table.keyCondition();
        return store.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bindKey(s, values, 1);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(table.read(rs)) : Optional.empty();
                }
            }
        });
    }

    private void bindKey(PreparedStatement s, List<Object> values, int from) throws SQLException {
        List<String> key = table.type().key();
        for (int i = 0; i < key.size(); i++) {
            Field<T> f = table.type().field(key.get(i)).orElseThrow();
            Object v = values.get(i);
            EntityTable.bindValue(s, from + i, f.type(), v instanceof String text && f.type() != FieldType.TEXT
                    ? FieldCodec.parse(f, text, null) : v);
        }
    }

    @Override
    public Page<T> list(Query query) {
        Where where = where(query);
        String order = order(query);
        return store.withConnection(c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table.table() + where.sql)) {
                where.bind(s);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<T> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(table.selectSql() + where.sql + order + " LIMIT ? OFFSET ?")) {
                int next = where.bind(s);
                s.setInt(next, query.limit());
                s.setLong(next + 1, query.offset());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(table.read(rs));
                    }
                }
            }
            return new Page<>(items, total, query.offset(), query.limit());
        });
    }

    @Override
    public List<T> ofAccount(String accountId) {
        if (!table.type().accountScoped()) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        forEach(new Query(Map.of(EntityType.ACCOUNT_ID, accountId), Optional.empty(), false, 0, 1), out::add);
        return out;
    }

    @Override
    public void forEach(Query query, Consumer<? super T> action) {
        stream(query, " ORDER BY " + table.keyOrder(), action);
    }

    @Override
    public void scan(Query query, Consumer<? super T> action) {
        stream(query, "", action);
    }

    private void stream(Query query, String order, Consumer<? super T> action) {
        Where where = where(query);
        String sql = table.selectSql() + where.sql + order;
        store.withConnection(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(1000);
                where.bind(s);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        action.accept(table.read(rs));
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    @Override
    public long count(Query query) {
        Where where = where(query);
        return store.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table.table() + where.sql)) {
                where.bind(s);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public T save(T entity) throws DataException {
        return store.inTransaction(c -> {
            checkAccount(c, entity);
            try (PreparedStatement s = c.prepareStatement(table.upsertSql())) {
                table.bind(s, entity);
                s.executeUpdate();
            }
            store.recordWrite(c, table.type(), table.type().accountScoped()
                    ? List.of((String) table.type().fields().get(0).valueOf(entity)) : List.of());
            return entity;
        });
    }

    private void checkAccount(Connection c, T entity) throws SQLException, DataException {
        EntityType<T> type = table.type();
        if (!type.accountScoped() || type == (EntityType<?>) Account.TYPE) {
            return;
        }
        String accountId = (String) type.field(EntityType.ACCOUNT_ID).orElseThrow().valueOf(entity);
        if (!store.accountExists(c, accountId)) {
            throw new DataException("account '" + accountId + "' does not exist; create it first");
        }
    }

    /**
     * One query: on PostgreSQL a lateral probe per account (the latest day before {@code before}, then its rows) over
     * the account ids as an array; on the embedded H2 the same probe per account on one connection.
     */
    @Override
    public java.util.Map<String, List<T>> latestBefore(String dateField, java.util.Collection<String> accountIds,
            java.time.LocalDate before) {
        if (table.type().field(dateField).map(f -> f.type() != FieldType.DATE).orElse(true) || !table.type().accountScoped()) {
            throw new IllegalArgumentException(table.type().name() + " has no date field " + dateField);
        }
        java.util.Map<String, List<T>> out = new java.util.LinkedHashMap<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        String date = Database.quote(dateField);
        String account = Database.quote(EntityType.ACCOUNT_ID);
        return store.withConnection(c -> {
            if (table.dialect() == Database.Dialect.POSTGRESQL) {
                String sql = "SELECT " + table.columns("t") + " FROM unnest(CAST(? AS VARCHAR[])) AS a(id) "
                        + "CROSS JOIN LATERAL (SELECT MAX(" + date + ") AS d FROM " + table.table() + " WHERE " + account
                        + " = a.id AND " + date + " < ?) m JOIN " + table.table() + " t ON t." + account + " = a.id AND t."
                        + date + " = m.d";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setArray(1, c.createArrayOf("varchar", accountIds.toArray()));
                    s.setObject(2, before);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            T row = table.read(rs);
                            out.computeIfAbsent((String) table.type().fields().get(0).valueOf(row), k -> new ArrayList<>()).add(row);
                        }
                    }
                }
                return out;
            }
            String sql = table.selectSql() + " WHERE " + account + " = ? AND " + date + " = (SELECT MAX(" + date + ") FROM "
                    + table.table() + " WHERE " + account + " = ? AND " + date + " < ?)";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (String id : accountIds) {
                    s.setString(1, id);
                    s.setString(2, id);
                    s.setObject(3, before);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(id, k -> new ArrayList<>()).add(table.read(rs));
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean delete(List<Object> key) {
        List<Object> values = table.keyValues(key);
        try {
            return store.inTransaction(c -> {
                if (table.type() == (EntityType<?>) Account.TYPE) {
                    store.deleteDependents(c, (String) values.get(0));
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table.table() + " WHERE " + table.keyCondition())) {
                    bindKey(s, values, 1);
                    boolean deleted = s.executeUpdate() > 0;
                    if (deleted) {
                        store.recordWrite(c, table.type(), table.type().accountScoped()
                                ? List.of((String) values.get(0)) : List.of());
                    }
                    return deleted;
                }
            });
        } catch (DataException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A WHERE clause from the equality filters, with its values parsed by field type. */
    private final class Where {
        final String sql;
        final List<Object[]> params = new ArrayList<>();

        Where(String sql) {
            this.sql = sql;
        }

        int bind(PreparedStatement s) throws SQLException {
            int i = 1;
            for (Object[] p : params) {
                EntityTable.bindValue(s, i++, (FieldType) p[0], p[1]);
            }
            return i;
        }
    }

    private void bound(Map<String, String> bounds, String comparison, List<String> conditions, List<Object[]> params) {
        for (Map.Entry<String, String> e : bounds.entrySet()) {
            Field<T> f = field(e.getKey(), "bound");
            if (f.type() == FieldType.TAGS || f.type() == FieldType.BOOLEAN) {
                throw new IllegalArgumentException("cannot bound " + table.type().name() + " by " + f.name());
            }
            Object value;
            try {
                value = FieldCodec.parse(f, e.getValue(), f.type() == FieldType.MONEY ? "USD" : null);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("bound " + f.name() + ": " + ex.getMessage());
            }
            conditions.add(quote(EntityTable.column(f)) + comparison);
            params.add(new Object[] { f.type(), value });
        }
    }

    private Where where(Query query) {
        List<String> conditions = new ArrayList<>();
        List<Object[]> params = new ArrayList<>();
        for (Map.Entry<String, String> e : query.filters().entrySet()) {
            if (e.getKey().equals(Query.HEALTH) && table.type() == (EntityType<?>) Account.TYPE) {
                Field<HealthScore> status = HealthScore.TYPE.field("status").orElseThrow();
                try {
                    params.add(new Object[] { FieldType.CODE, FieldCodec.parse(status, e.getValue(), null) });
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("filter health: " + ex.getMessage());
                }
                conditions.add(quote(EntityType.ACCOUNT_ID) + " IN (SELECT h.\"account_id\" FROM \"health_scores\" h WHERE "
                        + "h.\"status\" = ? AND h.\"date\" = (SELECT MAX(l.\"date\") FROM \"health_scores\" l "
                        + "WHERE l.\"account_id\" = h.\"account_id\"))");
                continue;
            }
            Field<T> f = field(e.getKey(), "filter");
            if (f.type() == FieldType.MONEY || f.type() == FieldType.TAGS) {
                throw new IllegalArgumentException("cannot filter " + table.type().name() + " by " + f.name());
            }
            Object value;
            try {
                value = FieldCodec.parse(f, e.getValue(), null);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("filter " + f.name() + ": " + ex.getMessage());
            }
            conditions.add(quote(f.name()) + " = ?");
            params.add(new Object[] { f.type(), value });
        }
        bound(query.atLeast(), " >= ?", conditions, params);
        bound(query.before(), " < ?", conditions, params);
        Where where = new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        where.params.addAll(params);
        return where;
    }

    private String order(Query query) {
        if (query.sort().isEmpty()) {
            return " ORDER BY " + table.keyOrder();
        }
        Field<T> f = field(query.sort().get(), "sort");
        return " ORDER BY " + quote(EntityTable.column(f)) + (query.descending() ? " DESC" : " ASC") + ", " + table.keyOrder();
    }

    private Field<T> field(String name, String what) {
        return table.type().field(name).orElseThrow(() -> new IllegalArgumentException("cannot " + what + " "
                + table.type().name() + " by '" + name + "'; fields are "
                + String.join(", ", table.type().fields().stream().map(Field::name).toList())));
    }
}
