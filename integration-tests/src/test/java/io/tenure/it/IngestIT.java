package io.tenure.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Segment-compatible ingestion through the real assembly: under a steady load of batches, the ingest feature is
 * stopped and started, then the whole process is killed with SIGKILL; after a restart, and after the clients sent
 * again what was never acknowledged, every event is stored exactly once, and every acknowledged one is among them.
 */
class IngestIT {
    private static final int CLIENTS = 4;
    private static final int BATCH = 50;

    /** One client thread: sends batches of new events, keeps what was acknowledged, holds on to what was not. */
    static final class Client extends Thread {
        final int number;
        final String key;
        volatile int port;
        final AtomicBoolean running;
        final Set<String> acknowledged;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        /** A batch sent without an acknowledgement (its events may or may not be stored): to be sent again. */
        List<String> unsure = List.of();
        int sequence;
        int refused;

        Client(int number, String key, int port, AtomicBoolean running, Set<String> acknowledged) {
            super("ingest-client-" + number);
            this.number = number;
            this.key = key;
            this.port = port;
            this.running = running;
            this.acknowledged = acknowledged;
        }

        @Override
        public void run() {
            while (running.get()) {
                List<String> ids = unsure.isEmpty() ? next() : unsure;
                if (send(ids)) {
                    acknowledged.addAll(ids);
                    unsure = List.of();
                } else {
                    unsure = ids;
                    refused++;
                    TenureProcess.sleep(50);
                }
            }
        }

