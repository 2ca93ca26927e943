package io.tenure.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.ingest.EventLedger;
import io.tenure.api.ingest.IngestEvent;
import io.tenure.api.ingest.SourceStats;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;
import io.tenure.store.JdbcEventLedger;

/** Calls through ingestion into the store, on H2 and on PostgreSQL. */
class IngestionTest {
    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final String AT = "\"timestamp\":\"2026-11-20T10:00:00.000Z\"";

    @TempDir
    Path dir;

    static void account(JdbcDataStore store, String id) throws Exception {
        store.repository(Account.TYPE).save(new Account(id, id.toUpperCase(), Vertical.PLG, Optional.empty(), Optional.empty(),
                Optional.empty(), LocalDate.of(2025, 1, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
    }

    static Ingestion.Answer post(Ingestion ingestion, String path, String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ingestion.receive("POST", path, Optional.ofNullable(key).map(IngestionTest::basic), Optional.empty(),
                bytes.length, new ByteArrayInputStream(bytes));
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    static void awaitDrained(Ingestion ingestion) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (ingestion.backlogBytes() > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "not drained: " + ingestion.backlogBytes() + " bytes; "
                    + ingestion.drainError());
            Thread.sleep(10);
        }
    }

    static long usage(JdbcDataStore store, String account, String feature, boolean users) {
        return store.repository(UsageRollup.TYPE).get(List.of(account, DAY, feature))
                .map(u -> users ? u.activeUsers() : u.events()).orElse(0L);
    }

    static String track(String messageId, String user, String event, String extra) {
        return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + user + "\",\"event\":\"" + event + "\","
                + AT + extra + "}";
    }

    @Test
    void healthSaysReadyOnlyOnceTheTrackingApiIsServedByTheRunningIngestion() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            Ingestion ingestion = new Ingestion(new JdbcEventLedger(store), store, TestSettings.settings(Map.of()), dir);
            try {
                assertFalse(new IngestReadiness(null).check().ready(), "no ingestion yet");
                IngestReadiness readiness = new IngestReadiness(ingestion);
                assertFalse(readiness.check().ready(), "running, but the HTTP server has not initialised its servlet yet");
                assertTrue(readiness.check().detail().contains("not served"), readiness.check().detail());
                ingestion.served(true);
                assertTrue(readiness.check().ready(), readiness.check().detail());
                ingestion.served(false);
                assertFalse(readiness.check().ready(), "its servlet was destroyed");
            } finally {
                ingestion.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void eventsBecomeUsageContactsAndMembershipsOnceEachAndUnknownAccountsAreHeldUntilTheyExist(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            account(store, "acme");
            account(store, "globex");
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            Ingestion ingestion = new Ingestion(ledger, store, TestSettings.settings(Map.of()), dir);
            String key = ingestion.createSource("web", "Web app").writeKey();

            assertEquals(200, post(ingestion, "group", key, "{\"userId\":\"u1\",\"groupId\":\"acme\"," + AT + "}").status());
            String batch = "{\"writeKey\":\"" + key + "\",\"batch\":["
                    + track("m1", "u1", "Report Built", "") + ","
                    + track("m2", "u1", "Report Built", "") + ","
                    + track("m3", "u2", "Export", ",\"context\":{\"groupId\":\"globex\"}") + ","
                    + "{\"type\":\"page\",\"messageId\":\"m4\",\"userId\":\"u1\",\"name\":\"Home\"," + AT + "},"
                    + "{\"type\":\"identify\",\"messageId\":\"m5\",\"userId\":\"u1\",\"traits\":{\"firstName\":\"Ada\","
                    + "\"lastName\":\"Byron\",\"email\":\"ada@acme.test\",\"role\":\"champion\"}," + AT + "},"
                    + track("m6", "u3", "Report Built", "") + ","
                    + track("m7", "u4", "Report Built", ",\"context\":{\"groupId\":\"initech\"}") + "]}";
            Ingestion.Answer ok = post(ingestion, "batch", null, batch);
            assertEquals(200, ok.status(), ok.json());
            assertEquals("{\"success\":true}", ok.json());
            assertEquals(200, post(ingestion, "import/", null, batch).status(), "a client's retry of the whole batch");
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(("{\"batch\":[" + track("m8", "u2", "Report Built", ",\"context\":{\"groupId\":\"globex\"}") + "]}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            Ingestion.Answer gzip = ingestion.receive("POST", "batch", Optional.of(basic(key)), Optional.of("gzip"),
                    zipped.size(), new ByteArrayInputStream(zipped.toByteArray()));
            assertEquals(200, gzip.status(), gzip.json());
            awaitDrained(ingestion);

            assertEquals(2, usage(store, "acme", "Report Built", false), "m1 and m2, each once although sent twice");
            assertEquals(1, usage(store, "acme", "Report Built", true));
            assertEquals(1, usage(store, "acme", "page:Home", false));
            assertEquals(3, usage(store, "acme", UsageRollup.ALL_FEATURES, false));
            assertEquals(1, usage(store, "globex", "Export", false));
            assertEquals(1, usage(store, "globex", "Report Built", false));
            assertEquals(2, usage(store, "globex", UsageRollup.ALL_FEATURES, false));
            assertEquals(1, usage(store, "globex", UsageRollup.ALL_FEATURES, true), "u2 counted once a day across features");
            Contact ada = store.repository(Contact.TYPE).get(List.of("acme", "u1")).orElseThrow();
            assertEquals("Ada Byron", ada.name());
            assertEquals(Optional.of("ada@acme.test"), ada.email());
            assertEquals(ContactRole.CHAMPION, ada.role());
            assertEquals(Optional.of(DAY), ada.joined());

            SourceStats stats = ledger.stats("web", 10);
            assertEquals(9, stats.accepted(), "the group call, m1..m7 and m8");
            assertEquals(7, stats.deduplicated());
            assertEquals(2, stats.held());
            assertEquals(List.of(new SourceStats.UnknownAccount("", 1), new SourceStats.UnknownAccount("initech", 1)),
                    stats.unknownAccounts());
            assertTrue(ledger.held(Optional.of("web"), 10).get(0).reason().startsWith("user 'u3' is in no group"));

            // The missing pieces arrive: u3 joins acme, initech becomes a customer; the held events count then.
            assertEquals(200, post(ingestion, "group", key, "{\"userId\":\"u3\",\"groupId\":\"acme\",\"messageId\":\"g3\"," + AT + "}").status());
            account(store, "initech");
            awaitDrained(ingestion);
            ingestion.releaseHeld(); // also done by the drain every 10 s once accounts or memberships changed
            assertEquals(0, ledger.stats("web", 10).held());
            assertEquals(3, usage(store, "acme", "Report Built", false));
            assertEquals(2, usage(store, "acme", "Report Built", true));
            assertEquals(1, usage(store, "initech", "Report Built", false));

            // Stopped and started again: nothing applied twice, nothing lost, the retry still deduplicated.
            ingestion.close();
            ingestion = new Ingestion(ledger, store, TestSettings.settings(Map.of()), dir);
            assertEquals(200, post(ingestion, "batch", null, batch).status());
            assertEquals(200, post(ingestion, "track", key, track("m9", "u1", "Report Built", "")).status());
            awaitDrained(ingestion);
            assertEquals(4, usage(store, "acme", "Report Built", false));
            assertEquals(11, ledger.stats("web", 10).accepted());
            assertEquals(14, ledger.stats("web", 10).deduplicated());
            ingestion.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aReplayedBatchChangesNothing(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            account(store, "acme");
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            List<IngestEvent> events = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                events.add(new IngestEvent("web", "m" + i, java.time.Instant.now(), IngestEvent.Effect.USAGE, Optional.of("acme"),
                        Optional.of("u" + (i % 2)), DAY, Optional.of("Export"), Optional.empty(), Optional.empty(), "{}"));
            }
            events.add(events.get(0)); // the same message twice within one batch
            assertEquals(new EventLedger.Applied(3, 1, 0, 0), ledger.apply("node-a", 100, events, List.of()));
            assertEquals(new EventLedger.Applied(0, 0, 0, 0), ledger.apply("node-a", 100, events, List.of()), "replayed");
            assertEquals(100, ledger.position("node-a"));
            assertEquals(new EventLedger.Applied(0, 4, 0, 0), ledger.apply("node-b", 50, events, List.of()),
                    "another node's copy of the same messages");
            assertEquals(3, usage(store, "acme", "Export", false));
            assertEquals(2, usage(store, "acme", "Export", true));
            assertEquals(java.util.Set.of("acme"), store.changesSince(UsageRollup.TYPE, 0).accountIds(), "usage writes are in the change log");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void refusedCallsSayWhyAndAreCountedAgainstTheirSource(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            Ingestion ingestion = new Ingestion(ledger, store, TestSettings.settings(Map.of()), dir);
            String key = ingestion.createSource("web", "Web").writeKey();
            Ingestion.Answer bad = post(ingestion, "batch", key, "{\"batch\":[" + track("a", "u", "e", "") + ",{\"type\":\"track\",\"userId\":\"u\"}]}");
            assertEquals(400, bad.status());
            assertTrue(bad.json().contains("batch[1].event: a track call needs the event name"), bad.json());
            Ingestion.Answer large = post(ingestion, "track", key, "{\"userId\":\"u\",\"event\":\"" + "x".repeat(40_000) + "\"}");
            assertEquals(400, large.status());
            assertTrue(large.json().contains("an event may be at most 32 KB"), large.json());
            assertEquals(401, post(ingestion, "track", null, track("b", "u", "e", "")).status());
            Ingestion.Answer wrongKey = post(ingestion, "track", "nope", track("b", "u", "e", ""));
            assertEquals(401, wrongKey.status());
            assertTrue(wrongKey.json().contains("the write key is not the key of any source"));
            assertEquals(405, ingestion.receive("GET", "track", Optional.empty(), Optional.empty(), 0,
                    InputStream.nullInputStream()).status());
            assertEquals(404, post(ingestion, "launch", key, "{}").status());
            assertEquals(415, ingestion.receive("POST", "track", Optional.of(basic(key)), Optional.of("br"), 2,
                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))).status());
            var source = ledger.source("web").orElseThrow();
            ledger.saveSource(new io.tenure.api.ingest.Source("web", "Web", source.keyHash(), false, source.created(), source.keyRotated()));
            ingestion.sourcesChanged();
            Ingestion.Answer disabled = post(ingestion, "track", key, track("c", "u", "e", ""));
            assertEquals(403, disabled.status());
            assertTrue(disabled.json().contains("source 'web' is disabled"));
            post(ingestion, "track", key, track("d", "u", "e", "")); // the rejection records go through the log too
            ledger.saveSource(new io.tenure.api.ingest.Source("web", "Web", source.keyHash(), true, source.created(), source.keyRotated()));
            ingestion.sourcesChanged();
            assertEquals(200, post(ingestion, "track", key, track("e", "u", "e", ",\"context\":{\"groupId\":\"x\"}")).status());
            awaitDrained(ingestion);
            SourceStats stats = ledger.stats("web", 10);
            assertEquals(1 + 2 + 1 + 1 + 1, stats.rejected(), "2 events of the bad batch, the large one, the two disabled, br");
            assertEquals(1, stats.accepted());
            assertEquals("source 'web' is disabled", stats.latestRejections().get(0).reason(), stats.latestRejections().toString());
            assertTrue(stats.latestRejections().stream().anyMatch(r -> r.reason().startsWith("1 of 2 events are not valid")));
            ingestion.close();
        }
    }

    /** An {@link EventLedger} whose apply waits for a latch: the store stalls. */
    /** Ingestion into a store holding the account acme, whose applies wait for {@code go}. */
    private Ingestion stalledIngestion(JdbcDataStore store, CountDownLatch go, Map<String, Object> settings) throws Exception {
        account(store, "acme");
        return new Ingestion(stalled(new JdbcEventLedger(store), go), store, TestSettings.settings(settings), dir);
    }

    /** What a test ledger does before each call of the real one (by method name). */
    interface Before {
        void call(String method) throws Exception;
    }

    static EventLedger intercepted(EventLedger real, Before before) {
        return (EventLedger) Proxy.newProxyInstance(EventLedger.class.getClassLoader(), new Class<?>[] { EventLedger.class },
                (proxy, method, args) -> {
                    before.call(method.getName());
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static EventLedger stalled(EventLedger ledger, CountDownLatch go) {
        return intercepted(ledger, method -> {
            if (method.equals("apply")) {
                go.await();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void pastCapacityCallsAreToldToRetryAndNothingAcknowledgedIsLost(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            CountDownLatch go = new CountDownLatch(1);
            Ingestion ingestion = stalledIngestion(store, go, Map.of("maxBacklogMb", 1, "maxPendingRequests", 1));
            String key = ingestion.createSource("web", "Web").writeKey();

            // One call still sending its body holds the only slot: the next is answered 429.
            CountDownLatch sending = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            byte[] slowBody = ("{\"batch\":[" + track("slow", "u", "Export", ",\"context\":{\"groupId\":\"acme\"}") + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            InputStream slow = new InputStream() {
                int at;

                @Override
                public int read() throws IOException {
                    if (at == 0) {
                        sending.countDown();
                        try {
                            finish.await();
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    return at < slowBody.length ? slowBody[at++] & 0xff : -1;
                }
            };
            ExecutorService pool = Executors.newFixedThreadPool(1);
            Future<Ingestion.Answer> first = pool.submit(() -> ingestion.receive("POST", "batch", Optional.of(basic(key)),
                    Optional.empty(), -1, slow));
            assertTrue(sending.await(10, TimeUnit.SECONDS));
            Ingestion.Answer busy = post(ingestion, "track", key, track("x", "u", "Export", ""));
            assertEquals(429, busy.status());
            assertEquals("1", busy.headers().get("Retry-After"));
            finish.countDown();
            assertEquals(200, first.get().status());
            pool.shutdown();

            // The store stalls: past 1 MB received and not stored, calls are answered 503 with Retry-After.
            long acknowledged = 1;
            Ingestion.Answer answer;
            String padded = ",\"context\":{\"groupId\":\"acme\"},\"properties\":{\"pad\":\"" + "p".repeat(2000) + "\"}";
            for (int n = 0; (answer = post(ingestion, "batch", key, batch("b" + n + "-", 100, padded))).status() == 200; n++) {
                acknowledged += 100;
                assertTrue(n < 100, "never pushed back");
            }
            assertEquals(503, answer.status());
            assertEquals("5", answer.headers().get("Retry-After"));
            assertTrue(answer.json().contains("behind the store"), answer.json());
            go.countDown();
            awaitDrained(ingestion);
            assertEquals(acknowledged, usage(store, "acme", "Export", false), "every acknowledged event is stored");
            assertEquals(200, post(ingestion, "track", key, track("after", "u", "Export", ",\"context\":{\"groupId\":\"acme\"}")).status());
            ingestion.close();
        }
    }

    static String batch(String prefix, int events, String extra) {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < events; i++) {
            batch.append(i == 0 ? "" : ",").append(track(prefix + i, "u" + (i % 7), "Export", extra));
        }
        return batch.append("]}").toString();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void pastThePaceBacklogCallsWaitForTheStoreInsteadOfRunningAhead(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            CountDownLatch go = new CountDownLatch(1);
            Ingestion ingestion = stalledIngestion(store, go, Map.of("paceBacklogMb", 1, "maxBacklogMb", 64));
            String key = ingestion.createSource("web", "Web").writeKey();
            String padded = ",\"context\":{\"groupId\":\"acme\"},\"properties\":{\"pad\":\"" + "p".repeat(2000) + "\"}";
            long acknowledged = 0;
            int n = 0;
            while (ingestion.backlogBytes() <= 1 << 20) { // under the pace: taken at once
                assertEquals(200, post(ingestion, "batch", key, batch("b" + n++ + "-", 100, padded)).status());
                acknowledged += 100;
            }
            assertEquals(0, ingestion.paced());
            long t0 = System.nanoTime();
            assertEquals(200, post(ingestion, "batch", key, batch("b" + n++ + "-", 100, padded)).status(),
                    "past the pace a call waits, then is taken all the same (the hard limit is further)");
            acknowledged += 100;
            assertTrue(System.nanoTime() - t0 >= Ingestion.PACE_WAIT_MILLIS * 900_000L, "it waited for the store");
            assertEquals(1, ingestion.paced());

            ExecutorService pool = Executors.newFixedThreadPool(1);
            String last = batch("b" + n + "-", 100, padded);
            Future<Ingestion.Answer> waiting = pool.submit(() -> post(ingestion, "batch", key, last));
            go.countDown(); // the store moves: the waiting call goes on
            assertEquals(200, waiting.get(30, TimeUnit.SECONDS).status());
            acknowledged += 100;
            pool.shutdown();
            awaitDrained(ingestion);
            assertEquals(acknowledged, usage(store, "acme", "Export", false), "every acknowledged event is stored");
            ingestion.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void theNextBatchIsMappedWithTheMembershipsAndContactsOfTheBatchBeingApplied(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            account(store, "acme");
            CountDownLatch start = new CountDownLatch(1);
            JdbcEventLedger real = new JdbcEventLedger(store);
            Ingestion ingestion = new Ingestion(readAhead(real, start), store, TestSettings.settings(Map.of("drainBatchEvents", 1)), dir);
            String key = ingestion.createSource("web", "Web").writeKey();
            assertEquals(200, post(ingestion, "batch", key, "{\"batch\":[{\"type\":\"group\",\"userId\":\"u1\",\"groupId\":\"acme\"," + AT
                    + "},{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"name\":\"Ada\",\"email\":\"ada@acme.test\"}," + AT + "}]}")
                    .status());
            assertEquals(200, post(ingestion, "batch", key, "{\"batch\":[" + track("t1", "u1", "Export", "")
                    + ",{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"role\":\"champion\"}," + AT + "}]}").status());
            start.countDown();
            awaitDrained(ingestion);
            assertEquals(1, usage(store, "acme", "Export", false), "the user's group, applied in the batch before, named the account");
            assertEquals(0, real.stats("web", 10).held());
            Contact ada = store.repository(Contact.TYPE).get(List.of("acme", "u1")).orElseThrow();
            assertEquals(Optional.of("ada@acme.test"), ada.email(), "the contact of the batch before was the one updated");
            assertEquals(ContactRole.CHAMPION, ada.role());
            ingestion.close();
        }
    }

    /**
     * A ledger whose drain starts only on {@code start} (so the calls posted before are all in the log) and whose first
     * apply takes half a second (so the batch after it is read and mapped meanwhile).
     */
    static EventLedger readAhead(EventLedger real, CountDownLatch start) {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        return intercepted(real, method -> {
            if (method.equals("position")) {
                start.await();
            }
            if (method.equals("apply") && first.getAndSet(false)) {
                Thread.sleep(500);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aRepeatedGroupCallDoesNotSteerTheBatchMappedWhileItWasApplied(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            account(store, "acme");
            account(store, "globex");
            JdbcEventLedger real = new JdbcEventLedger(store);
            Ingestion before = new Ingestion(real, store, TestSettings.settings(Map.of("drainBatchEvents", 1)), dir);
            String key = before.createSource("web", "Web").writeKey();
            String toAcme = "{\"type\":\"group\",\"messageId\":\"g1\",\"userId\":\"u1\",\"groupId\":\"acme\"," + AT + "}";
            assertEquals(200, post(before, "group", key, toAcme).status());
            awaitDrained(before);
            assertEquals(200, post(before, "group", key, "{\"messageId\":\"g2\",\"userId\":\"u1\",\"groupId\":\"globex\"," + AT + "}")
                    .status());
            awaitDrained(before);
            before.close();

            CountDownLatch start = new CountDownLatch(1);
            Ingestion ingestion = new Ingestion(readAhead(real, start), store, TestSettings.settings(Map.of("drainBatchEvents", 1)), dir);
            assertEquals(200, post(ingestion, "batch", key, "{\"batch\":[" + toAcme + "]}").status()); // a client's late retry
            assertEquals(200, post(ingestion, "batch", key, "{\"batch\":[" + track("t1", "u1", "Export", "") + "]}").status());
            start.countDown();
            awaitDrained(ingestion);
            assertEquals(1, usage(store, "globex", "Export", false), "the user is in globex: the retried call changed nothing");
            assertEquals(0, usage(store, "acme", "Export", false));
            ingestion.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void heldEventsOfAnEarlierVersionInLenientJsonAreStillReleased(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            Ingestion ingestion = new Ingestion(ledger, store, TestSettings.settings(Map.of()), dir);
            ingestion.createSource("web", "Web");
            String lenient = "{'type':'track',userId:'u1','event':'Export','context':{'groupId':'later'},"
                    + "'timestamp':'2026-11-20T10:00:00.000Z'}"; // as gson took it before
            ledger.apply("old-node", 10, List.of(new IngestEvent("web", "h1", java.time.Instant.now(), IngestEvent.Effect.USAGE,
                    Optional.of("later"), Optional.of("u1"), DAY, Optional.of("Export"), Optional.empty(), Optional.empty(), lenient)),
                    List.of());
            assertEquals(1, ledger.stats("web", 10).held());
            account(store, "later");
            ingestion.releaseHeld(); // the drain's own release may take it first: either way it is read and applied
            assertEquals(0, ledger.stats("web", 10).held());
            assertEquals(1, usage(store, "later", "Export", false));
            ingestion.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void appliedLogSegmentsAreDeleted(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            account(store, "acme");
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            Ingestion ingestion = new Ingestion(ledger, store, TestSettings.settings(Map.of("segmentMb", 1)), dir,
                    java.time.Duration.ZERO);
            String key = ingestion.createSource("web", "Web").writeKey();
            String padded = ",\"context\":{\"groupId\":\"acme\"},\"properties\":{\"pad\":\"" + "p".repeat(1000) + "\"}";
            for (int n = 0; n < 60; n++) {
                assertEquals(200, post(ingestion, "batch", key, batch("s" + n + "-", 100, padded)).status());
            }
            awaitDrained(ingestion);
            long deadline = System.currentTimeMillis() + 10_000;
            while (segments(dir.resolve("wal")) > 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, segments(dir.resolve("wal")), "about 6 MB of log in 1 MB segments, all applied: only the one being written is kept");
            assertEquals(6000, usage(store, "acme", "Export", false));
            ingestion.close();
        }
    }

    private static long segments(Path wal) throws IOException {
        try (var files = java.nio.file.Files.list(wal)) {
            return files.filter(f -> f.toString().endsWith(".wal")).count();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void stoppingAndStartingUnderLoadLosesNoAcknowledgedEvent(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            account(store, "acme");
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            AtomicReference<Ingestion> current = new AtomicReference<>(new Ingestion(ledger, store, TestSettings.settings(Map.of()), dir));
            String key = current.get().createSource("web", "Web").writeKey();
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong sequence = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            long until = System.currentTimeMillis() + 3000;
            for (int c = 0; c < 4; c++) {
                running.add(clients.submit(() -> {
                    while (System.currentTimeMillis() < until) {
                        StringBuilder batch = new StringBuilder("{\"batch\":[");
                        for (int i = 0; i < 20; i++) {
                            batch.append(i == 0 ? "" : ",").append(track("s" + sequence.incrementAndGet(), "u" + i, "Export",
                                    ",\"context\":{\"groupId\":\"acme\"}"));
                        }
                        Ingestion.Answer a = post(current.get(), "batch", key, batch.append("]}").toString());
                        if (a.status() == 200) {
                            acknowledged.addAndGet(20);
                        } else {
                            assertEquals(503, a.status(), a.json());
                            refused.addAndGet(20);
                        }
                    }
                    return null;
                }));
            }
            for (int round = 0; round < 3; round++) {
                Thread.sleep(500);
                Ingestion old = current.get();
                old.close();
                current.set(new Ingestion(ledger, store, TestSettings.settings(Map.of()), dir));
            }
            for (Future<?> f : running) {
                f.get();
            }
            clients.shutdown();
            awaitDrained(current.get());
            assertTrue(acknowledged.get() > 1000, "load ran: " + acknowledged.get());
            assertEquals(acknowledged.get(), usage(store, "acme", "Export", false), "refused while stopping: " + refused.get());
            assertFalse(store.repository(UsageRollup.TYPE).list(Query.all()).items().isEmpty());
            current.get().close();
        }
    }
}
