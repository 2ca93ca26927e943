package io.tenure.it;

import static io.tenure.it.DistributionIT.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The four verticals on the demo base: each one's demo data, measures, triggers, metric, settings, entities and console
 * page are there; switched off and on under request load, all of them disappear with it (no service, page, entity
 * endpoint or thread of its own left behind) and come back with the stored rows, and no other request fails.
 */
class VerticalsIT {

    /** What one vertical contributes, and what its demo data must show. */
    record Vertical(String feature, List<String> measures, List<String> triggers, String settings, String page,
            List<String> entities, Predicate<JsonObject> demoMetric, String demoMetricSays) {
    }

    static final List<Vertical> VERTICALS = List.of(
            new Vertical("enterprise", List.of("enterprise_multi_threading", "enterprise_sponsor_seniority"),
                    List.of("enterprise_qbr_cadence", "enterprise_executive_sponsor", "enterprise_ae_involvement"),
                    "io.tenure.vertical.enterprise", "enterprise", List.of(),
                    m -> m.get("accounts").getAsInt() > 0 && m.has("withSponsor"), "enterprise accounts with sponsors"),
            new Vertical("plg", List.of("plg_activation_depth", "plg_team_spread"),
                    List.of("plg_activation_nudge", "plg_pql_nudge", "plg_pql_human_touch", "plg_self_serve_upgrade"),
                    "io.tenure.vertical.plg", "plg", List.of(),
                    m -> m.get("trialsStarted").getAsInt() > 0 && m.get("conversionRate").getAsDouble() < 1,
                    "trials started in the year, not all converted"),
            new Vertical("marketplace", List.of("marketplace_seller_demand", "marketplace_network_position",
                    "marketplace_buyer_repeat_purchase", "marketplace_buyer_fulfilment"),
                    List.of("marketplace_seller_demand_drop", "marketplace_buyer_win_back", "marketplace_tech_touch",
                            "marketplace_side_conflict"),
                    "io.tenure.vertical.marketplace", "marketplace",
                    List.of("marketplace_sides", "marketplace_orders", "marketplace_listings"),
                    m -> m.getAsJsonObject("sides").getAsJsonObject("buyer").get("cohortAccounts").getAsInt() > 0
                            && m.getAsJsonObject("liquidity").get("listingsMatured").getAsInt() > 0,
                    "buyers in the cohort and matured listings"),
            new Vertical("haas", List.of("haas_fleet_uptime", "haas_fault_rate", "haas_firmware_age", "haas_service_burden"),
                    List.of("haas_rma", "haas_field_service_follow_up", "haas_logistics_delay"),
                    "io.tenure.vertical.haas", "fleet", List.of("haas_devices", "haas_device_days", "haas_service_events"),
                    m -> m.getAsJsonObject("fleet").get("devices").getAsInt() > 0
                            && m.getAsJsonObject("grrWithMargin").get("grrMargin").getAsDouble() <= 1,
                    "devices, and GRR with margin at most 1"));