        private List<String> next() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                ids.add("c" + number + "-" + sequence++);
            }
            return ids;
        }

        boolean send(List<String> ids) {
            StringBuilder body = new StringBuilder("{\"batch\":[");
            for (String id : ids) {
                body.append(body.length() > 10 ? "," : "").append("{\"type\":\"track\",\"messageId\":\"").append(id)
                        .append("\",\"userId\":\"user-").append(number).append("\",\"event\":\"").append(id)
                        .append("\",\"context\":{\"groupId\":\"acme\"}}");
            }
            body.append("]}");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/batch"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", TenureProcess.basic(key, ""))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false; // refused, reset or killed mid-answer: not acknowledged
            }
        }
    }

    @Test
    void everyAcknowledgedEventIsStoredOnceAfterAStopStartAndASigkillUnderLoad() throws Exception {
        Path home = TenureProcess.freshHome("ingest");
        TenureProcess tenure = TenureProcess.start(home);
        String admin = TenureProcess.admin();
        assertEquals(201, tenure.post("/api/v1/accounts", admin, "application/json", ("{\"account_id\":\"acme\",\"name\":\"Acme\","
                + "\"vertical\":\"plg\",\"signed_date\":\"2025-01-01\"}").getBytes(StandardCharsets.UTF_8)).statusCode());
        HttpResponse<String> created = tenure.post("/api/v1/sources", admin, "application/json",
                "{\"id\":\"app\",\"name\":\"Product\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), created.body());
        String key = JsonParser.parseString(created.body()).getAsJsonObject().get("writeKey").getAsString();

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(i, key, tenure.port, running, acknowledged));
        }
        clients.forEach(Thread::start);

        DistributionIT.awaitTrue(() -> acknowledged.size() > 2_000, "load running");
        assertEquals(200, tenure.post("/api/v1/modules/ingest/stop", admin, null, new byte[0]).statusCode());
        HttpResponse<String> stopped = tenure.post("/v1/batch", TenureProcess.basic(key, ""), "application/json",
                "{\"batch\":[]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(503, stopped.statusCode(), "while stopped, Segment's clients are told to retry, not that the path is gone: "
                + stopped.body());
        assertTrue(stopped.headers().firstValue("Retry-After").isPresent());
        TenureProcess.sleep(300);
        assertEquals(200, tenure.post("/api/v1/modules/ingest/start", admin, null, new byte[0]).statusCode());
        int beforeKill = acknowledged.size();
        DistributionIT.awaitTrue(() -> acknowledged.size() > beforeKill + 2_000, "load running after the restart of ingestion");

        // SIGKILL in the middle of the load: no shutdown hook, no flush.
        int atKill = acknowledged.size();
        tenure.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        tenure.process.destroyForcibly();
        assertTrue(tenure.process.waitFor(10, TimeUnit.SECONDS));
        TenureProcess.sleep(300);
        running.set(false);
        for (Client c : clients) {
            c.join(15_000);
        }
        int acknowledgedBeforeKill = acknowledged.size();
        assertTrue(acknowledgedBeforeKill >= atKill);

        TenureProcess again = TenureProcess.start(home, tenure.data, TenureProcess.freePort());
        try {
            // The clients send again what was never acknowledged, as Segment's libraries do.
            for (Client c : clients) {
                c.port = again.port;
                if (!c.unsure.isEmpty()) {
                    List<String> ids = c.unsure;
                    DistributionIT.awaitTrue(() -> c.send(ids), "the retry of " + ids.get(0) + " accepted");
                    acknowledged.addAll(ids);
                }
            }
            DistributionIT.awaitTrue(() -> {
                JsonObject source = JsonParser.parseString(again.get("/api/v1/sources/app", admin).body()).getAsJsonObject();
                return source.get("backlogBytes").getAsLong() == 0 && source.get("accepted").getAsLong() == acknowledged.size();
            }, "every event applied: " + again.get("/api/v1/sources/app", admin).body());

            HttpResponse<String> export = again.get("/api/v1/export/usage?format=jsonl&account_id=acme", admin);
            assertEquals(200, export.statusCode());
            Map<String, Long> stored = new HashMap<>();
            for (String line : export.body().split("\n")) {
                if (!line.isBlank()) {
                    JsonObject row = JsonParser.parseString(line).getAsJsonObject();
                    stored.merge(row.get("feature").getAsString(), row.get("events").getAsLong(), Long::sum);
                }
            }
            long total = stored.remove("*");
            List<String> missing = acknowledged.stream().filter(id -> !stored.containsKey(id)).sorted().limit(20).toList();
            assertEquals(List.of(), missing, "acknowledged but not stored (of " + acknowledged.size() + ")");
            List<String> twice = stored.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).limit(20).toList();
            assertEquals(List.of(), twice, "stored more than once");
            assertEquals(acknowledged.size(), stored.size(), "nothing stored that no client sent");
            assertEquals(acknowledged.size(), total, "the account's daily totals agree");
            assertTrue(acknowledgedBeforeKill > 4_000, "the load was real: " + acknowledgedBeforeKill + " acknowledged before the kill");
            System.out.printf("IngestIT: %,d events acknowledged before the SIGKILL, %,d in all after the retries, each stored once%n",
                    acknowledgedBeforeKill, acknowledged.size());
        } finally {
            again.close();
        }
    }

    @Test
    void sourcesAreRotatedAndDisabledAndABadSettingIsRefusedWithItsReasonInHealth() throws Exception {
        try (TenureProcess tenure = TenureProcess.start(TenureProcess.freshHome("ingest-settings"))) {
            String admin = TenureProcess.admin();
            HttpResponse<String> created = tenure.post("/api/v1/sources", admin, "application/json",
                    "{\"name\":\"Mobile app\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(201, created.statusCode(), created.body());
            JsonObject source = JsonParser.parseString(created.body()).getAsJsonObject();
            assertEquals("mobile-app", source.get("id").getAsString());
            String key = source.get("writeKey").getAsString();
            byte[] event = "{\"userId\":\"ada\",\"event\":\"Opened\"}".getBytes(StandardCharsets.UTF_8);
            assertEquals(200, tenure.post("/v1/track", TenureProcess.basic(key, ""), "application/json", event).statusCode());
            assertEquals(401, tenure.post("/api/v1/sources", TenureProcess.basic(key, ""), "application/json", event).statusCode(),
                    "a write key is no user of the REST API");

            HttpResponse<String> rotated = tenure.post("/api/v1/sources/mobile-app/rotate-key", admin, null, new byte[0]);
            String newKey = JsonParser.parseString(rotated.body()).getAsJsonObject().get("writeKey").getAsString();
            assertEquals(401, tenure.post("/v1/track", TenureProcess.basic(key, ""), "application/json", event).statusCode());
            assertEquals(200, tenure.post("/v1/track", TenureProcess.basic(newKey, ""), "application/json", event).statusCode());
            assertEquals(200, tenure.post("/api/v1/sources/mobile-app/disable", admin, null, new byte[0]).statusCode());
            HttpResponse<String> disabled = tenure.post("/v1/track", TenureProcess.basic(newKey, ""), "application/json", event);
            assertEquals(403, disabled.statusCode());
            assertTrue(disabled.body().contains("source 'mobile-app' is disabled"), disabled.body());
            DistributionIT.awaitTrue(() -> {
                JsonObject stats = JsonParser.parseString(tenure.get("/api/v1/sources/mobile-app", admin).body()).getAsJsonObject();
                return stats.get("accepted").getAsLong() == 2 && stats.get("rejected").getAsLong() == 1
                        && stats.get("held").getAsLong() == 2;
            }, "two events held for want of an account, one refused: " + tenure.get("/api/v1/sources/mobile-app", admin).body());

            HttpRequest put = HttpRequest.newBuilder(URI.create(tenure.url("/api/v1/settings/io.tenure.ingest")))
                    .header("Authorization", admin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"featurePath\":\"feature\"}")).build();
            assertEquals(200, tenure.send(put).statusCode());
            DistributionIT.awaitTrue(() -> tenure.get("/health", null).statusCode() == 503, "/health reports the bad setting");
            assertTrue(tenure.get("/health", null).body().contains("featurePath 'feature' is not a path such as properties.feature"),
                    tenure.get("/health", null).body());
            HttpResponse<String> refused = tenure.post("/v1/track", TenureProcess.basic(newKey, ""), "application/json", event);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
            assertTrue(refused.body().contains("ingestion is not running: the io.tenure.ingest configuration is not valid"),
                    refused.body());
            HttpResponse<String> stats = tenure.get("/api/v1/sources/mobile-app", admin);
            assertEquals(200, stats.statusCode(), "the sources stay readable: " + stats.body());
            assertTrue(stats.body().contains("featurePath 'feature'"), stats.body());
            HttpRequest fix = HttpRequest.newBuilder(URI.create(tenure.url("/api/v1/settings/io.tenure.ingest")))
                    .header("Authorization", admin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"featurePath\":\"properties.feature\"}")).build();
            assertEquals(200, tenure.send(fix).statusCode());
            DistributionIT.awaitTrue(() -> tenure.get("/health", null).statusCode() == 200,
                    () -> "healthy again; the log:\n" + tenure.output());
            assertEquals(403, tenure.post("/v1/track", TenureProcess.basic(newKey, ""), "application/json", event).statusCode(),
                    "running again: the disabled source is refused as before");
        }
    }
}
