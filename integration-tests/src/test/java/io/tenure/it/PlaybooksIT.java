package io.tenure.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The CS operating model through the real distribution on the demo base: every default trigger listed and run, tasks
 * queued by owner and due time, a save plan completed with its play, a post-mortem with its root cause, a trigger's
 * threshold changed and one switched off at runtime through the settings API, and the reports that read them.
 */
class PlaybooksIT {

    @Test
    void signalsBecomeTasksAndTheirOutcomesAreRecorded() throws Exception {
        try (TenureProcess tenure = TenureProcess.start(TenureProcess.freshHome("playbooks-demo"), "--demo", "--demo-accounts", "300")) {
            String admin = TenureProcess.admin();
            JsonArray triggers = json(tenure.get("/api/v1/playbooks", admin)).getAsJsonArray();
            int defaults = 0;
            for (JsonElement t : triggers) {
                assertTrue(t.getAsJsonObject().get("enabled").getAsBoolean(), t.toString());
                String settings = t.getAsJsonObject().get("settings").getAsString();
                defaults += settings.startsWith("/api/v1/settings/io.tenure.playbooks.") ? 1 : 0;
                assertEquals(200, tenure.get(settings, admin).statusCode(), "every trigger's settings are there: " + settings);
            }
            assertEquals(17, defaults, "the default triggers of the domain, beside the verticals': " + triggers);
            assertEquals(200, tenure.post("/api/v1/health/recompute", admin, null, new byte[0]).statusCode());
            JsonObject run = json(tenure.post("/api/v1/playbooks/run", admin, null, new byte[0])).getAsJsonObject();
            // the run on new data may have come first (the demo's data is new): once per episode, so this run then
            // creates nothing, but the tasks are there either way
            long tasks = json(tenure.get("/api/v1/tasks?limit=1", admin)).getAsJsonObject().get("total").getAsLong();
            assertTrue(tasks > 0 && run.get("accounts").getAsInt() == 300, "signals became tasks: " + tasks + " after " + run);
            assertEquals(0, run.get("postmortems").getAsInt(), "the demo's churn already has its post-mortems: " + run);
            assertEquals(0, run.getAsJsonObject("failures").size(), "no trigger failed: " + run);
            String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
            HttpResponse<String> contraction = tenure.post("/api/v1/import/movements", admin, "text/csv",
                    ("account_id,movement_id,date,type,kind,amount,currency,source\nacct-000001,it-contraction," + yesterday
                            + ",contraction,seat,1234,USD,cs_led\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(200, contraction.statusCode(), contraction.body());
            JsonObject next = json(tenure.post("/api/v1/playbooks/run", admin, null, new byte[0])).getAsJsonObject();
            assertEquals(1, next.get("postmortems").getAsInt(), "the new contraction gets its record: " + next);

            String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
            JsonObject queue = json(tenure.get("/api/v1/tasks?status=open&sort=due&limit=1000&before.due=" + tomorrow + "T00:00:00Z",
                    admin)).getAsJsonObject();
            JsonArray items = queue.getAsJsonArray("items");
            assertTrue(items.size() > 0, queue.toString());
            for (int i = 1; i < items.size(); i++) {
                assertTrue(!due(items.get(i - 1)).isAfter(due(items.get(i))), "sorted by due time");
            }

            JsonObject save = first(items, t -> t.get("playbook").getAsString().equals("save_plan"));
            String path = "/api/v1/tasks/" + save.get("account_id").getAsString() + "/" + save.get("task_id").getAsString() + "/complete";
            HttpResponse<String> noPlay = tenure.post(path, admin, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(422, noPlay.statusCode(), noPlay.body());
            assertTrue(noPlay.body().contains("honest_reset"), noPlay.body());
            HttpResponse<String> done = tenure.post(path, admin, "application/json",
                    "{\"play\":\"honest_reset\",\"result\":\"succeeded\",\"outcome\":\"renewed after a reset call\"}"
                            .getBytes(StandardCharsets.UTF_8));
            assertEquals(200, done.statusCode(), done.body());
            assertEquals(409, tenure.post(path, admin, "application/json", "{\"play\":\"discount\",\"result\":\"failed\"}"
                    .getBytes(StandardCharsets.UTF_8)).statusCode(), "a closed task stays closed");

            String pmAccount = "acct-000001";
            JsonObject pm = first(json(tenure.get("/api/v1/tasks?playbook=postmortem&status=open&account_id=" + pmAccount, admin))
                    .getAsJsonObject().getAsJsonArray("items"), t -> true);
            String recordId = "pm-it-contraction";
            assertTrue(pm.get("evidence").getAsString().contains(recordId), pm.toString());
            HttpResponse<String> explained = tenure.post("/api/v1/tasks/" + pmAccount + "/" + pm.get("task_id").getAsString()
                    + "/complete", admin, "application/json", ("{\"record_id\":\"" + recordId + "\",\"root_cause\":\"Never "
                            + "integrated with their CRM\",\"feedback\":[\"crm integration\"]}").getBytes(StandardCharsets.UTF_8));
            assertEquals(200, explained.statusCode(), explained.body());
            JsonObject report = json(tenure.get("/api/v1/postmortems?from=2000-01-01&to=2100-01-01", admin)).getAsJsonObject();
            JsonObject crm = first(report.getAsJsonArray("feedbackByArrLost"), f -> f.get("feedback").getAsString().equals("crm integration"));
            assertEquals("1234.00", crm.get("arrLost").getAsString(), "ranked by the ARR lost with it");
            JsonObject record = json(tenure.get("/api/v1/churn_records/" + pmAccount + "/" + recordId, admin)).getAsJsonObject();
            assertEquals("Never integrated with their CRM", record.get("root_cause").getAsString());
            JsonObject outcomes = json(tenure.get("/api/v1/tasks/outcomes", admin)).getAsJsonObject();
            assertTrue(outcomes.toString().contains("\"honest_reset\""), outcomes.toString());

            String settings = "/api/v1/settings/io.tenure.playbooks.usage_decline";
            JsonObject described = json(tenure.get(settings, admin)).getAsJsonObject();
            assertTrue(described.toString().contains("\"dropPercent\""), described.toString());
            HttpResponse<String> bad = put(tenure, settings, "{\"dropPercent\": 0}");
            assertEquals(422, bad.statusCode(), "below the metatype minimum: " + bad.body());
            assertEquals(200, put(tenure, settings, "{\"dropPercent\": 35}").statusCode());
            waitFor(tenure, "usage_decline", t -> t.get("description").getAsString().startsWith("usage down 35%"));
            assertEquals(200, tenure.post("/api/v1/playbooks/usage_plateau/disable", admin, null, new byte[0]).statusCode());
            waitFor(tenure, "usage_plateau", t -> !t.get("enabled").getAsBoolean());
            assertEquals(200, tenure.post("/api/v1/playbooks/usage_plateau/enable", admin, null, new byte[0]).statusCode());
            waitFor(tenure, "usage_plateau", t -> t.get("enabled").getAsBoolean());
            String audit = json(tenure.get("/api/v1/audit?limit=50", admin)).toString();
            assertTrue(audit.contains("POST /api/v1/playbooks/usage_plateau/disable")
                    && audit.contains("PUT /api/v1/settings/io.tenure.playbooks.usage_decline") && audit.contains("\"status\":422"),
                    "who changed what, refusals included: " + audit);

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            JsonObject segmentation = json(tenure.get("/api/v1/metrics/segmentation", admin)).getAsJsonObject();
            assertTrue(segmentation.has("touchModels") && segmentation.has("onboardingBySegment"), segmentation.toString());
            String csm = json(tenure.get("/api/v1/csms?limit=1", admin)).getAsJsonObject().getAsJsonArray("items").get(0)
                    .getAsJsonObject().get("csm_id").getAsString();
            JsonObject pay = json(tenure.get("/api/v1/csms/" + csm + "/compensation?from=" + today.minusYears(1) + "&to=" + today,
                    admin)).getAsJsonObject();
            assertEquals(1, pay.getAsJsonArray("csms").size(), pay.toString());
            assertEquals(csm, pay.getAsJsonArray("csms").get(0).getAsJsonObject().get("csm").getAsString());
        }
    }

    private static HttpResponse<String> put(TenureProcess tenure, String path, String body) {
        return tenure.send(HttpRequest.newBuilder(URI.create(tenure.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", TenureProcess.admin()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Config Admin hands changes to the component asynchronously: waits until the listing shows the change. */
    private static void waitFor(TenureProcess tenure, String trigger, Predicate<JsonObject> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            for (JsonElement t : json(tenure.get("/api/v1/playbooks", TenureProcess.admin())).getAsJsonArray()) {
                if (t.getAsJsonObject().get("name").getAsString().equals(trigger)) {
                    last = t.getAsJsonObject();
                }
            }
            if (last != null && condition.test(last)) {
                return;
            }
            TenureProcess.sleep(100);
        }
        throw new AssertionError(trigger + " did not change as expected: " + last);
    }

    private static java.time.Instant due(JsonElement task) {
        return java.time.Instant.parse(task.getAsJsonObject().get("due").getAsString());
    }

    private static JsonObject first(JsonArray items, Predicate<JsonObject> condition) {
        for (JsonElement e : items) {
            if (condition.test(e.getAsJsonObject())) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("none matches in " + items);
    }

    private static JsonElement json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body());
    }
}
