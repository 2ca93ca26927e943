package io.tenure.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Sustained Segment ingestion through the real server: client threads post {@code /v1/batch} requests of 500 track
 * events (1,000 accounts, 10,000 users, 20 features) on loopback for a fixed time, into the embedded H2 and into
 * PostgreSQL; prints events acknowledged per second, the latency of the calls (p50, p99), how long the drain into the
 * store took after the load stopped, and the end-to-end rate (acknowledged and applied to the store). The ceiling in
 * the same run is PostgreSQL's own {@code COPY} of the same events as raw rows into a plain table.
 */
public final class IngestBenchmark {
    private static final int EVENTS_PER_CALL = 500;
    private static final int ACCOUNTS = 1000;
    private static final int USERS = 10_000;
    private static final int FEATURES = 20;
    private static final int ID_DIGITS = 16;
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:bench-admin-password".getBytes(StandardCharsets.UTF_8));

    private IngestBenchmark() {
    }

    record Result(String database, long events, double seconds, double perSecond, double p50, double p99, long pushedBack,
            long paced, double drainSeconds, double endToEnd) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        int clients = Integer.getInteger("bench.clients", 6);
        String pgUrl = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_URL")).orElse("jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = Optional.ofNullable(System.getenv("TENURE_TEST_JDBC_USER")).orElse(System.getProperty("user.name"));
        String schema = "ingest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        System.out.printf("Ingestion through /v1/batch on loopback: %d client threads, %d events per call, %d s after a 5 s warm-up%n",
                clients, EVENTS_PER_CALL, seconds);
        try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement s = admin.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            List<Result> results = new ArrayList<>();
            // -Dbench.databases=h2 or =postgresql runs one of them (for profiling); both by default
            String databases = System.getProperty("bench.databases", "h2,postgresql");
            if (databases.contains("h2")) {
                results.add(run("H2", Optional.empty(), pgUser, seconds, clients));
            }
            if (databases.contains("postgresql")) {
                results.add(run("PostgreSQL", Optional.of(pgUrl + "?currentSchema=" + schema), pgUser, seconds, clients));
            }
            double copy = copyCeiling(pgUrl + "?currentSchema=" + schema, pgUser, 1_000_000);
            System.out.printf("  ceiling: PostgreSQL COPY of the same events as raw rows into a plain table: %,.0f events/s%n", copy);
            for (Result r : results) {
                System.out.printf("  %-10s %,9.0f events/s acknowledged (%,d events in %.1f s; p50 %.1f ms, p99 %.1f ms per call of %d; "
                        + "%d calls pushed back, %d paced); drained %.1f s after the load; end to end %,9.0f events/s; ratio to COPY %.2f%n",
                        r.database(), r.perSecond(), r.events(), r.seconds(), r.p50(), r.p99(), EVENTS_PER_CALL, r.pushedBack(), r.paced(),
                        r.drainSeconds(), r.endToEnd(), r.endToEnd() / copy);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(pgUrl, pgUser, ""); Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** A batch body whose message ids are patched in place for every call: the clients spend little CPU. */
    static final class Template {
        final byte[] body;
        final int[] idOffsets;

        Template(int seed) {
            StringBuilder b = new StringBuilder("{\"batch\":[");
            List<Integer> offsets = new ArrayList<>();
            String day = Instant.now().toString().substring(0, 10);
            for (int i = 0; i < EVENTS_PER_CALL; i++) {
                int n = seed * EVENTS_PER_CALL + i;
                int user = (n * 7919) % USERS;
                b.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"m");
                offsets.add(b.toString().getBytes(StandardCharsets.UTF_8).length);
                b.append("0".repeat(ID_DIGITS)).append("\",\"userId\":\"user-").append(user).append("\",\"event\":\"Feature ")
                        .append(n % FEATURES).append("\",\"timestamp\":\"").append(day).append("T12:00:00.000Z\",")
                        .append("\"context\":{\"groupId\":\"a").append(String.format("%04d", user % ACCOUNTS))
                        .append("\",\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.1\"}},")
                        .append("\"properties\":{\"plan\":\"pro\",\"value\":").append(n % 97).append("}}");
            }
            body = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            idOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
        }

        byte[] call(long firstId) {
            byte[] copy = body.clone();
            for (int i = 0; i < idOffsets.length; i++) {
                long id = firstId + i;
                for (int d = ID_DIGITS - 1; d >= 0; d--) {
                    copy[idOffsets[i] + d] = (byte) ('0' + id % 10);
                    id /= 10;
                }
            }
            return copy;
        }
    }

    private static Result run(String database, Optional<String> url, String user, int seconds, int clients) throws Exception {
        Path assembly = Path.of(System.getProperty("tenure.assembly")).toAbsolutePath();
        Path home = Files.createTempDirectory("tenure-ingest-bench");
        Installations.copy(assembly, home);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/tenure").toString(), "run", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(home.resolve("out.log").toFile());
        pb.environment().put("TENURE_ADMIN_PASSWORD", "bench-admin-password");
        url.ifPresent(u -> {
            pb.environment().put("TENURE_JDBC_URL", u);
            pb.environment().put("TENURE_JDBC_USER", user);
        });
        // BENCH_SERVER_OPTS adds JVM options to the server under test (e.g. a flight recording)
        pb.environment().put("TENURE_JAVA_OPTS", ("-Xmx1g " + java.util.Objects.requireNonNullElse(System.getenv("BENCH_SERVER_OPTS"), "")).strip());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("TENURE_CDS", "off"); // steady state is measured here, not start-up (and JFR works)
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitHealthy(http, base);
            StringBuilder csv = new StringBuilder("account_id,name,vertical,signed_date\n");
            for (int a = 0; a < ACCOUNTS; a++) {
                csv.append(String.format("a%04d,Account %d,plg,2025-01-01%n", a, a));
            }
            expect(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/import/accounts")).header("Authorization", ADMIN)
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()), 200);
            HttpResponse<String> created = expect(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sources"))
                    .header("Authorization", ADMIN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench\",\"name\":\"Benchmark\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()), 201);
            String key = JsonParser.parseString(created.body()).getAsJsonObject().get("writeKey").getAsString();
            String auth = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
            Template[] templates = new Template[16];
            for (int i = 0; i < templates.length; i++) {
                templates[i] = new Template(i);
            }

            AtomicLong nextId = new AtomicLong();
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong measured = new AtomicLong();
            AtomicLong pushedBack = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            List<List<Long>> latencies = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<Long> mine = new ArrayList<>();
                latencies.add(mine);
                int client = c;
                Thread t = new Thread(() -> {
                    int call = client;
                    try (RawClient own = new RawClient(port)) {
                        while (running.get()) {
                            byte[] body = templates[call++ % templates.length].call(nextId.getAndAdd(EVENTS_PER_CALL));
                            long t0 = System.nanoTime();
                            int status = own.post("/v1/batch", auth, body);
                            long took = System.nanoTime() - t0;
                            if (status == 200) {
                                acknowledged.addAndGet(EVENTS_PER_CALL);
                                if (measuring.get()) {
                                    measured.addAndGet(EVENTS_PER_CALL);
                                    mine.add(took);
                                }
                            } else if (status == 429 || status == 503) {
                                pushedBack.incrementAndGet();
                                Thread.sleep(status == 429 ? 20 : 200);
                            } else {
                                throw new IllegalStateException("/v1/batch answered " + status);
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bench-client-" + c);
                threads.add(t);
            }
            long loadStart = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep(5_000);
            measuring.set(true);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double took = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            long loadEnd = System.nanoTime();
            long total = acknowledged.get();
            long paced;
            while (true) {
                JsonObject source = JsonParser.parseString(expect(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sources/bench"))
                        .header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofString()), 200).body()).getAsJsonObject();
                paced = source.get("pacedCalls").getAsLong();
                if (source.get("backlogBytes").getAsLong() == 0) {
                    if (source.get("accepted").getAsLong() != total) {
                        throw new IllegalStateException(database + ": " + total + " events acknowledged, " + source.get("accepted")
                                + " applied: " + source);
                    }
                    break;
                }
                if (!source.get("drainError").getAsString().isEmpty()) {
                    System.out.println("  (drain retrying: " + source.get("drainError").getAsString() + ")");
                }
                Thread.sleep(50);
            }
            long drained = System.nanoTime();
            List<Long> all = new ArrayList<>();
            latencies.forEach(all::addAll);
            Collections.sort(all);
            return new Result(database, measured.get(), took, measured.get() / took, all.get(all.size() / 2) / 1e6,
                    all.get(all.size() * 99 / 100) / 1e6, pushedBack.get(), paced, (drained - loadEnd) / 1e9,
                    total / ((drained - loadStart) / 1e9));
        } finally {
            p.toHandle().descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor();
            // the server's log (the drain reports where its time goes) outlives the scratch installation
            Path log = Path.of("target", "ingest-" + database.toLowerCase(java.util.Locale.ROOT) + "-server.log");
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.copy(home.resolve("out.log"), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Installations.deleteTree(home);
        }
    }

    /** PostgreSQL's COPY of {@code rows} events of the same shape into a plain table: rows per second. */
    private static double copyCeiling(String url, String user, int rows) throws Exception {
        Template template = new Template(0);
        String sample = new String(template.body, StandardCharsets.UTF_8);
        String firstEvent = sample.substring(sample.indexOf('{', 1), sample.indexOf("}},{") + 2).replace("\"", "\"\"");
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        for (int i = 0; i < rows; i++) {
            String row = "bench,m" + i + ",user-" + (i % USERS) + ",a" + String.format("%04d", i % ACCOUNTS) + ",Feature " + (i % FEATURES)
                    + ",2026-11-25 12:00:00+00,\"" + firstEvent + "\"\n";
            chunk.writeBytes(row.getBytes(StandardCharsets.UTF_8));
            if (chunk.size() > 1 << 20) {
                chunks.add(chunk.toByteArray());
                chunk.reset();
            }
        }
        chunks.add(chunk.toByteArray());
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE raw_events (source_id VARCHAR(100), message_id VARCHAR(200), user_id VARCHAR(200), "
                        + "account_id VARCHAR(100), event VARCHAR(200), ts TIMESTAMP WITH TIME ZONE, json TEXT)");
            }
            long t0 = System.nanoTime();
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY raw_events FROM STDIN WITH (FORMAT csv)");
            for (byte[] b : chunks) {
                copy.writeToCopy(b, 0, b.length);
            }
            long copied = copy.endCopy();
            double took = (System.nanoTime() - t0) / 1e9;
            if (copied != rows) {
                throw new IllegalStateException("COPY stored " + copied + " of " + rows + " rows");
            }
            return rows / took;
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static void awaitHealthy(HttpClient http, String base) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not become healthy at " + base);
    }
}
