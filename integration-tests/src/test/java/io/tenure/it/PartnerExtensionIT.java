package io.tenure.it;

import static io.tenure.it.DistributionIT.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The example partner extension (examples/partner-extension, built only against the API jar) dropped into
 * {@code deploy/} of a running Tenure: its health measure, playbook trigger, metric, settings and console page appear,
 * work on the demo data, and all disappear again when the jar is removed. Then the same example compiled against the
 * first version of the API is uploaded and works in this runtime too (the compatibility promise).
 */
class PartnerExtensionIT {

    @Test
    void theExampleBundleHotDeploysAndLeavesNothingBehind() throws Exception {
        Path jar = Path.of(System.getProperty("tenure.partner.bundle"));
        assertTrue(Files.exists(jar), "the example bundle is built before the integration tests: " + jar);
        Path home = TenureProcess.freshHome("partner");
        try (TenureProcess tenure = TenureProcess.start(home, "--demo", "--demo-accounts", "100")) {
            String admin = TenureProcess.admin();
            Path deployed = home.resolve("deploy/partner-extension.jar");
            Files.copy(jar, deployed);
            awaitTrue(() -> tenure.get("/api/v1/health/measures", admin).body().contains("partner_ticket_resolution"),
                    "the partner's health measure");
            awaitTrue(() -> tenure.get("/api/v1/playbooks", admin).body().contains("partner_quiet_account"), "the partner's trigger");
            JsonObject backlog = JsonParser.parseString(tenure.get("/api/v1/metrics/partner_ticket_backlog", admin).body())
                    .getAsJsonObject();
            assertTrue(backlog.get("open").getAsInt() >= 0 && backlog.has("bySeverity"), backlog.toString());
            assertEquals(200, tenure.get("/api/v1/settings/com.example.tenure.partner.quiet_account", admin).statusCode(),
                    "its settings are described and editable");
            JsonObject health = JsonParser.parseString(tenure.get("/api/v1/health/accounts/acct-000001", admin).body())
                    .getAsJsonObject();
            assertTrue(health.toString().contains("partner_ticket_resolution") || health.get("status").getAsString().length() > 0,
                    health.toString());
            String modules = tenure.get("/api/v1/modules", admin).body();
            assertTrue(modules.contains("com.example.tenure.partner"), "listed among the modules: " + modules);

            Files.delete(deployed);
            awaitTrue(() -> !tenure.get("/api/v1/health/measures", admin).body().contains("partner_ticket_resolution"),
                    "the measure is gone");
            awaitTrue(() -> !tenure.get("/api/v1/playbooks", admin).body().contains("partner_quiet_account"), "the trigger is gone");
            assertEquals(404, tenure.get("/api/v1/metrics/partner_ticket_backlog", admin).statusCode(), "the metric is gone");
            assertEquals(404, tenure.get("/api/v1/settings/com.example.tenure.partner.quiet_account", admin).statusCode(),
                    "its settings are gone");

            // Compatibility: the same example compiled against the first API (every package 1.0.0, tag api-1.0.0;
            // integration-tests/compat/build-fixture.sh) runs in this runtime, whose API packages have moved on.
            byte[] old;
            try (var in = PartnerExtensionIT.class.getResourceAsStream("/compat/partner-extension-on-api-1.0.0.jar")) {
                old = in.readAllBytes();
            }
            var uploaded = tenure.post("/api/v1/modules?file=partner-extension-on-api-1.0.0.jar", admin,
                    "application/java-archive", old);
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            awaitTrue(() -> tenure.get("/api/v1/health/measures", admin).body().contains("partner_ticket_resolution"),
                    "the old build's health measure");
            awaitTrue(() -> tenure.get("/api/v1/playbooks", admin).body().contains("partner_quiet_account"),
                    "the old build's trigger");
            JsonObject oldBacklog = JsonParser.parseString(tenure.get("/api/v1/metrics/partner_ticket_backlog", admin).body())
                    .getAsJsonObject();
            assertEquals(backlog, oldBacklog, "the old build computes the same metric");
            var run = JsonParser.parseString(tenure.post("/api/v1/playbooks/run", admin, null, new byte[0]).body())
                    .getAsJsonObject();
            assertTrue(!run.getAsJsonObject("failures").has("partner_quiet_account"), "the old build's trigger runs: " + run);
            String id = JsonParser.parseString(uploaded.body()).getAsJsonObject().get("id").getAsString();
            assertEquals(204, tenure.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    tenure.url("/api/v1/modules/" + id))).header("Authorization", admin).DELETE().build()).statusCode());
            awaitTrue(() -> !tenure.get("/api/v1/health/measures", admin).body().contains("partner_ticket_resolution"),
                    "the old build's measure is gone");
        }
    }
}
