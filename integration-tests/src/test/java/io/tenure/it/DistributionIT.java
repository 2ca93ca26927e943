package io.tenure.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** End to end through {@code bin/tenure}: what an operator and an API client see. */
class DistributionIT {

    @Test
    void startsAnnouncesTheConsoleAndStopsCleanlyOnSigterm() throws Exception {
        Path home = TenureProcess.freshHome("start");
        TenureProcess tenure = TenureProcess.start(home);
        try {
            awaitOutput(tenure, "is ready in");
            assertTrue(tenure.output().contains("Console:   http://127.0.0.1:" + tenure.port + "/console/"), tenure.output());
            JsonObject health = json(tenure.get("/health", null)).getAsJsonObject();
            assertEquals("up", health.get("status").getAsString());
            assertEquals("active", health.getAsJsonObject("features").get("core").getAsString());
            assertEquals("active", health.getAsJsonObject("features").get("console").getAsString());
            HttpResponse<String> root = tenure.get("/", null);
            assertEquals(302, root.statusCode());
            assertEquals("/console/", root.headers().firstValue("Location").orElse("").replaceAll("^https?://[^/]+", ""));
        } finally {
            int exit = tenure.stop();
            assertEquals(143, exit, "a SIGTERM stop exits as terminated by SIGTERM");
            awaitOutput(tenure, "Tenure stopped.");
        }
    }

