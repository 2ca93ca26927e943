package io.tenure.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * Upserts many rows of one table inside the caller's transaction: JDBC batches on H2, COPY into a staging table and
 * one set-based upsert on PostgreSQL. Rows whose set of present fields differs are written with the update that
 * touches only those fields.
 */
interface BulkWriter<T> extends AutoCloseable {

    /** Adds a row; {@code line} names it in errors. */
    void add(T entity, Set<String> present, long line) throws SQLException;

    /** Writes what is pending. */
    void flush() throws SQLException;

    @Override
    void close() throws SQLException;

    static <T> BulkWriter<T> open(Connection c, EntityTable<T> table, Database.Dialect dialect) throws SQLException {
        return dialect == Database.Dialect.POSTGRESQL ? new PgCopyWriter<>(c, table) : new BatchWriter<>(c, table);
    }
}
