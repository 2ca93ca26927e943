package io.tenure.it;

import static io.tenure.it.DistributionIT.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A partner bundle that misbehaves (integration-tests/faulty-bundle: a measure that throws and one that never answers,
 * a trigger, a console page and a REST resource that throw, a page that takes a minute, an entity the store must
 * refuse and demo data that cannot be made) dropped into a running Tenure: everything else keeps answering, the
 * faulty calls are cut off at their time limits, and each fault is counted against the bundle on the modules API and
 * the console's modules page. Removing the jar takes all of it away.
 */
class PartnerFaultsIT {

    @Test
    void aMisbehavingBundleIsIsolatedTimeLimitedAndReported() throws Exception {
        Path jar = Path.of(System.getProperty("tenure.faulty.bundle"));
        assertTrue(Files.exists(jar), "the faulty bundle is built before the integration tests: " + jar);
        Path home = TenureProcess.freshHome("faulty");
        try (TenureProcess tenure = TenureProcess.start(home, "--demo", "--demo-accounts", "60")) {
            String admin = TenureProcess.admin();
            Path deployed = home.resolve("deploy/faulty.jar");
            Files.copy(jar, deployed);
            awaitTrue(() -> tenure.get("/api/v1/health/measures", admin).body().contains("faulty_hangs"), "the faulty measures");
            awaitTrue(() -> tenure.get("/api/v1/playbooks", admin).body().contains("faulty_trigger"), "the faulty trigger");

            HttpResponse<String> recompute = tenure.post("/api/v1/health/recompute", admin, null, new byte[0]);
            assertEquals(200, recompute.statusCode(), recompute.body());
            assertEquals(60, JsonParser.parseString(recompute.body()).getAsJsonObject().get("scored").getAsInt(),
                    "every account scored without the faulty measures: " + recompute.body());
            HttpResponse<String> run = tenure.post("/api/v1/playbooks/run", admin, null, new byte[0]);
            assertEquals(200, run.statusCode(), run.body());
            assertEquals(60, JsonParser.parseString(run.body()).getAsJsonObject().getAsJsonObject("failures")
                    .get("faulty_trigger").getAsInt(), run.body());

            HttpResponse<String> resource = tenure.get("/api/v1/faulty", admin);
            assertEquals(500, resource.statusCode(), resource.body());
            assertEquals(200, tenure.get("/api/v1/accounts?limit=5", admin).statusCode(), "the rest of the API answers");

            String session = tenure.consoleSession("admin", TenureProcess.ADMIN_PASSWORD);
            HttpResponse<String> broken = tenure.consoleGet("/console/faulty", session);
            assertEquals(500, broken.statusCode());
            assertTrue(broken.body().contains("This page failed to render: faulty page &lt;b&gt;broke&lt;/b&gt;"), broken.body());
            long started = System.nanoTime();
            HttpResponse<String> slow = tenure.consoleGet("/console/faulty-slow", session);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertEquals(503, slow.statusCode());
            assertTrue(slow.body().contains("did not answer within 15 seconds"), slow.body());
            assertTrue(seconds < 30, "cut off at the limit, not after a minute: " + seconds + " s");
            assertEquals(200, tenure.consoleGet("/console/portfolio", session).statusCode(), "other pages render");

            // A component that throws on activation: Declarative Services says so through the OSGi log service, which
            // writes it into Tenure's log under the bundle's name.
            awaitTrue(() -> tenure.output().contains("ERROR osgi.tenure.it.faulty - "), "the failed activation in the log");
            String log = tenure.output();
            assertTrue(log.contains("[io.tenure.faulty.FaultyActivation(") && log.contains("The activate method has thrown an exception")
                    && log.contains("IllegalStateException: faulty component refuses to activate"), "with its component and exception: " + log);

            String health = tenure.get("/health", null).body();
            assertEquals(200, tenure.get("/health", null).statusCode(), health);
            assertTrue(health.contains("entities refused: faulty_notes (entity 'faulty_notes' has no key beyond account_id"),
                    health);
            assertTrue(health.contains("faulty demo: failed: faulty demo data has no generator"), health);
            assertEquals(200, tenure.get("/api/v1/faulty_events", admin).statusCode(), "the good entity is served");
            assertEquals(404, tenure.get("/api/v1/faulty_notes", admin).statusCode(), "the refused one is not");

            JsonObject module = module(tenure, admin, "tenure.it.faulty");
            JsonObject faults = module.getAsJsonObject("faults");
            assertTrue(faults != null && faults.get("failed").getAsLong() >= 60 * 2 + 2, "measure, trigger, page, resource: "
                    + module);
            assertTrue(faults.get("timedOut").getAsLong() >= 2, "the hanging measure and the slow page: " + module);
            List<JsonElement> recent = JsonParser.parseString(tenure.get("/api/v1/modules/faults", admin).body())
                    .getAsJsonArray().asList();
            for (String call : List.of("health measure", "playbook trigger", "console page", "REST resource")) {
                assertTrue(recent.stream().anyMatch(f -> f.getAsJsonObject().get("call").getAsString().equals(call)
                        && f.getAsJsonObject().get("bundle").getAsString().equals("tenure.it.faulty")), call + ": " + recent);
            }
            String page = tenure.consoleGet("/console/modules", session).body();
            assertTrue(page.contains("timed out since the start; latest"), "the modules page shows the faults: " + page);

            Files.delete(deployed);
            awaitTrue(() -> !tenure.get("/api/v1/health/measures", admin).body().contains("faulty_"), "the measures are gone");
            awaitTrue(() -> tenure.get("/api/v1/faulty_events", admin).statusCode() == 404, "the entity is gone");
            assertEquals(404, tenure.get("/api/v1/faulty", admin).statusCode());
            assertEquals(404, tenure.consoleGet("/console/faulty", session).statusCode());
            HttpResponse<String> again = tenure.post("/api/v1/health/recompute", admin, null, new byte[0]);
            assertEquals(200, again.statusCode(), again.body());
        }
    }

    private static JsonObject module(TenureProcess tenure, String admin, String id) {
        for (JsonElement m : JsonParser.parseString(tenure.get("/api/v1/modules", admin).body()).getAsJsonArray()) {
            if (m.getAsJsonObject().get("id").getAsString().equals(id)) {
                return m.getAsJsonObject();
            }
        }
        throw new AssertionError("no module " + id);
    }
}
