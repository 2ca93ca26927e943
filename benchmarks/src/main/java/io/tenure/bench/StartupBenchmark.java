package io.tenure.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Start-up and module-toggle benchmark against the real assembly, each figure printed beside a baseline measured in
 * the same run:
 * <ul>
 * <li>ready time: process start to {@code GET /health} = 200, against the <em>bare runtime</em> baseline (the same
 * JVM, Felix and system bundles including Jetty, with no Tenure feature, to the first HTTP answer);</li>
 * <li>toggle time: {@code POST /api/v1/modules/console/stop} then {@code /start}, under a steady load of API calls on
 * other modules (four clients, each calling without pause over its own kept-alive connection), against the baseline of
 * one plain authenticated API call under the same load; and the number of failed requests of that load (must be 0).
 * The first five toggles after the start are printed apart (their code is not compiled yet); the target is judged on
 * the rounds after them.</li>
 * </ul>
 * Targets: ready under 2 s; toggle under 200 ms with zero failed requests.
 */
public final class StartupBenchmark {
    private static final String PASSWORD = "bench-admin-password";
    private static final int WARM_UP_TOGGLES = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        Path assembly = Path.of(System.getProperty("tenure.assembly")).toAbsolutePath();
        Path work = Files.createTempDirectory("tenure-bench");
        Path tenureHome = Installations.copy(assembly, work.resolve("tenure"));
        Path bareHome = Installations.copy(assembly, work.resolve("bare"));
        // An installation without the class archive the build records: what a JVM other than the build's gets.
        Path otherJvmHome = Installations.copy(assembly, work.resolve("other-jvm"));
        if (!Files.isDirectory(otherJvmHome.resolve("lib/cds"))) {
            throw new IllegalStateException(assembly + "/lib/cds is missing: the build records the class archive there (mvn install)");
        }
        Installations.deleteTree(otherJvmHome.resolve("lib/cds"));
        try (Stream<Path> features = Files.list(bareHome.resolve("features"))) {
            for (Path f : features.toList()) {
                Files.delete(f);
            }
        }
        System.out.printf("Start-up: %d runs each, on %d cores%n", runs, Runtime.getRuntime().availableProcessors());
        // The very first start of an installation maps the class-data-sharing archive the build recorded into lib/cds;
        // on a JVM other than the build's, it records one instead (bin/tenure). Each is measured once, apart.
        long install = timeToAnswer(tenureHome, "/health", true, null);
        long installOtherJvm = timeToAnswer(otherJvmHome, "/health", true, null);
        timeToAnswer(bareHome, "/", false, null);
        List<Long> bare = new ArrayList<>();
        List<Long> fresh = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bare.add(timeToAnswer(bareHome, "/", false, Files.createTempDirectory(work, "bare-data")));
            fresh.add(timeToAnswer(tenureHome, "/health", true, Files.createTempDirectory(work, "fresh-data")));
            warm.add(timeToAnswer(tenureHome, "/health", true, null));
        }
        long bareMedian = median(bare);
        long freshMedian = median(fresh);
        long warmMedian = median(warm);
        System.out.printf("  tenure ready, first start of a new installation (the class archive of the build):  %d ms%n", install);
        System.out.printf("  tenure ready, first start of a new installation on another JVM (records one): %d ms%n", installOtherJvm);
        System.out.printf("  baseline bare runtime (Felix + system bundles + Jetty, first HTTP answer): median %d ms %s%n", bareMedian, bare);
        System.out.printf("  tenure ready, first start on an empty data dir (/health 200):            median %d ms %s%n", freshMedian, fresh);
        System.out.printf("  tenure ready, restart on an existing data dir (/health 200):             median %d ms %s%n", warmMedian, warm);
        System.out.printf("  ratio tenure / bare runtime: first start %.2f, restart %.2f   target: ready < 2000 ms -> first start %s, restart %s%n",
                (double) freshMedian / bareMedian, (double) warmMedian / bareMedian,
                freshMedian < 2000 ? "MET" : "NOT MET", warmMedian < 2000 ? "MET" : "NOT MET");

        toggles(tenureHome, runs * 4);
    }

    private static void toggles(Path home, int rounds) throws Exception {
        int port = freePort();
        Process process = launch(home, port, null);
        try {
            awaitStatus(port, "/health", 200, 60_000);
            String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong ok = new AtomicLong();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    try (RawClient client = new RawClient(port)) {
                        while (running.get()) {
                            for (String path : List.of("/api/v1/me", "/health", "/api/v1/modules/core")) {
                                int status = client.get(path, admin);
                                if (status == 200) {
                                    ok.incrementAndGet();
                                } else {
                                    failures.add(path + " " + status);
                                }
                            }
                        }
                    } catch (IOException e) {
                        failures.add("load client: " + e);
                    }
                });
                t.start();
                load.add(t);
            }
            Thread.sleep(1000);
            // The first toggles after a start run code the JIT has not compiled yet: measured and shown apart, the
            // target is judged on the toggles after them.
            List<Long> first = new ArrayList<>();
            for (int i = 0; i < WARM_UP_TOGGLES; i++) {
                first.add(toggleMicros(port, admin) / 1_000);
            }
            List<Long> toggle = new ArrayList<>();
            List<Long> plain = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                toggle.add(toggleMicros(port, admin));
                long start = System.nanoTime();
                expect(get(port, "/api/v1/modules/console", admin), 200);
                plain.add((System.nanoTime() - start) / 1_000);
            }
            running.set(false);
            for (Thread t : load) {
                t.join();
            }
            long toggleMedian = median(toggle);
            long plainMedian = median(plain);
            long toggleMax = Collections.max(toggle);
            System.out.printf("Module toggle (console stop + start) under load of 4 clients, %d rounds after %d first ones:%n",
                    rounds, WARM_UP_TOGGLES);
            System.out.printf("  the first %d toggles after the start (JIT still compiling), ms: %s%n", WARM_UP_TOGGLES, first);
            System.out.printf("  baseline one API call under the same load: median %.1f ms%n", plainMedian / 1000.0);
            System.out.printf("  toggle round trip: median %.1f ms, max %.1f ms; each round (ms): %s%n", toggleMedian / 1000.0,
                    toggleMax / 1000.0, toggle.stream().map(us -> String.valueOf(us / 1000)).toList());
            System.out.printf("  ratio toggle / API call: %.1f   load requests: %d ok, %d failed%n",
                    (double) toggleMedian / plainMedian, ok.get(), failures.size());
            System.out.printf("  target: toggle < 200 ms with 0 failed -> median %s, every round %s%s%n",
                    toggleMedian < 200_000 && failures.isEmpty() ? "MET" : "NOT MET",
                    toggleMax < 200_000 && failures.isEmpty() ? "MET" : "NOT MET",
                    failures.isEmpty() ? "" : " " + failures.stream().limit(5).toList());
        } finally {
            stop(process);
        }
    }

    /** Time from process start to the first wanted answer; {@code data} null runs on the installation's own data dir. */
    private static long timeToAnswer(Path home, String path, boolean needOk, Path data) throws Exception {
        int port = freePort();
        long start = System.nanoTime();
        Process process = launch(home, port, data);
        try {
            awaitStatus(port, path, needOk ? 200 : -1, 60_000);
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            stop(process);
        }
    }

    /** One stop and start of the console feature; how long the round trip took, in microseconds. */
    private static long toggleMicros(int port, String admin) throws IOException {
        long start = System.nanoTime();
        expect(post(port, "/api/v1/modules/console/stop", admin), 200);
        expect(post(port, "/api/v1/modules/console/start", admin), 200);
        return (System.nanoTime() - start) / 1_000;
    }

    private static Process launch(Path home, int port, Path data) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/tenure").toString(), "run", "--port", String.valueOf(port)));
        if (data != null) {
            command.addAll(List.of("--data", data.toString()));
        }
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("bench-output.log").toFile());
        b.environment().put("TENURE_ADMIN_PASSWORD", PASSWORD);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return b.start();
    }

    /**
     * Asks every 5 ms over a plain socket (the JDK's HttpClient would take a share of the two cores the server is
     * starting on), one connection kept while the server keeps it.
     */
    private static void awaitStatus(int port, String path, int wanted, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        RawClient client = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (client == null) {
                    client = new RawClient(port);
                }
                int status = client.get(path, null);
                if (wanted < 0 || status == wanted) {
                    client.close();
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or the connection went away: a new one next time
                if (client != null) {
                    client.close();
                    client = null;
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(path + " did not answer " + wanted + " within " + timeoutMs + " ms");
    }

    private static HttpResponse<String> get(int port, String path, String auth) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return send(b.GET().build());
    }

    private static HttpResponse<String> post(int port, String path, String auth) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
