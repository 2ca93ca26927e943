package io.tenure.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.tenure.metrics.CohortCalculator;
import io.tenure.metrics.LedgerSource;
import io.tenure.metrics.RetentionCalculator;
import io.tenure.metrics.RevenueLedger;
import io.tenure.store.Database;
import io.tenure.store.JdbcDataStore;

/**
 * The metrics engine at scale, as issue #5 asks: a generated base of 100K accounts, 1M ARR movements and 10M daily
 * usage rollups in PostgreSQL; a full recompute of retention for 12 monthly periods plus the monthly cohort matrix by
 * Tenure's engine and by DuckDB over the same movements in the same run (figures compared); then the real server on
 * that database: REST retention latency (p50, p99) after warm-up and its heap.
 */
public final class MetricsScaleBenchmark {
    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    private MetricsScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 100_000);
        int movementsPerAccount = 10;
        int usagePerAccount = 100;
        String pgUrl = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_URL")).orElse("jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_USER")).orElse(System.getProperty("user.name"));
        String schema = "scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement s = admin.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = pgUrl + "?currentSchema=" + schema;
        try {
            new JdbcDataStore(Database.open(Optional.of(url), Optional.of(pgUser), Optional.empty(), Path.of("."), 2)).close();
            long t0 = System.nanoTime();
            List<long[]> ledgerRows = load(url, pgUser, accounts, movementsPerAccount, usagePerAccount);
            System.out.printf("Metrics at scale: %,d accounts, %,d movements, %,d daily usage rollups loaded into PostgreSQL in %.0f s%n",
                    accounts, ledgerRows.size(), (long) accounts * usagePerAccount, (System.nanoTime() - t0) / 1e9);
            engineAndDuckDb(url, pgUser, ledgerRows);
            server(url, pgUser);
        } finally {
            try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** Writes the base with COPY; returns the movements as {account, epochDay, type(0 new,1 exp,2 con,3 churn,4 react), minor}. */
    private static List<long[]> load(String url, String user, int accounts, int perAccount, int usagePerAccount) throws Exception {
        SplittableRandom r = new SplittableRandom(99);
        List<long[]> ledger = new ArrayList<>(accounts * perAccount);
        StringBuilder acc = new StringBuilder();
        StringBuilder mov = new StringBuilder();
        String[] types = { "new", "expansion", "contraction", "churn", "reactivation" };
        String[] verticals = { "enterprise", "plg", "marketplace", "haas" };
        int seq = 0;
        for (int a = 0; a < accounts; a++) {
            LocalDate signed = START.plusDays(r.nextInt(1300));
            acc.append('a').append(a).append(",Account ").append(a).append(',').append(verticals[a % 4]).append(",smb,").append(signed)
                    .append(",csm-").append(a % 300).append(",adoption\n");
            long arr = 100_000 + r.nextLong(5_000_000);
            LocalDate d = signed;
            for (int k = 0; k < perAccount; k++) {
                int type;
                long amount;
                if (k == 0) {
                    type = 0;
                    amount = arr;
                } else if (arr == 0) {
                    type = 4;
                    amount = 50_000 + r.nextLong(1_000_000);
                    arr = amount;
                } else {
                    int x = r.nextInt(10);
                    if (x < 6) {
                        type = 1;
                        amount = 100 + r.nextLong(arr / 5 + 1);
                        arr += amount;
                    } else if (x < 9 && arr > 200) {
                        type = 2;
                        amount = 100 + r.nextLong(arr / 4);
                        arr -= amount;
                    } else {
                        type = 3;
                        amount = arr;
                        arr = 0;
                    }
                }
                ledger.add(new long[] { a, d.toEpochDay(), type, amount });
                mov.append('a').append(a).append(",m").append(++seq).append(',').append(d).append(',').append(types[type]).append(',')
                        .append(type == 1 ? "seat" : type == 2 ? "tier" : type == 3 ? "voluntary" : "").append(',').append(amount)
                        .append(",USD,cs_led\n");
                d = d.plusDays(15 + r.nextInt(60));
            }
        }
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY accounts (account_id, name, vertical, segment, signed_date, owner, stage) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(acc.toString()));
            copy.copyIn("COPY movements (account_id, movement_id, date, type, kind, amount_minor, currency, source) FROM STDIN "
                    + "WITH (FORMAT csv)", new StringReader(mov.toString()));
            StringBuilder use = new StringBuilder();
            for (int a = 0; a < accounts; a++) {
                for (int k = 0; k < usagePerAccount; k++) {
                    use.append('a').append(a).append(',').append(AS_OF.minusDays(k)).append(",*,").append(r.nextInt(5000)).append(',')
                            .append(r.nextInt(50)).append('\n');
                }
                if (use.length() > 8_000_000) {
                    copy.copyIn("COPY usage (account_id, date, feature, events, active_users) FROM STDIN WITH (FORMAT csv)",
                            new StringReader(use.toString()));
                    use.setLength(0);
                }
            }
            copy.copyIn("COPY usage (account_id, date, feature, events, active_users) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(use.toString()));
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE tenure_table_versions SET version = version + 1");
                s.execute("ANALYZE");
            }
        }
        return ledger;
    }

    private static void engineAndDuckDb(String url, String user, List<long[]> ledgerRows) throws Exception {
        List<LocalDate> months = new ArrayList<>();
        for (LocalDate m = AS_OF.withDayOfMonth(1).minusMonths(12); m.isBefore(AS_OF.withDayOfMonth(1)); m = m.plusMonths(1)) {
            months.add(m);
        }
        long[][] tenure = new long[12][];
        List<Long> engine = new ArrayList<>();
        long loadMs;
        int cohorts;
        try (JdbcDataStore store = new JdbcDataStore(Database.open(Optional.of(url), Optional.of(user), Optional.empty(), Path.of("."), 4))) {
            long t0 = System.nanoTime();
            RevenueLedger ledger = new LedgerSource(store).current();
            loadMs = (System.nanoTime() - t0) / 1_000_000;
            int matrix = 0;
            for (int run = 0; run < 5; run++) {
                long t1 = System.nanoTime();
                for (int i = 0; i < 12; i++) {
                    RetentionCalculator.Retention r = RetentionCalculator.compute(ledger, months.get(i), months.get(i).plusMonths(1), a -> true);
                    tenure[i] = new long[] { r.cohortAccounts(), r.startingArr(), r.expansionArr(), r.contractionArr(), r.churnedArr(),
                        r.retainedAccounts() };
                }
                matrix = CohortCalculator.compute(ledger, io.tenure.api.metrics.ReportingPeriod.Length.MONTH, AS_OF, a -> true, new java.math.BigDecimal("0.02")).size();
                engine.add(System.nanoTime() - t1);
            }
            cohorts = matrix;
        }
        long[][] duck = new long[12][];
        List<Long> duckTimes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE movements (account INTEGER, date DATE, type INTEGER, amount BIGINT)");
            }
            try (DuckDBAppender app = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "movements")) {
                for (long[] m : ledgerRows) {
                    app.beginRow();
                    app.append((int) m[0]);
                    app.append(LocalDate.ofEpochDay(m[1]).toString());
                    app.append((int) m[2]);
                    app.append(m[3]);
                    app.endRow();
                }
            }
            String retention = """
                    WITH p AS (SELECT m AS f, m + INTERVAL 1 MONTH AS t FROM generate_series(DATE '%s', DATE '%s', INTERVAL 1 MONTH) g(m)),
                    s AS (SELECT p.f, mv.account, SUM(CASE WHEN mv.type IN (2, 3) THEN -mv.amount ELSE mv.amount END) AS arr
                          FROM p JOIN movements mv ON mv.date < p.f GROUP BY p.f, mv.account HAVING arr > 0),
                    c AS (SELECT s.f, s.account, s.arr,
                                 COALESCE(SUM(CASE WHEN mv.type IN (0, 1, 4) THEN mv.amount END), 0) AS e,
                                 COALESCE(SUM(CASE WHEN mv.type = 2 THEN mv.amount END), 0) AS k,
                                 COALESCE(SUM(CASE WHEN mv.type = 3 THEN mv.amount END), 0) AS x
                          FROM s JOIN p ON p.f = s.f LEFT JOIN movements mv ON mv.account = s.account AND mv.date >= p.f AND mv.date < p.t
                          GROUP BY s.f, s.account, s.arr)
                    SELECT f, COUNT(*), SUM(arr), SUM(e), SUM(k), SUM(x), SUM(CASE WHEN arr + e - k - x > 0 THEN 1 ELSE 0 END)
                    FROM c GROUP BY f ORDER BY f""".formatted(months.get(0), months.get(11));
            String matrix = """
                    WITH acq AS (SELECT account, date_trunc('month', MIN(date)) AS cohort FROM movements WHERE type = 0 GROUP BY account),
                    mo AS (SELECT m FROM generate_series(DATE '2023-01-01', DATE '%s', INTERVAL 1 MONTH) g(m)),
                    arr AS (SELECT a.account, a.cohort, mo.m,
                                   GREATEST(0, SUM(CASE WHEN mv.type IN (2, 3) THEN -mv.amount ELSE mv.amount END)) AS v
                            FROM acq a JOIN mo ON mo.m >= a.cohort JOIN movements mv ON mv.account = a.account
                                 AND mv.date < mo.m + INTERVAL 1 MONTH
                            GROUP BY a.account, a.cohort, mo.m),
                    init AS (SELECT account, v FROM arr WHERE m = cohort)
                    SELECT arr.cohort, COUNT(DISTINCT arr.m), SUM(arr.v), SUM(LEAST(arr.v, init.v))
                    FROM arr JOIN init USING (account) GROUP BY arr.cohort""".formatted(AS_OF.withDayOfMonth(1).minusMonths(1));
            int duckCohorts = 0;
            for (int run = 0; run < 5; run++) {
                long t = System.nanoTime();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(retention)) {
                    int i = 0;
                    while (rs.next()) {
                        duck[i++] = new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7) };
                    }
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(matrix)) {
                    duckCohorts = 0;
                    while (rs.next()) {
                        duckCohorts++;
                    }
                }
                duckTimes.add(System.nanoTime() - t);
            }
            boolean same = true;
            for (int i = 0; i < 12; i++) {
                same &= java.util.Arrays.equals(tenure[i], duck[i]);
            }
            double e = median(engine) / 1e6;
            double d = median(duckTimes) / 1e6;
            System.out.printf("  Tenure ledger load from PostgreSQL: %,d ms (once; then kept until the tables change)%n", loadMs);
            System.out.printf("  baseline DuckDB 1.1.3, 12 monthly retention periods + monthly cohort matrix: median %8.0f ms (%d cohorts)%n",
                    d, duckCohorts);
            System.out.printf("  Tenure engine, the same:                                                median %8.0f ms (%d cohorts)   ratio DuckDB / Tenure %.1f%n",
                    e, cohorts, d / e);
            System.out.printf("  12 monthly retention figures equal to the cent: %s%n", same ? "yes" : "NO");
        }
    }

    private static void server(String url, String user) throws Exception {
        Path assembly = Path.of(System.getProperty("tenure.assembly")).toAbsolutePath();
        Path home = Files.createTempDirectory("tenure-scale");
        Installations.copy(assembly, home);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder b = new ProcessBuilder("bash", home.resolve("bin/tenure").toString(), "run", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(home.resolve("out.log").toFile());
        b.environment().put("TENURE_ADMIN_PASSWORD", "bench-admin-password");
        b.environment().put("TENURE_JDBC_URL", url);
        b.environment().put("TENURE_JDBC_USER", user);
        b.environment().put("TENURE_JAVA_OPTS", "-Xmx1g");
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("admin:bench-admin-password".getBytes(StandardCharsets.UTF_8));
        try {
            long deadline = System.currentTimeMillis() + 180_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not yet
                }
                Thread.sleep(200);
            }
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                LocalDate from = AS_OF.withDayOfMonth(1).minusMonths(1 + i % 24);
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/metrics/retention?from=" + from + "&to=" + from.plusMonths(1) + "&segment=smb"))
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.body());
                }
                if (i >= 20) {
                    times.add(System.nanoTime() - t);
                }
            }
            Collections.sort(times);
            System.out.printf("  REST /api/v1/metrics/retention after warm-up (300 calls): p50 %.1f ms, p99 %.1f ms   target p99 < 50 ms: %s%n",
                    times.get(times.size() / 2) / 1e6, times.get(times.size() * 99 / 100) / 1e6,
                    times.get(times.size() * 99 / 100) < 50_000_000 ? "MET" : "NOT MET");
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(p.toHandle().descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst()
                            .map(ProcessHandle::pid).orElse(p.pid())), "GC.heap_info").redirectErrorStream(true).start();
            String heap = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            heap.lines().filter(l -> l.contains("total") || l.contains("used")).limit(3).forEach(l -> System.out.println("  server heap: " + l.strip()));
        } finally {
            p.toHandle().descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor();
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