    @Test
    void eachVerticalStopsAndStartsUnderLoadLeavingNothingBehind() throws Exception {
        try (TenureProcess tenure = TenureProcess.start(TenureProcess.freshHome("verticals"), "--demo", "--demo-accounts", "200")) {
            String admin = TenureProcess.admin();
            String session = tenure.consoleSession("admin", TenureProcess.ADMIN_PASSWORD);
            String period = "from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(1) + "&to="
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
            for (Vertical v : VERTICALS) {
                assertPresent(tenure, session, v, true);
                // the verticals' in-memory copies follow the store within seconds (reread on a worker)
                awaitTrue(() -> v.demoMetric().test(JsonParser.parseString(tenure.get("/api/v1/metrics/" + v.feature() + "?"
                        + period, admin).body()).getAsJsonObject()), () -> v.feature() + " demo data shows "
                        + v.demoMetricSays() + ": " + tenure.get("/api/v1/metrics/" + v.feature() + "?" + period, admin).body());
            }
            JsonObject run = JsonParser.parseString(tenure.post("/api/v1/playbooks/run", admin, null, new byte[0]).body())
                    .getAsJsonObject();
            assertEquals(0, run.getAsJsonObject("failures").size(), run.toString());
            assertTrue(tenure.get("/api/v1/tasks?playbook=qbr&limit=5", admin).body()
                    .contains("Value delivered against the customer's goals"), "QBR tasks carry the agenda");
            String nudges = tenure.get("/api/v1/tasks?playbook=plg_in_product_nudge&limit=50", admin).body();
            assertTrue(nudges.contains("\"owner\":\"in-product\"") && !nudges.contains("\"owner\":\"csm-"),
                    "in-product nudges belong to the product's automation: " + nudges);
            long devices = count(tenure, admin, "haas_devices");
            assertTrue(devices > 0);

            String token = "Bearer " + JsonParser.parseString(tenure.post("/api/v1/tokens", admin, "application/json",
                    "{\"label\":\"load\"}".getBytes(StandardCharsets.UTF_8)).body()).getAsJsonObject().get("secret").getAsString();
            LoadClients load = LoadClients.start(tenure, token,
                    List.of("/api/v1/accounts?limit=5", "/health", "/api/v1/health/distribution", "/api/v1/metrics/retention?" + period), 4);
            for (Vertical v : VERTICALS) {
                for (int round = 0; round < 2; round++) {
                    HttpResponse<String> stopped = tenure.post("/api/v1/modules/" + v.feature() + "/stop", admin, null, new byte[0]);
                    assertEquals(200, stopped.statusCode(), stopped.body());
                    assertPresent(tenure, session, v, false);
                    List<String> left = threadsOf(tenure, v.feature());
                    assertEquals(List.of(), left, v.feature() + " stopped: no thread of its own is left");
                    HttpResponse<String> started = tenure.post("/api/v1/modules/" + v.feature() + "/start", admin, null,
                            new byte[0]);
                    assertEquals(200, started.statusCode(), started.body());
                    assertPresent(tenure, session, v, true);
                }
            }
            load.close();
            assertEquals(List.of(), load.failures());
            assertTrue(load.ok() > 20, "load ran: " + load.ok());
            assertEquals(devices, count(tenure, admin, "haas_devices"), "the fleet's rows stayed in the store");
        }
    }

    private static long count(TenureProcess tenure, String admin, String entity) {
        JsonObject page = JsonParser.parseString(tenure.get("/api/v1/" + entity + "?limit=1", admin).body()).getAsJsonObject();
        return page.get("total").getAsLong();
    }

    /** Waits until every contribution of the vertical is there, or until every one is gone. */
    private static void assertPresent(TenureProcess tenure, String session, Vertical v, boolean present) {
        String admin = TenureProcess.admin();
        awaitTrue(() -> {
            String measures = tenure.get("/api/v1/health/measures", admin).body();
            String playbooks = tenure.get("/api/v1/playbooks", admin).body();
            String nav = tenure.consoleGet("/console/", session).body();
            boolean all = v.measures().stream().allMatch(measures::contains) && v.triggers().stream().allMatch(playbooks::contains)
                    && tenure.get("/api/v1/metrics/" + v.feature(), admin).statusCode() == 200
                    && tenure.get("/api/v1/settings/" + v.settings(), admin).statusCode() == 200
                    && nav.contains("href=\"/console/" + v.page() + "\"")
                    && tenure.consoleGet("/console/" + v.page(), session).statusCode() == 200
                    && v.entities().stream().allMatch(e -> tenure.get("/api/v1/" + e + "?limit=1", admin).statusCode() == 200);
            boolean none = v.measures().stream().noneMatch(measures::contains) && v.triggers().stream().noneMatch(playbooks::contains)
                    && tenure.get("/api/v1/metrics/" + v.feature(), admin).statusCode() == 404
                    && tenure.get("/api/v1/settings/" + v.settings(), admin).statusCode() == 404
                    && !nav.contains("href=\"/console/" + v.page() + "\"")
                    && tenure.consoleGet("/console/" + v.page(), session).statusCode() == 404
                    && v.entities().stream().allMatch(e -> tenure.get("/api/v1/" + e + "?limit=1", admin).statusCode() == 404);
            return present ? all : none;
        }, () -> present ? "every " + v.feature() + " contribution is there" : "every " + v.feature() + " contribution is gone");
    }

    /** The names of the Tenure process's threads that name the vertical (a scheduler or worker it left running). */
    private static List<String> threadsOf(TenureProcess tenure, String feature) throws IOException, InterruptedException {
        List<String> found = new ArrayList<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (long pid : tenure.javaPids()) {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor() == 0 && dump.contains("\"main\""), "a thread dump of " + pid + ": " + dump);
            for (String line : dump.split("\n")) {
                if (line.startsWith("\"") && line.substring(1, line.indexOf('"', 1)).toLowerCase(java.util.Locale.ROOT)
                        .contains(feature)) {
                    found.add(line.substring(1, line.indexOf('"', 1)));
                }
            }
        }
        return found;
    }
}
