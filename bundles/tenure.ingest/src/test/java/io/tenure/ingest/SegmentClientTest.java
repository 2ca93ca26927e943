package io.tenure.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;
import io.tenure.store.JdbcEventLedger;

/**
 * Segment's own Java library (com.segment.analytics.java:analytics 3.5.1, as vendors use it) pointed at Tenure's
 * tracking API on a loopback HTTP server: what it sends arrives as usage, contacts and memberships.
 */
class SegmentClientTest {
    @TempDir
    Path dir;

    /** Serves {@code /v1/*} with {@link Ingestion#receive}, as the OSGi servlet does. */
    static HttpServer serve(Ingestion ingestion, ExecutorService threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/", exchange -> answer(ingestion, exchange));
        server.setExecutor(threads);
        server.start();
        return server;
    }

    private static void answer(Ingestion ingestion, HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        Ingestion.Answer a = ingestion.receive(exchange.getRequestMethod(), exchange.getRequestURI().getPath().substring(4),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Encoding")),
                length == null ? -1 : Long.parseLong(length), exchange.getRequestBody());
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] body = a.json().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(a.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void whatTheOfficialClientSendsArrivesAsUsageContactsAndMemberships(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            IngestionTest.account(store, "acme");
            IngestionTest.account(store, "globex");
            JdbcEventLedger ledger = new JdbcEventLedger(store);
            Ingestion ingestion = new Ingestion(ledger, store, TestSettings.settings(Map.of()), dir);
            String key = ingestion.createSource("server", "Server-side").writeKey();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            HttpServer server = serve(ingestion, threads);
            AtomicInteger delivered = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            Analytics analytics = Analytics.builder(key).endpoint("http://127.0.0.1:" + server.getAddress().getPort())
                    .flushQueueSize(40).callback(new Callback() {
                        @Override
                        public void success(Message message) {
                            delivered.incrementAndGet();
                        }

                        @Override
                        public void failure(Message message, Throwable throwable) {
                            failures.add(message.messageId() + ": " + throwable);
                        }
                    }).build();
            try {
                analytics.enqueue(GroupMessage.builder("acme").userId("ada").traits(Map.of("name", "Acme")));
                analytics.enqueue(IdentifyMessage.builder().userId("ada").traits(Map.of("name", "Ada Lovelace",
                        "email", "ada@acme.test", "role", "executive_sponsor")));
                for (int i = 0; i < 100; i++) {
                    analytics.enqueue(TrackMessage.builder("Dashboard Viewed").userId("ada").properties(Map.of("n", i)));
                }
                analytics.enqueue(TrackMessage.builder("Dashboard Viewed").userId("grace").context(Map.of("groupId", "globex")));
                analytics.enqueue(PageMessage.builder("Pricing").userId("ada"));
                analytics.enqueue(ScreenMessage.builder("Home").userId("ada"));
                analytics.enqueue(AliasMessage.builder("ada").userId("ada@acme.test"));
                analytics.enqueue(TrackMessage.builder("Report Built").userId("ada@acme.test"));
                analytics.flush();
                long deadline = System.currentTimeMillis() + 30_000;
                while (delivered.get() + failures.size() < 107 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(List.of(), List.copyOf(failures));
                assertEquals(107, delivered.get());
            } finally {
                analytics.shutdown();
                server.stop(0);
                threads.shutdown();
            }
            IngestionTest.awaitDrained(ingestion);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            var usage = store.repository(UsageRollup.TYPE);
            assertEquals(100, usage.get(List.of("acme", today, "Dashboard Viewed")).orElseThrow().events());
            assertEquals(1, usage.get(List.of("acme", today, "Dashboard Viewed")).orElseThrow().activeUsers());
            assertEquals(1, usage.get(List.of("acme", today, "page:Pricing")).orElseThrow().events());
            assertEquals(1, usage.get(List.of("acme", today, "screen:Home")).orElseThrow().events());
            assertEquals(1, usage.get(List.of("acme", today, "Report Built")).orElseThrow().events(), "counted after the alias");
            assertEquals(1, usage.get(List.of("globex", today, "Dashboard Viewed")).orElseThrow().events());
            assertEquals(103, usage.get(List.of("acme", today, UsageRollup.ALL_FEATURES)).orElseThrow().events());
            assertEquals(2, usage.get(List.of("acme", today, UsageRollup.ALL_FEATURES)).orElseThrow().activeUsers(),
                    "ada under both of her ids");
            Contact ada = store.repository(Contact.TYPE).get(List.of("acme", "ada")).orElseThrow();
            assertEquals("Ada Lovelace", ada.name());
            assertEquals(ContactRole.EXECUTIVE_SPONSOR, ada.role());
            assertEquals(Optional.of("ada@acme.test"), ada.email());
            var stats = ledger.stats("server", 5);
            assertEquals(107, stats.accepted());
            assertEquals(0, stats.held() + stats.rejected() + stats.deduplicated());
            assertTrue(ingestion.backlogBytes() == 0);
            ingestion.close();
        }
    }
}