    /**
     * While the framework starts the feature bundles one after another, /health answers 503 with those features
     * "starting" (the modules check saying so), never "failed": an operator or a load balancer watching a start must
     * not read a failure that is only a queue. It answers 200 once all are active. (Whether the window in which the
     * features are queued falls while /health is already served depends on the timing of a start; ModuleManagerBootTest
     * checks the states themselves.)
     */
    @Test
    void healthSaysStartingNotFailedWhileTheFeaturesStart() throws Exception {
        Path home = TenureProcess.freshHome("boot-health");
        int port = TenureProcess.freePort();
        Process process = TenureProcess.launch(home, home.resolve("data"), port);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(1)).build();
        java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(java.time.Duration.ofSeconds(5)).GET().build();
        List<String> whileStarting = new ArrayList<>();
        String ready = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ready == null && System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        ready = r.body();
                    } else if (r.statusCode() == 503) {
                        whileStarting.add(r.body());
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(2);
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(40, TimeUnit.SECONDS);
        }
        assertTrue(ready != null, "Tenure became ready");
        assertFalse(whileStarting.isEmpty(), "/health was read before the runtime was ready");
        for (String body : whileStarting) {
            JsonObject features = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("features");
            for (String feature : features.keySet()) {
                String state = features.get(feature).getAsString();
                assertTrue(state.equals("active") || state.equals("starting"), feature + " read " + state + " during the start: " + body);
            }
        }
    }

    /**
     * The build records a class archive into lib/cds; a copy of the installation (elsewhere, as cp -a, tar or unzip
     * leave it) maps it on its very first start. With -Xshare:on the JVM refuses to start when it cannot map it (a
     * class path or a JAR that differs from the recording's), so the start itself is the check.
     */
    @Test
    void aCopiedInstallationMapsTheClassArchiveOfTheBuildOnItsFirstStart() throws Exception {
        Path home = TenureProcess.freshHome("cds-shipped");
        assertEquals(1, archives(home.resolve("lib/cds")).size(), "the build records one class archive into lib/cds");
        Path classLog = home.resolveSibling(home.getFileName() + "-classes.log").toAbsolutePath();
        try (TenureProcess tenure = TenureProcess.start(home, home.resolve("data"), TenureProcess.freePort(), mapOnly(classLog))) {
            awaitOutput(tenure, "is ready in");
        }
        assertEquals(List.of(), archives(home.resolve("data/cache")), "nothing recorded: the build's archive was used");
        assertLauncherFromTheBuildsArchive(classLog);
    }

    /**
     * An installation whose own data/cache cannot be written (installed read-only, run with --data elsewhere) still
     * maps the build's archive, which is only read; here data/cache is a file, so nothing can be made there.
     */
    @Test
    void anInstallationThatCannotBeWrittenStillMapsTheBuildsArchive() throws Exception {
        Path home = TenureProcess.freshHome("cds-read-only");
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/cache"), "not a directory");
        Path data = home.resolveSibling(home.getFileName() + "-data");
        Path classLog = home.resolveSibling(home.getFileName() + "-classes.log").toAbsolutePath();
        try (TenureProcess tenure = TenureProcess.start(home, data, TenureProcess.freePort(), mapOnly(classLog))) {
            awaitOutput(tenure, "is ready in");
            int exit = tenure.stop();
            assertEquals(143, exit, "a SIGTERM stop exits as terminated by SIGTERM: " + tenure.output());
        }
        assertEquals("not a directory", Files.readString(home.resolve("data/cache")));
        assertLauncherFromTheBuildsArchive(classLog);
    }

    /** Without an archive for this JVM and these JARs (another JVM than the build's), the first start records one. */
    @Test
    void withoutTheBuildsArchiveTheFirstStartRecordsOneThatTheNextStartMaps() throws Exception {
        Path home = TenureProcess.freshHome("cds-recorded");
        for (Path archive : archives(home.resolve("lib/cds"))) {
            Files.delete(archive);
        }
        try (TenureProcess first = TenureProcess.start(home)) {
            awaitOutput(first, "is ready in");
        }
        assertEquals(1, archives(home.resolve("data/cache")).size(), "the first start recorded an archive");
        try (TenureProcess second = TenureProcess.start(home, home.resolve("data"), TenureProcess.freePort(),
                java.util.Map.of("TENURE_JAVA_OPTS", "-Xshare:on"))) {
            awaitOutput(second, "is ready in");
        }
    }

    /** JVM options: refuse to start without a class archive (-Xshare:on), and log where each class came from. */
    private static java.util.Map<String, String> mapOnly(Path classLog) {
        return java.util.Map.of("TENURE_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classLog);
    }

    /** The launcher's own class came from the top archive, the build's (the JDK's own archive holds only JDK classes). */
    private static void assertLauncherFromTheBuildsArchive(Path classLog) throws IOException {
        assertTrue(Files.readAllLines(classLog).stream().anyMatch(
                l -> l.contains(" io.tenure.launcher.Main source: shared objects file (top)")), "launcher class from the build's archive");
    }

    private static List<Path> archives(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("classes-\\d+\\.jsa")).sorted().toList();
        }
    }

    @Test
    void versionAndHelp() throws Exception {
        Path home = TenureProcess.freshHome("cli");
        assertEquals("Tenure 0.1.0-SNAPSHOT", runCli(home, "version").trim());
        String help = runCli(home, "--help");
        assertTrue(help.contains("--port N") && help.contains("--demo") && help.contains("TENURE_ADMIN_PASSWORD"), help);
    }

    @Test
    void refusesATakenPortAndAnUnwritableDataDirectoryWithClearErrors() throws Exception {
        Path home = TenureProcess.freshHome("errors");
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process p = TenureProcess.launch(home, home.resolve("data"), taken.getLocalPort());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(3, p.exitValue(), out);
            assertTrue(out.contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"), out);
        }
        Path notADirectory = Files.writeString(home.resolve("plain-file"), "x");
        Process p = TenureProcess.launch(home, notADirectory.resolve("data"), TenureProcess.freePort());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(4, p.exitValue(), out);
        assertTrue(out.contains("data directory " + notADirectory.resolve("data") + " is not writable"), out);

        Process weak = TenureProcess.launch(home, home.resolve("data"), TenureProcess.freePort(),
                java.util.Map.of("TENURE_ADMIN_PASSWORD", "short"));
        String said = new String(weak.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(weak.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, weak.exitValue(), said);
        assertTrue(said.contains("TENURE_ADMIN_PASSWORD has 5 characters; a password needs at least 10"), said);
    }

    @Test
    void restApiNeedsCredentialsAndTheRightRole() throws Exception {
        try (TenureProcess tenure = TenureProcess.start(TenureProcess.freshHome("auth"))) {
            HttpResponse<String> anonymous = tenure.get("/api/v1/modules", null);
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertEquals("unauthorized", json(anonymous).getAsJsonObject().getAsJsonObject("error").get("code").getAsString());
            assertEquals(401, tenure.get("/api/v1/me", TenureProcess.basic("admin", "wrong-password")).statusCode());

            JsonObject me = json(tenure.get("/api/v1/me", TenureProcess.admin())).getAsJsonObject();
            assertEquals("admin", me.get("role").getAsString());

            HttpResponse<String> created = tenure.post("/api/v1/users", TenureProcess.admin(), "application/json",
                    "{\"name\":\"vera\",\"password\":\"viewer-password\",\"role\":\"viewer\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(201, created.statusCode(), created.body());
            String viewer = TenureProcess.basic("vera", "viewer-password");
            assertEquals(200, tenure.get("/api/v1/modules", viewer).statusCode());
            HttpResponse<String> refused = tenure.post("/api/v1/modules/console/stop", viewer, null, new byte[0]);
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("admin role"), refused.body());
            assertEquals(403, tenure.get("/api/v1/users", viewer).statusCode());

            HttpResponse<String> bad = tenure.post("/api/v1/users", TenureProcess.admin(), "application/json",
                    "{\"name\":\"x\",\"password\":\"short\",\"role\":\"boss\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("boss"), bad.body());

            JsonObject issued = json(tenure.post("/api/v1/tokens", TenureProcess.admin(), "application/json",
                    "{\"label\":\"it\",\"role\":\"viewer\"}".getBytes(StandardCharsets.UTF_8))).getAsJsonObject();
            String bearer = "Bearer " + issued.get("secret").getAsString();
            assertEquals("viewer", json(tenure.get("/api/v1/me", bearer)).getAsJsonObject().get("role").getAsString());
            assertEquals(403, tenure.post("/api/v1/modules/console/stop", bearer, null, new byte[0]).statusCode());
            assertEquals(401, tenure.get("/api/v1/me", "Bearer tnr_not-a-token").statusCode());
        }
    }

    @Test
    void togglingTheConsoleUnderLoadFailsNoOtherRequestAndTheChoiceSurvivesARestart() throws Exception {
        Path home = TenureProcess.freshHome("toggle");
        try (TenureProcess tenure = TenureProcess.start(home)) {
            String token = "Bearer " + json(tenure.post("/api/v1/tokens", TenureProcess.admin(), "application/json",
                    "{\"label\":\"load\"}".getBytes(StandardCharsets.UTF_8))).getAsJsonObject().get("secret").getAsString();
            LoadClients load = LoadClients.start(tenure, token, List.of("/api/v1/me", "/health", "/api/v1/modules/core"), 4);
            for (int round = 0; round < 5; round++) {
                HttpResponse<String> stopped = tenure.post("/api/v1/modules/console/stop", TenureProcess.admin(), null, new byte[0]);
                assertEquals(200, stopped.statusCode(), stopped.body());
                assertEquals("stopped", json(stopped).getAsJsonObject().get("state").getAsString());
                assertEquals(404, tenure.get("/console/login", null).statusCode());
                HttpResponse<String> started = tenure.post("/api/v1/modules/console/start", TenureProcess.admin(), null, new byte[0]);
                assertEquals("active", json(started).getAsJsonObject().get("state").getAsString());
                assertEquals(200, tenure.get("/console/login", null).statusCode());
            }
            load.close();
            assertEquals(List.of(), load.failures());
            assertTrue(load.ok() > 50, "load ran: " + load.ok());

            assertEquals(409, tenure.post("/api/v1/modules/core/stop", TenureProcess.admin(), null, new byte[0]).statusCode());
            assertEquals(404, tenure.post("/api/v1/modules/nothing/stop", TenureProcess.admin(), null, new byte[0]).statusCode());
            assertEquals(200, tenure.post("/api/v1/modules/console/stop", TenureProcess.admin(), null, new byte[0]).statusCode());
        }
        try (TenureProcess again = TenureProcess.start(home)) {
            assertEquals(404, again.get("/console/login", null).statusCode(), "the stopped console stays stopped");
            JsonObject health = json(again.get("/health", null)).getAsJsonObject();
            assertFalse(health.getAsJsonObject("features").has("console"));
            assertEquals(200, again.post("/api/v1/modules/console/start", TenureProcess.admin(), null, new byte[0]).statusCode());
            assertEquals(200, again.get("/console/login", null).statusCode());
        }
    }

    @Test
    void deployFolderInstallsUpdatesAndRemovesABundle() throws Exception {
        Path home = TenureProcess.freshHome("deploy");
        try (TenureProcess tenure = TenureProcess.start(home)) {
            Path sample = Path.of(System.getProperty("tenure.sample.bundle"));
            Path deployed = home.resolve("deploy/sample.jar");
            Files.copy(sample, deployed);
            awaitTrue(() -> tenure.get("/api/v1/sample", TenureProcess.admin()).statusCode() == 200, "sample deployed");
            assertEquals("0.1.0.SNAPSHOT", json(tenure.get("/api/v1/sample", TenureProcess.admin())).getAsJsonObject()
                    .get("version").getAsString());
            JsonObject module = json(tenure.get("/api/v1/modules/tenure.it.sample", TenureProcess.admin())).getAsJsonObject();
            assertEquals("deploy", module.get("origin").getAsString());
            assertEquals("active", module.get("state").getAsString());
            assertTrue(module.get("contributions").toString().contains("/api/v1/sample"), module.toString());
            assertEquals(0, json(tenure.get("/api/v1/metrics/sample_accounts", TenureProcess.admin())).getAsJsonObject()
                    .get("accounts").getAsInt(), "a partner metric appears in the REST API");
            assertTrue(tenure.get("/api/v1/metrics", TenureProcess.admin()).body().contains("sample_accounts"));

            Path replacement = home.resolve("sample-0.2.0.tmp");
            Files.write(replacement, withVersion(sample, "0.2.0"));
            Files.move(replacement, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            awaitTrue(() -> tenure.get("/api/v1/sample", TenureProcess.admin()).body().contains("0.2.0"), "sample updated");

            Files.delete(deployed);
            awaitTrue(() -> tenure.get("/api/v1/sample", TenureProcess.admin()).statusCode() == 404, "sample removed");
            assertEquals(404, tenure.get("/api/v1/metrics/sample_accounts", TenureProcess.admin()).statusCode(),
                    "and disappears with its bundle");
            assertEquals(404, tenure.get("/api/v1/modules/tenure.it.sample", TenureProcess.admin()).statusCode());
        }
    }

    @Test
    void aBundleRebuiltOnDiskReplacesTheCachedCopyAtTheNextStart() throws Exception {
        Path home = TenureProcess.freshHome("rebuilt");
        try (TenureProcess tenure = TenureProcess.start(home)) {
            assertEquals("0.1.0.SNAPSHOT", json(tenure.get("/api/v1/modules/tenure.console", TenureProcess.admin()))
                    .getAsJsonObject().get("version").getAsString());
        }
        Path jar = home.resolve("bundles/tenure.console-0.1.0-SNAPSHOT.jar");
        Files.write(jar, withVersion(jar, "0.1.1"));
        try (TenureProcess again = TenureProcess.start(home)) {
            assertEquals("0.1.1", json(again.get("/api/v1/modules/tenure.console", TenureProcess.admin())).getAsJsonObject()
                    .get("version").getAsString(), "the cache took the file's new content");
            assertEquals("active", json(again.get("/api/v1/modules/tenure.console", TenureProcess.admin())).getAsJsonObject()
                    .get("state").getAsString());
        }
    }

    @Test
    void uploadedBundleIsInstalledAndABadUploadIsRefused() throws Exception {
        Path home = TenureProcess.freshHome("upload");
        try (TenureProcess tenure = TenureProcess.start(home)) {
            byte[] jar = Files.readAllBytes(Path.of(System.getProperty("tenure.sample.bundle")));
            HttpResponse<String> uploaded = tenure.post("/api/v1/modules?file=sample.jar", TenureProcess.admin(),
                    "application/java-archive", jar);
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            assertEquals("active", json(uploaded).getAsJsonObject().get("state").getAsString());
            assertEquals(200, tenure.get("/api/v1/sample", TenureProcess.admin()).statusCode());
            assertTrue(Files.exists(home.resolve("deploy/tenure.it.sample-0.1.0.SNAPSHOT.jar")));

            HttpResponse<String> notABundle = tenure.post("/api/v1/modules?file=notes.txt", TenureProcess.admin(),
                    "application/octet-stream", "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, notABundle.statusCode(), notABundle.body());
            assertTrue(notABundle.body().contains("notes.txt"), notABundle.body());

            HttpResponse<String> removed = tenure.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(tenure.url("/api/v1/modules/tenure.it.sample")))
                    .header("Authorization", TenureProcess.admin()).DELETE().build());
            assertEquals(204, removed.statusCode(), removed.body());
            assertEquals(404, tenure.get("/api/v1/sample", TenureProcess.admin()).statusCode());
            assertFalse(Files.exists(home.resolve("deploy/tenure.it.sample-0.1.0.SNAPSHOT.jar")));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static JsonElement json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body());
    }

    static void awaitTrue(Supplier<Boolean> condition, String what) {
        awaitTrue(condition, () -> what);
    }

    /** As {@link #awaitTrue(Supplier, String)}, describing the wait when it times out (e.g. with the log by then). */
    static void awaitTrue(Supplier<Boolean> condition, Supplier<String> what) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.get()) {
                return;
            }
            TenureProcess.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what.get());
    }

    static void awaitOutput(TenureProcess tenure, String text) {
        awaitTrue(() -> tenure.output().contains(text), "output '" + text + "'");
    }

    static String runCli(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/tenure").toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The same bundle with another Bundle-Version, as a partner's next release would be. */
    static byte[] withVersion(Path jar, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

}
