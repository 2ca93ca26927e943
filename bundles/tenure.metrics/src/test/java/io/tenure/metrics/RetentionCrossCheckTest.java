package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Segment;
import io.tenure.api.account.Vertical;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/**
 * An independent check: on generated ledgers, every retention figure of the engine equals the one plain SQL over the
 * stored ledger gives, to the cent, for many periods and slices, on H2 and PostgreSQL.
 */
class RetentionCrossCheckTest {
    private static final String SQL = """
            WITH s AS (SELECT m.account_id,
                              SUM(CASE WHEN m.type IN ('contraction', 'churn') THEN -m.amount_minor ELSE m.amount_minor END) AS arr
                       FROM movements m JOIN accounts a ON a.account_id = m.account_id
                       WHERE m.date < ? AND (? = '' OR a.vertical = ?) AND (? = '' OR a.segment = ?)
                       GROUP BY m.account_id
                       HAVING SUM(CASE WHEN m.type IN ('contraction', 'churn') THEN -m.amount_minor ELSE m.amount_minor END) > 0),
                 p AS (SELECT m.account_id,
                              SUM(CASE WHEN m.type IN ('expansion', 'reactivation', 'new') THEN m.amount_minor ELSE 0 END) AS e,
                              SUM(CASE WHEN m.type = 'contraction' THEN m.amount_minor ELSE 0 END) AS c,
                              SUM(CASE WHEN m.type = 'churn' THEN m.amount_minor ELSE 0 END) AS x
                       FROM movements m JOIN s ON s.account_id = m.account_id
                       WHERE m.date >= ? AND m.date < ? GROUP BY m.account_id)
            SELECT COUNT(*), COALESCE(SUM(s.arr), 0), COALESCE(SUM(COALESCE(p.e, 0)), 0), COALESCE(SUM(COALESCE(p.c, 0)), 0),
                   COALESCE(SUM(COALESCE(p.x, 0)), 0),
                   COALESCE(SUM(CASE WHEN s.arr + COALESCE(p.e, 0) - COALESCE(p.c, 0) - COALESCE(p.x, 0) > 0 THEN 1 ELSE 0 END), 0)
            FROM s LEFT JOIN p ON p.account_id = s.account_id""";

    @ParameterizedTest
    @EnumSource(Databases.class)
    void engineAndPlainSqlAgreeToTheCent(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            List<Account> accounts = new ArrayList<>();
            List<ArrMovement> movements = new ArrayList<>();
            generate(new SplittableRandom(kind.ordinal() + 11), 400, accounts, movements);
            store.saveAll(Account.TYPE, accounts);
            store.saveAll(ArrMovement.TYPE, movements);
            RevenueLedger ledger = new LedgerSource(store).current();
            int checked = 0;
            for (LocalDate from = LocalDate.of(2023, 7, 1); from.isBefore(LocalDate.of(2025, 12, 1)); from = from.plusMonths(5)) {
                for (LocalDate to : List.of(from.plusMonths(1), from.plusMonths(3), from.plusYears(1))) {
                    for (String[] slice : new String[][] { { "", "" }, { "plg", "" }, { "", "smb" }, { "enterprise", "mid_market" } }) {
                        RetentionCalculator.Retention r = RetentionCalculator.compute(ledger, from, to,
                                a -> (slice[0].isEmpty() || io.tenure.api.data.Codes.code(a.vertical()).equals(slice[0]))
                                        && (slice[1].isEmpty() || a.segment().map(io.tenure.api.data.Codes::code).orElse("").equals(slice[1])));
                        long[] sql = sql(store, from, to, slice[0], slice[1]);
                        long[] engine = { r.cohortAccounts(), r.startingArr(), r.expansionArr(), r.contractionArr(), r.churnedArr(),
                            r.retainedAccounts() };
                        assertEquals(java.util.Arrays.toString(sql), java.util.Arrays.toString(engine),
                                from + " to " + to + " " + String.join("/", slice));
                        checked++;
                    }
                }
            }
            assertTrue(checked >= 60, "checked " + checked);
        }
    }

    private static long[] sql(JdbcDataStore store, LocalDate from, LocalDate to, String vertical, String segment) throws Exception {
        try (Connection c = store.database().connection(); PreparedStatement q = c.prepareStatement(SQL)) {
            q.setObject(1, from);
            q.setString(2, vertical);
            q.setString(3, vertical);
            q.setString(4, segment);
            q.setString(5, segment);
            q.setObject(6, from);
            q.setObject(7, to);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6) };
            }
        }
    }

    static void generate(SplittableRandom r, int count, List<Account> accounts, List<ArrMovement> movements) {
        Vertical[] verticals = Vertical.values();
        Segment[] segments = Segment.values();
        int seq = 0;
        for (int i = 0; i < count; i++) {
            String id = "a" + i;
            LocalDate signed = LocalDate.of(2023, 1, 1).plusDays(r.nextInt(900));
            accounts.add(new Account(id, id, verticals[r.nextInt(4)], Optional.of(segments[r.nextInt(4)]), Optional.empty(),
                    Optional.empty(), signed, JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
            long arr = 1 + r.nextLong(5_000_000);
            movements.add(movement(id, ++seq, signed, MovementType.NEW, null, arr));
            LocalDate d = signed;
            for (int k = 0; k < 15; k++) {
                d = d.plusDays(1 + r.nextInt(60));
                int what = r.nextInt(10);
                if (arr > 0 && what < 5) {
                    long amount = 1 + r.nextLong(arr / 3 + 1);
                    movements.add(movement(id, ++seq, d, MovementType.EXPANSION, MovementKind.USAGE, amount));
                    arr += amount;
                } else if (arr > 1 && what < 8) {
                    long amount = 1 + r.nextLong(arr - 1);
                    movements.add(movement(id, ++seq, d, MovementType.CONTRACTION, MovementKind.SEAT, amount));
                    arr -= amount;
                } else if (arr > 0) {
                    movements.add(movement(id, ++seq, d, r.nextBoolean() ? MovementType.CHURN : MovementType.CHURN,
                            r.nextBoolean() ? MovementKind.VOLUNTARY : MovementKind.INVOLUNTARY, arr));
                    arr = 0;
                } else {
                    arr = 1 + r.nextLong(1_000_000);
                    movements.add(movement(id, ++seq, d, MovementType.REACTIVATION, null, arr));
                }
            }
        }
    }

    private static ArrMovement movement(String account, int seq, LocalDate date, MovementType type, MovementKind kind, long minor) {
        return new ArrMovement(account, "m" + seq, date, type, Optional.ofNullable(kind), Money.ofMinor(minor, "USD"),
                MovementSource.CS_LED, Optional.empty());
    }
}
