package io.tenure.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.ingest.EventLedger.Applied;
import io.tenure.api.ingest.IngestEvent;
import io.tenure.api.ingest.Source;

/** The ledger's deduplication: across batches, restarts, nodes, the ids of the former per-message table and the window. */
class EventLedgerTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private static void setUp(JdbcDataStore store) throws Exception {
        store.repository(Account.TYPE).save(new Account("acme", "Acme", Vertical.PLG, Optional.empty(), Optional.empty(),
                Optional.empty(), LocalDate.of(2025, 1, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
        Instant now = Instant.now();
        new JdbcEventLedger(store).saveSource(new Source("web", "Web", "hash-web", true, now, now));
    }

    private static List<IngestEvent> track(String... messageIds) {
        List<IngestEvent> events = new ArrayList<>();
        for (String id : messageIds) {
            events.add(usage(id, "Report"));
        }
        return events;
    }

    private static IngestEvent usage(String messageId, String feature) {
        return new IngestEvent("web", messageId, Instant.now(), IngestEvent.Effect.USAGE, Optional.of("acme"), Optional.of("u1"),
                DAY, Optional.of(feature), Optional.empty(), Optional.empty(), "{}");
    }

    private static long events(JdbcDataStore store) {
        return store.repository(UsageRollup.TYPE).get(List.of("acme", DAY, "Report")).map(UsageRollup::events).orElse(0L);
    }

    private static long rows(JdbcDataStore store, String table) {
        return number(store, "SELECT COUNT(*) FROM " + table);
    }

    private static long number(JdbcDataStore store, String sql) {
        return store.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aMessageIdCountsOnceAcrossBatchesAndRestartsAndIsForgottenAfterTheWindow(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            setUp(store);
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            assertEquals(new Applied(3, 1, 0, 0), ledger.apply("node-a", 10, track("m1", "m2", "m3", "m2"), List.of()));
            assertEquals(new Applied(1, 2, 0, 0), ledger.apply("node-a", 20, track("m3", "m4", "m1"), List.of()));
            assertEquals(2, rows(store, "ingest_message_batches"), "one packed row per batch with new ids");

            JdbcEventLedger restarted = new JdbcEventLedger(store); // a new process: its memory comes from the table
            assertEquals(new Applied(1, 4, 0, 0), restarted.apply("node-a", 30, track("m1", "m2", "m3", "m4", "m5"), List.of()));
            assertEquals(5, events(store));

            restarted.forget(Instant.now().plusSeconds(1)); // everything received is now older than the window
            assertEquals(0, rows(store, "ingest_message_batches"));
            assertEquals(new Applied(1, 0, 0, 0), restarted.apply("node-a", 40, track("m1"), List.of()));
            assertEquals(new Applied(1, 0, 0, 0), new JdbcEventLedger(store).apply("node-a", 50, track("m2"), List.of()));
            assertEquals(7, events(store));
            assertEquals(7, number(store, "SELECT accepted FROM ingest_sources"));
        }
    }

    private static IngestEvent usageOf(String messageId, String account, String user, String feature) {
        return new IngestEvent("web", messageId, Instant.now(), IngestEvent.Effect.USAGE, Optional.of(account), Optional.of(user),
                DAY, Optional.of(feature), Optional.empty(), Optional.empty(), "{}");
    }

    /** Every usage row and active-user row the ledger wrote, as text, to compare two stores. */
    private static List<String> written(JdbcDataStore store) {
        return store.withConnection(c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT account_id, feature, events, active_users FROM "
                    + "\"usage\" ORDER BY account_id, feature")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "/" + rs.getString(2) + " events " + rs.getLong(3) + " users " + rs.getLong(4));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT account_id, feature, user_id FROM "
                    + "ingest_active_users ORDER BY account_id, feature, user_id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "/" + rs.getString(2) + " user " + rs.getString(3));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT accepted, deduplicated FROM ingest_sources")) {
                rs.next();
                rows.add("accepted " + rs.getLong(1) + " deduplicated " + rs.getLong(2));
            }
            return rows;
        });
    }

    /**
     * The work prepared beside the apply (message keys, usage summed ahead) gives exactly what the apply alone gives:
     * for a batch of new events, one with an event of an account that does not exist (held, its usage left out), one
     * with ids seen before or repeated (summed again), and a preparation of other events or used twice (ignored).
     */
    @ParameterizedTest
    @EnumSource(Databases.class)
    void whatIsPreparedAheadAppliesExactlyAsTheApplyAlone(Databases kind) throws Exception {
        List<List<IngestEvent>> batches = List.of(
                List.of(usageOf("p1", "acme", "u1", "Report"), usageOf("p2", "acme", "u2", "Report"), usageOf("p3", "acme", "u1", "Export")),
                List.of(usageOf("p4", "acme", "u3", "Report"), usageOf("p5", "ghost", "u9", "Report"), usageOf("p6", "acme", "u1", "Report")),
                List.of(usageOf("p1", "acme", "u1", "Report"), usageOf("p7", "acme", "u4", "Export"), usageOf("p7", "acme", "u4", "Export")),
                List.of(usageOf("p8", "acme", "u5", "Report")));
        List<Applied> plain = new ArrayList<>();
        List<Applied> prepared = new ArrayList<>();
        List<String> plainRows;
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            setUp(store);
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            for (int i = 0; i < batches.size(); i++) {
                plain.add(ledger.apply("node-a", 10 * (i + 1), batches.get(i), List.of()));
            }
            plainRows = written(store);
        }
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            setUp(store);
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            for (int i = 0; i < 3; i++) {
                prepared.add(ledger.apply("node-a", 10 * (i + 1), batches.get(i), List.of(), ledger.prepare(batches.get(i))));
            }
            // prepared for other events (a copy of the list), and then a preparation used a second time: both ignored
            io.tenure.api.ingest.EventLedger.Prepared other = ledger.prepare(new ArrayList<>(batches.get(3)));
            prepared.add(ledger.apply("node-a", 40, batches.get(3), List.of(), other));
            io.tenure.api.ingest.EventLedger.Prepared once = ledger.prepare(batches.get(3));
            ledger.apply("node-a", 50, batches.get(3), List.of(), once);
            assertEquals(new Applied(0, 1, 0, 0), ledger.apply("node-a", 60, batches.get(3), List.of(), once));
            assertEquals(plainRows.subList(0, plainRows.size() - 1), written(store).subList(0, plainRows.size() - 1));
        }
        assertEquals(List.of(new Applied(3, 0, 0, 0), new Applied(3, 0, 1, 0), new Applied(1, 2, 0, 0), new Applied(1, 0, 0, 0)), plain);
        assertEquals(plain, prepared);
        assertEquals("acme/* events 7 users 5", plainRows.get(0), "daily totals: ghost's event held, p1 and p7's repeat not counted");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theIdsOfABatchThatDidNotCommitAreNotRemembered(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            setUp(store);
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            List<IngestEvent> bad = new ArrayList<>(track("m1", "m2"));
            bad.add(usage("m3", "f".repeat(300))); // a feature longer than its column
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> ledger.apply("node-a", 10, bad, List.of()));
            assertEquals(0, rows(store, "ingest_message_batches"));
            assertEquals(new Applied(3, 0, 0, 0), ledger.apply("node-a", 10, track("m1", "m2", "m3"), List.of()),
                    "the retry of the batch counts every id: none was remembered from the try that failed");
            assertEquals(3, events(store));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theIdsOfThePerMessageTableOfEarlierVersionsStillCount(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            setUp(store);
            store.withConnection(c -> { // as version 6 of the schema registered a message
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_message_ids (message_key, received_at) VALUES (?, ?)")) {
                    s.setObject(1, UUID.nameUUIDFromBytes("web\u0000old-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    s.setTimestamp(2, java.sql.Timestamp.from(Instant.now()));
                    return s.executeUpdate();
                }
            });
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            assertEquals(new Applied(1, 1, 0, 0), ledger.apply("node-a", 10, track("old-1", "new-1"), List.of()));
            ledger.forget(Instant.now().plusSeconds(1));
            assertEquals(0, rows(store, "ingest_message_ids"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = "POSTGRESQL")
    void twoNodesOnOneDatabaseCountARetryOnce(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore a = new JdbcDataStore(fresh.db);
                JdbcDataStore b = new JdbcDataStore(fresh.another())) {
            setUp(a);
            JdbcEventLedger nodeA = new JdbcEventLedger(a);
            JdbcEventLedger nodeB = new JdbcEventLedger(b);
            assertEquals(new Applied(2, 0, 0, 0), nodeA.apply("node-a", 10, track("m1", "m2"), List.of()));
            // the client's retry reached the other node
            assertEquals(new Applied(1, 2, 0, 0), nodeB.apply("node-b", 10, track("m1", "m2", "m3"), List.of()));
            assertEquals(new Applied(0, 1, 0, 0), nodeA.apply("node-a", 20, track("m3"), List.of()));

            // both nodes at once, the same ids: each counted by exactly one of them
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                ids.add("c" + i);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<Long>> done = new ArrayList<>();
                for (JdbcEventLedger node : List.of(nodeA, nodeB)) {
                    String journal = node == nodeA ? "node-a" : "node-b";
                    done.add(pool.submit(() -> {
                        long accepted = 0;
                        for (int r = 0; r < 4; r++) { // each node its own log, in order
                            accepted += node.apply(journal, 100 + r, track(ids.subList(r * 400, r * 400 + 800)
                                    .toArray(String[]::new)), List.of()).accepted();
                        }
                        return accepted;
                    }));
                }
                long accepted = 0;
                for (var f : done) {
                    accepted += f.get();
                }
                assertEquals(2_000, accepted, "every id counted once, whichever node took it");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(3 + 2_000, events(a));
        }
    }
}
