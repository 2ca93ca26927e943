package io.tenure.it;

import static io.tenure.it.DistributionIT.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A vertical switched off and on under request load on the demo base: its measures, triggers, metric, settings and
 * console page disappear with it and come back, and no other request fails meanwhile.
 */
class VerticalsIT {
    static final String[] CONTRIBUTIONS = { "enterprise_multi_threading", "enterprise_sponsor_seniority" };

    @Test
    void theEnterpriseVerticalStopsAndStartsUnderLoadLeavingNothingBehind() throws Exception {
        try (TenureProcess tenure = TenureProcess.start(TenureProcess.freshHome("verticals"), "--demo", "--demo-accounts", "200")) {
            String admin = TenureProcess.admin();
            assertPresent(tenure, true);
            JsonObject metric = JsonParser.parseString(tenure.get("/api/v1/metrics/enterprise", admin).body()).getAsJsonObject();
            assertTrue(metric.get("accounts").getAsInt() > 0 && metric.has("withSponsor"), metric.toString());
            JsonObject run = JsonParser.parseString(tenure.post("/api/v1/playbooks/run", admin, null, new byte[0]).body())
                    .getAsJsonObject();
            assertEquals(0, run.getAsJsonObject("failures").size(), run.toString());
            String qbr = tenure.get("/api/v1/tasks?playbook=qbr&limit=5", admin).body();
            assertTrue(qbr.contains("Value delivered against the customer's goals"), "QBR tasks carry the agenda: " + qbr);

            String token = "Bearer " + JsonParser.parseString(tenure.post("/api/v1/tokens", admin, "application/json",
                    "{\"label\":\"load\"}".getBytes(StandardCharsets.UTF_8)).body()).getAsJsonObject().get("secret").getAsString();
            LoadClients load = LoadClients.start(tenure, token,
                    List.of("/api/v1/accounts?limit=5", "/health", "/api/v1/health/distribution"), 4);
            for (int round = 0; round < 3; round++) {
                HttpResponse<String> stopped = tenure.post("/api/v1/modules/enterprise/stop", admin, null, new byte[0]);
                assertEquals(200, stopped.statusCode(), stopped.body());
                assertPresent(tenure, false);
                HttpResponse<String> started = tenure.post("/api/v1/modules/enterprise/start", admin, null, new byte[0]);
                assertEquals(200, started.statusCode(), started.body());
                assertPresent(tenure, true);
            }
            load.close();
            assertEquals(List.of(), load.failures());
            assertTrue(load.ok() > 20, "load ran: " + load.ok());
        }
    }

    /** Waits until every contribution of the vertical is there, or until every one is gone. */
    private static void assertPresent(TenureProcess tenure, boolean present) {
        String admin = TenureProcess.admin();
        awaitTrue(() -> {
            String measures = tenure.get("/api/v1/health/measures", admin).body();
            String playbooks = tenure.get("/api/v1/playbooks", admin).body();
            boolean all = measures.contains(CONTRIBUTIONS[0]) && measures.contains(CONTRIBUTIONS[1])
                    && playbooks.contains("enterprise_qbr_cadence") && playbooks.contains("enterprise_executive_sponsor")
                    && tenure.get("/api/v1/metrics/enterprise", admin).statusCode() == 200
                    && tenure.get("/api/v1/settings/io.tenure.vertical.enterprise", admin).statusCode() == 200;
            boolean none = !measures.contains(CONTRIBUTIONS[0]) && !measures.contains(CONTRIBUTIONS[1])
                    && !playbooks.contains("enterprise_") && tenure.get("/api/v1/metrics/enterprise", admin).statusCode() == 404
                    && tenure.get("/api/v1/settings/io.tenure.vertical.enterprise", admin).statusCode() == 404;
            return present ? all : none;
        }, present ? "every enterprise contribution is there" : "every enterprise contribution is gone");
    }
}
