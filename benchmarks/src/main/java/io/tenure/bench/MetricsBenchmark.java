package io.tenure.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.metrics.RetentionCalculator;
import io.tenure.metrics.RevenueLedger;

/**
 * The retention metric (cohort, expansion, contraction, churn, NRR, GRR for one year) computed by Tenure's engine on
 * its in-memory columnar ledger, against DuckDB (an in-process analytical database) answering the same question in SQL
 * over the same movements, loaded into an in-memory table. Both are warm; the figures must agree to the cent.
 */
public final class MetricsBenchmark {
    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accountCount = Integer.getInteger("bench.accounts", 100_000);
        List<Account> accounts = new ArrayList<>();
        List<ArrMovement> movements = new ArrayList<>();
        generate(accountCount, accounts, movements);
        System.out.printf("Metrics: retention for one year over %,d accounts and %,d movements, %d cores%n", accountCount,
                movements.size(), Runtime.getRuntime().availableProcessors());
        long loadStart = System.nanoTime();
        RevenueLedger ledger = RevenueLedger.of(accounts, movements);
        System.out.printf("  Tenure ledger built in %d ms (once, then kept until the tables change)%n",
                (System.nanoTime() - loadStart) / 1_000_000);
        LocalDate from = LocalDate.of(2025, 1, 1);
        LocalDate to = LocalDate.of(2026, 1, 1);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                s.execute("CREATE TABLE movements (account_id VARCHAR, date DATE, type VARCHAR, amount BIGINT)");
            }
            try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "movements")) {
                for (ArrMovement m : movements) {
                    appender.beginRow();
                    appender.append(m.accountId());
                    appender.append(m.date().toString());
                    appender.append(io.tenure.api.data.Codes.code(m.type()));
                    appender.append(m.amount().minorUnits());
                    appender.endRow();
                }
            }
            String sql = """
                    WITH s AS (SELECT account_id, SUM(CASE WHEN type IN ('contraction', 'churn') THEN -amount ELSE amount END) AS arr
                               FROM movements WHERE date < ? GROUP BY account_id HAVING arr > 0),
                         p AS (SELECT m.account_id,
                                      SUM(CASE WHEN type IN ('expansion', 'reactivation', 'new') THEN amount ELSE 0 END) AS exp,
                                      SUM(CASE WHEN type = 'contraction' THEN amount ELSE 0 END) AS con,
                                      SUM(CASE WHEN type = 'churn' THEN amount ELSE 0 END) AS chu
                               FROM movements m JOIN s USING (account_id) WHERE date >= ? AND date < ? GROUP BY m.account_id)
                    SELECT COUNT(*), SUM(s.arr), SUM(COALESCE(exp, 0)), SUM(COALESCE(con, 0)), SUM(COALESCE(chu, 0)),
                           SUM(CASE WHEN s.arr + COALESCE(exp, 0) - COALESCE(con, 0) - COALESCE(chu, 0) > 0 THEN 1 ELSE 0 END)
                    FROM s LEFT JOIN p USING (account_id)""";
            long[] duckFigures = null;
            List<Long> duckTimes = new ArrayList<>();
            List<Long> tenureTimes = new ArrayList<>();
            RetentionCalculator.Retention r = null;
            for (int run = 0; run < 25; run++) {
                long t0 = System.nanoTime();
                try (PreparedStatement q = duck.prepareStatement(sql)) {
                    q.setObject(1, from);
                    q.setObject(2, from);
                    q.setObject(3, to);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        duckFigures = new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6) };
                    }
                }
                duckTimes.add(System.nanoTime() - t0);
                long t1 = System.nanoTime();
                r = RetentionCalculator.compute(ledger, from, to, a -> true);
                tenureTimes.add(System.nanoTime() - t1);
            }
            long[] tenureFigures = { r.cohortAccounts(), r.startingArr(), r.expansionArr(), r.contractionArr(), r.churnedArr(),
                r.retainedAccounts() };
            boolean same = java.util.Arrays.equals(duckFigures, tenureFigures);
            double duckMs = median(duckTimes) / 1e6;
            double tenureMs = median(tenureTimes) / 1e6;
            System.out.printf("  baseline DuckDB %s (in-memory table, SQL):   median %8.2f ms%n", "1.1.3", duckMs);
            System.out.printf("  Tenure metrics engine (columnar ledger):        median %8.2f ms   ratio DuckDB / Tenure %.1f (above 1 = Tenure faster)%n",
                    tenureMs, duckMs / tenureMs);
            System.out.printf("  same figures to the cent: %s (cohort %d, starting %s, NRR %s, GRR %s)%n", same ? "yes" : "NO",
                    r.cohortAccounts(), Money.ofMinor(r.startingArr(), "USD"), r.nrr(), r.grr());
            if (!same) {
                System.out.println("  DuckDB " + java.util.Arrays.toString(duckFigures) + " vs Tenure " + java.util.Arrays.toString(tenureFigures));
            }
        }
    }

    private static void generate(int count, List<Account> accounts, List<ArrMovement> movements) {
        SplittableRandom r = new SplittableRandom(7);
        LocalDate start = LocalDate.of(2023, 1, 1);
        Vertical[] verticals = Vertical.values();
        int seq = 0;
        for (int i = 0; i < count; i++) {
            String id = "a" + i;
            LocalDate signed = start.plusDays(r.nextInt(1000));
            accounts.add(new Account(id, id, verticals[i % 4], Optional.empty(), Optional.empty(), Optional.empty(), signed,
                    JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
            long arr = 100_000 + r.nextLong(10_000_000);
            movements.add(movement(id, ++seq, signed, MovementType.NEW, null, arr));
            LocalDate d = signed;
            for (int k = 0; k < 19; k++) {
                d = d.plusDays(10 + r.nextInt(40));
                int kind = r.nextInt(10);
                if (kind < 6) {
                    long amount = 100 + r.nextLong(arr / 5 + 1);
                    movements.add(movement(id, ++seq, d, MovementType.EXPANSION, MovementKind.SEAT, amount));
                    arr += amount;
                } else if (kind < 9 && arr > 200) {
                    long amount = 100 + r.nextLong(arr / 4);
                    movements.add(movement(id, ++seq, d, MovementType.CONTRACTION, MovementKind.TIER, amount));
                    arr -= amount;
                } else {
                    movements.add(movement(id, ++seq, d, MovementType.CHURN, MovementKind.VOLUNTARY, arr));
                    d = d.plusDays(200);
                    arr = 50_000 + r.nextLong(1_000_000);
                    movements.add(movement(id, ++seq, d, MovementType.REACTIVATION, null, arr));
                }
            }
        }
    }

    private static ArrMovement movement(String account, int seq, LocalDate date, MovementType type, MovementKind kind, long minor) {
        return new ArrMovement(account, "m" + seq, date, type, Optional.ofNullable(kind), Money.ofMinor(minor, "USD"),
                MovementSource.CS_LED, Optional.empty());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
