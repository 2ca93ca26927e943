package io.tenure.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.PGConnection;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.store.Database;
import io.tenure.store.JdbcDataStore;

/**
 * Import of a large movements.csv (1M rows by default) through the store's atomic, validating, streaming import, into
 * the embedded H2 and into PostgreSQL, against the baseline of PostgreSQL's own {@code COPY} of the same file into a
 * plain table in the same run. Also prints the peak heap, which must not grow with the number of rows.
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        int accounts = Math.max(1, rows / 100);
        Path dir = Files.createTempDirectory("tenure-import-bench");
        Path accountsCsv = dir.resolve("accounts.csv");
        Path movementsCsv = dir.resolve("movements.csv");
        write(accountsCsv, movementsCsv, accounts, rows);
        System.out.printf("Import: %,d movement rows for %,d accounts (%,d MB file), heap limit %d MB, %d cores%n", rows,
                accounts, Files.size(movementsCsv) >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        String pgUrl = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_URL")).orElse("jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_USER")).orElse(System.getProperty("user.name"));
        double copy = Double.NaN;
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        boolean pg = true;
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "")) {
            exec(c, "CREATE SCHEMA " + schema);
            exec(c, "CREATE TABLE " + schema + ".copy_movements (account_id VARCHAR(100), date DATE, type VARCHAR(40), "
                    + "kind VARCHAR(40), amount NUMERIC(20,2), currency VARCHAR(3), source VARCHAR(40))");
            long started = System.nanoTime();
            try (Reader r = Files.newBufferedReader(movementsCsv)) {
                ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn("COPY " + schema
                        + ".copy_movements FROM STDIN WITH (FORMAT csv, HEADER true)", r);
            }
            copy = rows / seconds(started);
            System.out.printf("  baseline PostgreSQL COPY into a plain table:      %,10.0f rows/s%n", copy);
        } catch (SQLException e) {
            pg = false;
            System.out.println("  PostgreSQL at " + pgUrl + " is not reachable (" + e.getMessage() + "): no baseline, no PostgreSQL run");
        }
        try {
            if (pg) {
                Database db = Database.open(Optional.of(pgUrl + "?currentSchema=" + schema), Optional.of(pgUser), Optional.empty(),
                        dir, 4);
                report("Tenure import into PostgreSQL", db, accountsCsv, movementsCsv, rows, copy);
            }
            Database h2 = Database.open(Optional.empty(), Optional.empty(), Optional.empty(), dir.resolve("h2"), 4);
            report("Tenure import into H2 (embedded)", h2, accountsCsv, movementsCsv, rows, copy);
        } finally {
            if (pg) {
                try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "")) {
                    exec(c, "DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    private static void report(String what, Database db, Path accountsCsv, Path movementsCsv, int rows, double copy)
            throws Exception {
        try (JdbcDataStore store = new JdbcDataStore(db); InputStream a = Files.newInputStream(accountsCsv);
                InputStream m = Files.newInputStream(movementsCsv)) {
            resetPeaks();
            long started = System.nanoTime();
            Map<String, Long> counts = store.importData(List.of(
                    new DataStore.ImportInput(Account.TYPE, DataFormat.CSV, "accounts.csv", a),
                    new DataStore.ImportInput(ArrMovement.TYPE, DataFormat.CSV, "movements.csv", m)), n -> { });
            double rate = rows / seconds(started);
            System.out.printf("  %-48s %,10.0f rows/s   ratio to COPY %.2f   peak heap %d MB   (%,d movements stored)%n",
                    what + ":", rate, rate / copy, peakHeapMb(), counts.get("movements"));
        }
    }

    private static void write(Path accounts, Path movements, int accountCount, int rows) throws IOException {
        SplittableRandom r = new SplittableRandom(42);
        LocalDate start = LocalDate.of(2023, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(accounts, StandardCharsets.UTF_8)) {
            w.write("account_id,name,vertical,segment,signed_date,owner\n");
            String[] verticals = { "enterprise", "plg", "marketplace", "haas" };
            for (int i = 0; i < accountCount; i++) {
                w.write("a" + i + ",Account " + i + "," + verticals[i % 4] + ",smb," + start.plusDays(i % 365) + ",csm-" + (i % 40) + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(movements, StandardCharsets.UTF_8)) {
            w.write("account_id,date,type,kind,amount,currency,source\n");
            String[] kinds = { "seat", "tier", "cross_sell", "usage" };
            for (int i = 0; i < rows; i++) {
                int account = i % accountCount;
                LocalDate date = start.plusDays(r.nextInt(1095));
                String amount = (100 + r.nextInt(1_000_000)) + "." + String.format("%02d", r.nextInt(100));
                if (i < accountCount) {
                    w.write("a" + account + "," + date + ",new,," + amount + ",USD,sales_led\n");
                } else {
                    w.write("a" + account + "," + date + "," + (r.nextInt(4) == 0 ? "contraction" : "expansion") + ","
                            + kinds[r.nextInt(4)] + "," + amount + ",USD,cs_led\n");
                }
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
