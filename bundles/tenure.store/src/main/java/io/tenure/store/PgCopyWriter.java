package io.tenure.store;

import static io.tenure.store.Database.quote;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.tenure.api.data.Field;
import io.tenure.api.data.FieldType;
import io.tenure.api.money.Money;

/**
 * PostgreSQL bulk upsert: rows are streamed with COPY into a temporary staging table (dropped at commit), then merged
 * into the table with one {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE} that keeps the last row of each key.
 * An order of magnitude faster than row-by-row upserts, and still one transaction.
 */
final class PgCopyWriter<T> implements BulkWriter<T> {
    private static final int FLUSH_ROWS = 200_000;
    private static final CSVFormat COPY_CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();

    private final Connection c;
    private final EntityTable<T> table;
    private final String stage;
    private final String columns;
    private final StringWriter text = new StringWriter();
    private final CSVPrinter printer;
    private CopyIn copy;
    private Set<String> present;
    private long rows;

    PgCopyWriter(Connection c, EntityTable<T> table) throws SQLException {
        this.c = c;
        this.table = table;
        this.stage = quote("tenure_stage_" + table.type().name());
        this.columns = table.type().fields().stream().map(f -> quote(EntityTable.column(f))).collect(Collectors.joining(", "));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + table.table() + ") ON COMMIT DROP");
            s.execute("ALTER TABLE " + stage + " ADD COLUMN IF NOT EXISTS tenure_line BIGINT");
            s.execute("TRUNCATE " + stage);
        }
        try {
            printer = new CSVPrinter(text, COPY_CSV);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void add(T entity, Set<String> fields, long line) throws SQLException {
        if (!fields.equals(present)) {
            flush();
            present = fields;
        }
        if (copy == null) {
            copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + stage + " (" + columns
                    + ", tenure_line) FROM STDIN WITH (FORMAT csv)");
        }
        try {
            for (Field<T> f : table.type().fields()) {
                printer.print(copyText(f.type(), f.valueOf(entity)));
            }
            printer.print(line);
            printer.println();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (text.getBuffer().length() > 1 << 16) {
            send();
        }
        if (++rows % FLUSH_ROWS == 0) {
            flush();
        }
    }

    /** A value as COPY reads it: null as an empty unquoted field, money in minor units. */
    private static Object copyText(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case MONEY -> ((Money) value).minorUnits();
            case TAGS -> String.join(";", cast(value));
            default -> value.toString();
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object value) {
        return (List<String>) value;
    }

    private void send() throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.getBuffer().setLength(0);
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    @Override
    public void flush() throws SQLException {
        if (copy == null) {
            return;
        }
        send();
        copy.endCopy();
        copy = null;
        List<String> key = table.type().key();
        String keys = key.stream().map(Database::quote).collect(Collectors.joining(", "));
        String updates = table.type().fields().stream().filter(f -> present.contains(f.name()) && !key.contains(f.name()))
                .map(f -> quote(EntityTable.column(f)) + " = EXCLUDED." + quote(EntityTable.column(f)))
                .collect(Collectors.joining(", "));
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + table.table() + " (" + columns + ") SELECT " + columns + " FROM (SELECT DISTINCT ON ("
                    + keys + ") * FROM " + stage + " ORDER BY " + keys + ", tenure_line DESC) s ON CONFLICT (" + keys + ") "
                    + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates));
            s.execute("TRUNCATE " + stage);
        } catch (SQLException e) {
            throw new SQLException(table.type().name() + ": the database refused the rows: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
