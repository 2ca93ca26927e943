package io.tenure.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Tenure started with {@code bin/tenure run} from a private copy of the assembly, on a free loopback port.
 * Its output is kept for assertions; {@link #close()} stops it with SIGTERM (and kills it if it hangs).
 */
final class TenureProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "it-admin-password";

    final Path home;
    final Path data;
    final int port;
    final Process process;
    private final Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TenureProcess(Path home, Path data, int port, Process process, Path output) {
        this.home = home;
        this.data = data;
        this.port = port;
        this.process = process;
        this.output = output;
    }

    /** A fresh installation folder copied from the assembly. */
    static Path freshHome(String name) throws IOException {
        Path assembly = Path.of(System.getProperty("tenure.assembly"));
        if (!Files.isExecutable(assembly.resolve("bin/tenure"))) {
            throw new IllegalStateException("no assembly at " + assembly + "; build the distribution module first");
        }
        Path home = Path.of(System.getProperty("tenure.it.work", "target/it-work")).resolve(name + "-" + System.nanoTime());
        try (Stream<Path> files = Files.walk(assembly)) {
            for (Path source : files.toList()) {
                Path target = home.resolve(assembly.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.startsWith(assembly.resolve("data"))) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return home;
    }

    static TenureProcess start(Path home, String... extraArgs) throws IOException {
        return start(home, home.resolve("data"), freePort(), extraArgs);
    }

    static TenureProcess start(Path home, Path data, int port, String... extraArgs) throws IOException {
        return start(home, data, port, java.util.Map.of(), extraArgs);
    }

    static TenureProcess start(Path home, Path data, int port, java.util.Map<String, String> env, String... extraArgs)
            throws IOException {
        Process process = launch(home, data, port, env, extraArgs);
        Path output = home.resolve("output-" + System.nanoTime() + ".log");
        // Copy the output to a file as it comes, so the pipe never fills up.
        Thread pump = new Thread(() -> {
            try (var in = process.getInputStream()) {
                Files.copy(in, output, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // process ended
            }
        }, "tenure-output");
        pump.setDaemon(true);
        pump.start();
        TenureProcess tenure = new TenureProcess(home, data, port, process, output);
        try {
            tenure.awaitHealthy(Duration.ofSeconds(60));
        } catch (RuntimeException | Error e) {
            // never leave a server behind: the caller gets no handle to close
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
        return tenure;
    }

    static Process launch(Path home, Path data, int port, String... extraArgs) throws IOException {
        return launch(home, data, port, java.util.Map.of(), extraArgs);
    }

    static Process launch(Path home, Path data, int port, java.util.Map<String, String> env, String... extraArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/tenure").toString(), "run",
                "--port", String.valueOf(port), "--data", data.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TENURE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs {@code bin/tenure <args>} to its end; returns the exit code, with the output in {@code output}. */
    static int command(Path home, java.util.Map<String, String> env, StringBuilder output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/tenure").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/tenure " + String.join(" ", args) + " did not finish:\n" + output);
        }
        return p.exitValue();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tenure exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (get("/health", null).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            sleep(50);
        }
        throw new IllegalStateException("Tenure was not healthy within " + timeout + ":\n" + output());
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    HttpResponse<String> post(String path, String authorization, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    /** The process ids of the Java processes under {@code bin/tenure} (for thread dumps). */
    List<Long> javaPids() {
        return process.descendants().filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** Logs in to the console over plain HTTP and returns the session cookie as {@code name=value}. */
    String consoleSession(String user, String password) {
        String form = "user=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(url("/console/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (login.statusCode() != 302) {
            throw new AssertionError("console login of " + user + " answered " + login.statusCode() + ": " + login.body());
        }
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    /** A console page with a session cookie. */
    HttpResponse<String> consoleGet(String path, String session) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).header("Cookie", session)
                .GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, then waits; returns the exit code. */
    int stop() throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close our end of the output pipe at once,
        // and lose what Tenure prints while it shuts down.
        process.toHandle().destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Tenure did not stop within 40 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
