package io.tenure.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/** JDBC batches of {@link #BATCH} upserts, flushed whenever the set of present fields changes. */
final class BatchWriter<T> implements BulkWriter<T> {
    static final int BATCH = 1000;

    private final Connection c;
    private final EntityTable<T> table;
    private PreparedStatement statement;
    private Set<String> present;
    private int size;
    private long firstLine;

    BatchWriter(Connection c, EntityTable<T> table) {
        this.c = c;
        this.table = table;
    }

    @Override
    public void add(T entity, Set<String> fields, long line) throws SQLException {
        if (!fields.equals(present)) {
            flush();
            close();
            statement = c.prepareStatement(table.upsertSql(fields));
            present = fields;
        }
        if (size == 0) {
            firstLine = line;
        }
        table.bind(statement, entity);
        statement.addBatch();
        if (++size == BATCH) {
            flush();
        }
    }

    @Override
    public void flush() throws SQLException {
        if (size == 0) {
            return;
        }
        try {
            statement.executeBatch();
        } catch (SQLException e) {
            throw new SQLException("rows from line " + firstLine + " of " + table.type().name() + ": " + e.getMessage(),
                    e.getSQLState(), e);
        }
        size = 0;
    }

    @Override
    public void close() throws SQLException {
        if (statement != null) {
            statement.close();
            statement = null;
        }
    }
}
