package io.tenure.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The metrics through the REST API of the real distribution, on the worked example of DOMAIN.md §3 and the demo data. */
class MetricsIT {

    @Test
    void everyMetricAnswersOnTheDemoCustomerBase() throws Exception {
        try (TenureProcess tenure = TenureProcess.start(TenureProcess.freshHome("metrics-demo"), "--demo", "--demo-accounts", "300")) {
            String list = tenure.get("/api/v1/metrics", TenureProcess.admin()).body();
            for (String name : java.util.List.of("retention", "cohorts", "activation", "pnl", "coverage", "compensation",
                    "unit_economics", "board")) {
                assertTrue(list.contains("\"" + name + "\""), name + " in " + list);
            }
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            String year = "from=" + today.minusYears(1) + "&to=" + today;
            JsonObject r = JsonParser.parseString(tenure.get("/api/v1/metrics/retention?" + year, TenureProcess.admin()).body())
                    .getAsJsonObject();
            assertTrue(r.get("cohortAccounts").getAsInt() > 100, r.toString());
            double nrr = r.get("nrr").getAsDouble();
            double grr = r.get("grr").getAsDouble();
            assertTrue(grr <= 1 && grr > 0.5 && nrr >= grr && nrr < 1.6, "plausible retention: " + r);
            for (String call : java.util.List.of("cohorts?by=quarter", "activation?" + year, "pnl?" + year, "coverage",
                    "compensation?" + year, "unit_economics", "board?period=" + today.getYear() + "-Q"
                            + ((today.getMonthValue() - 1) / 3 + 1), "retention?" + year + "&vertical=plg&segment=smb")) {
                HttpResponse<String> response = tenure.get("/api/v1/metrics/" + call, TenureProcess.admin());
                assertEquals(200, response.statusCode(), call + ": " + response.body());
                assertTrue(response.body().contains("\"definition\""), call);
            }
            JsonObject backtest = JsonParser.parseString(tenure.get("/api/v1/health/backtest?from=" + today.minusYears(1) + "&to="
                    + today + "&horizonDays=90", TenureProcess.admin()).body()).getAsJsonObject();
            for (String field : java.util.List.of("accounts", "churned", "auc", "churnRateByStatus", "measures")) {
                assertTrue(backtest.has(field), field + " in " + backtest);
            }
            assertTrue(backtest.get("accounts").getAsInt() > 100, backtest.toString());
            JsonObject health = JsonParser.parseString(tenure.get("/api/v1/health/accounts/acct-000001", TenureProcess.admin())
                    .body()).getAsJsonObject();
            for (String field : java.util.List.of("score", "status", "subScores", "trend", "explanation", "owner", "due", "measures")) {
                assertTrue(health.has(field), field + " in " + health);
            }
            assertEquals(404, tenure.get("/api/v1/health/accounts/nobody", TenureProcess.admin()).statusCode());
            JsonObject distribution = JsonParser.parseString(tenure.get("/api/v1/health/distribution", TenureProcess.admin()).body())
                    .getAsJsonObject();
            int scored = 0;
            for (String status : java.util.List.of("green", "yellow", "red", "unknown")) {
                scored += distribution.getAsJsonObject(status).get("accounts").getAsInt();
                assertTrue(distribution.getAsJsonObject(status).has("arr"), distribution.toString());
            }
            assertEquals(300, scored, "every account has a status");
            forecastAnswersOnTheDemoBase(tenure, today);
            JsonObject run = JsonParser.parseString(tenure.post("/api/v1/playbooks/run", TenureProcess.admin(), null, new byte[0])
                    .body()).getAsJsonObject();
            // the run on new data that the demo's load starts may have come first (then this one creates none)
            long tasks = JsonParser.parseString(tenure.get("/api/v1/tasks?limit=1", TenureProcess.admin()).body()).getAsJsonObject()
                    .get("total").getAsLong();
            assertTrue(tasks > 0, "the demo base raises playbook tasks: " + tasks + " after " + run);
            JsonObject again = JsonParser.parseString(tenure.post("/api/v1/playbooks/run", TenureProcess.admin(), null, new byte[0])
                    .body()).getAsJsonObject();
            assertEquals(0, again.get("created").getAsInt(), "no episode fires twice");
            JsonObject same = JsonParser.parseString(tenure.get("/api/v1/accounts/acct-000001/health", TenureProcess.admin())
                    .body()).getAsJsonObject();
            assertEquals(health.get("score"), same.get("score"), "the same answer under the account");
            JsonObject timeline = JsonParser.parseString(tenure.get("/api/v1/accounts/acct-000001/timeline", TenureProcess.admin())
                    .body()).getAsJsonObject();
            assertTrue(timeline.getAsJsonArray("events").size() > 5, timeline.toString());
            assertEquals(200, tenure.get("/api/v1/accounts/acct-000001/contacts", TenureProcess.admin()).statusCode(),
                    "entity sub-resources still served by the store");
            assertEquals(404, tenure.get("/api/v1/accounts/nobody/timeline", TenureProcess.admin()).statusCode());
            JsonObject journey = JsonParser.parseString(tenure.get("/api/v1/journey/stages", TenureProcess.admin()).body())
                    .getAsJsonObject();
            assertTrue(journey.has("widestGap") && journey.getAsJsonArray("idealVsActual").size() > 0, journey.toString());
            JsonObject handoffs = JsonParser.parseString(tenure.get("/api/v1/journey/handoffs?incomplete=true", TenureProcess.admin())
                    .body()).getAsJsonObject();
            assertTrue(handoffs.get("incomplete").getAsInt() > 0, "the demo has incomplete sales-to-CS handoffs");
        }
    }

    /** The renewal forecast, an override of a red account's renewal (refused without a reason) and the calibration. */
    private static void forecastAnswersOnTheDemoBase(TenureProcess tenure, java.time.LocalDate today) {
        assertEquals(200, tenure.post("/api/v1/health/recompute", TenureProcess.admin(), null, new byte[0]).statusCode(),
                "today's scores stored, which the forecast's buckets follow");
        String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        HttpResponse<String> response = tenure.get("/api/v1/forecast?period=" + quarter, TenureProcess.admin());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject f = JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals(java.util.Set.of("committed", "likely", "at_risk", "critical"), f.getAsJsonObject("buckets").keySet());
        for (String field : java.util.List.of("renewingArr", "weightedForecast", "committedArr", "atRiskArr", "renewals",
                "definition")) {
            assertTrue(f.has(field), field + " in " + f);
        }
        assertTrue(f.getAsJsonArray("renewals").size() > 0, "demo accounts renew this quarter: " + f);
        assertTrue(f.get("weightedForecast").getAsBigDecimal().compareTo(f.get("renewingArr").getAsBigDecimal()) < 0,
                f.toString());

        String year = "from=" + today + "&to=" + today.plusYears(1);
        JsonObject first = JsonParser.parseString(tenure.get("/api/v1/forecast?" + year, TenureProcess.admin()).body())
                .getAsJsonObject().getAsJsonArray("renewals").get(0).getAsJsonObject();
        String account = first.get("account_id").getAsString();
        HttpResponse<String> turnedRed = tenure.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tenure.url(
                "/api/v1/health_scores/" + account + "/" + today))).header("Authorization", TenureProcess.admin())
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"account_id\":\"" + account + "\",\"date\":\"" + today + "\",\"score\":20,\"status\":\"red\"}"))
                .build());
        assertEquals(200, turnedRed.statusCode(), turnedRed.body());
        JsonObject ahead = JsonParser.parseString(tenure.get("/api/v1/forecast?" + year, TenureProcess.admin()).body())
                .getAsJsonObject();
        JsonObject red = renewal(ahead, first);
        assertEquals("critical", red.get("bucket").getAsString(), red.toString());
        String call = "{\"account_id\":\"" + account + "\",\"subscription_id\":\""
                + red.get("subscription_id").getAsString() + "\",\"renewal_date\":\"" + red.get("renewal_date").getAsString()
                + "\",\"bucket\":\"committed\"";
        HttpResponse<String> refused = tenure.post("/api/v1/forecast/overrides", TenureProcess.admin(), "application/json",
                (call + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("a red account cannot be committed without a recorded reason"), refused.body());
        HttpResponse<String> accepted = tenure.post("/api/v1/forecast/overrides", TenureProcess.admin(), "application/json",
                (call + ",\"reason\":\"Signed the renewal order form\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, accepted.statusCode(), accepted.body());
        JsonObject after = JsonParser.parseString(tenure.get("/api/v1/forecast?" + year, TenureProcess.admin()).body())
                .getAsJsonObject();
        JsonObject moved = renewal(after, red);
        assertEquals("committed", moved.get("bucket").getAsString());
        assertEquals("critical", moved.get("derivedBucket").getAsString());
        assertEquals("Signed the renewal order form", moved.getAsJsonObject("override").get("reason").getAsString());
        assertTrue(after.get("committedArr").getAsBigDecimal().compareTo(ahead.get("committedArr").getAsBigDecimal()) > 0);
        assertEquals(400, tenure.get("/api/v1/forecast?period=2026-Q5", TenureProcess.admin()).statusCode());

        HttpResponse<String> calibration = tenure.get("/api/v1/forecast/calibration", TenureProcess.admin());
        assertEquals(200, calibration.statusCode(), calibration.body());
        JsonObject c = JsonParser.parseString(calibration.body()).getAsJsonObject();
        assertEquals(4, c.getAsJsonArray("periods").size(), c.toString());
        assertTrue(c.getAsJsonArray("periods").get(3).getAsJsonObject().get("renewals").getAsInt() > 0,
                "the demo base has renewals in the last closed quarter: " + c);
        assertEquals(java.util.Set.of("committed", "likely", "at_risk", "critical"),
                c.getAsJsonObject("suggestedProbabilities").keySet());
    }

    /** The renewal of {@code forecast} with the account, subscription and date of {@code like}. */
    private static JsonObject renewal(JsonObject forecast, JsonObject like) {
        for (com.google.gson.JsonElement e : forecast.getAsJsonArray("renewals")) {
            JsonObject r = e.getAsJsonObject();
            if (r.get("account_id").equals(like.get("account_id")) && r.get("subscription_id").equals(like.get("subscription_id"))
                    && r.get("renewal_date").equals(like.get("renewal_date"))) {
                return r;
            }
        }
        throw new AssertionError("no renewal like " + like + " in " + forecast);
    }

    @Test
    void retentionAndCltvAnswerTheWorkedExamplesWithTheirDefinitions() throws Exception {
        StringBuilder accounts = new StringBuilder("account_id,name,vertical,segment,signed_date,owner\n");
        StringBuilder movements = new StringBuilder("account_id,date,type,kind,amount,currency,source\n");
        for (int i = 0; i < 100; i++) {
            accounts.append("a").append(i).append(",A").append(i).append(",").append(i < 50 ? "enterprise" : "plg")
                    .append(",enterprise,2023-06-01,csm-1\n");
            movements.append("a").append(i).append(",2023-06-01,new,,1000000,USD,sales_led\n");
        }
        for (int i = 0; i < 8; i++) {
            movements.append("a").append(i).append(",2025-03-01,churn,voluntary,1000000,USD,cs_led\n");
        }
        for (int i = 10; i < 16; i++) {
            movements.append("a").append(i).append(",2025-05-01,contraction,seat,500000,USD,cs_led\n");
        }
        for (int i = 20; i < 51; i++) {
            movements.append("a").append(i).append(",2025-07-01,expansion,tier,1000000,USD,cs_led\n");
        }
        try (TenureProcess tenure = TenureProcess.start(TenureProcess.freshHome("metrics"))) {
            assertEquals(200, tenure.post("/api/v1/import/accounts", TenureProcess.admin(), "text/csv",
                    accounts.toString().getBytes(StandardCharsets.UTF_8)).statusCode());
            assertEquals(200, tenure.post("/api/v1/import/movements", TenureProcess.admin(), "text/csv",
                    movements.toString().getBytes(StandardCharsets.UTF_8)).statusCode());
            HttpResponse<String> response = tenure.get("/api/v1/metrics/retention?from=2025-01-01&to=2026-01-01&asOf=2026-02-01",
                    TenureProcess.admin());
            assertEquals(200, response.statusCode(), response.body());
            JsonObject r = JsonParser.parseString(response.body()).getAsJsonObject();
            assertEquals("100000000.00", r.get("startingArr").getAsString());
            assertEquals("31000000.00", r.get("expansionArr").getAsString());
            assertEquals("3000000.00", r.get("contractionArr").getAsString());
            assertEquals("8000000.00", r.get("churnedArr").getAsString());
            assertEquals("120000000.00", r.get("endingArr").getAsString());
            assertEquals(1.2, r.get("nrr").getAsDouble(), 1e-9);
            assertEquals(0.89, r.get("grr").getAsDouble(), 1e-9);
            assertEquals(0.92, r.get("logoRetention").getAsDouble(), 1e-9);
            assertEquals(100, r.get("cohortAccounts").getAsInt());
            assertEquals(92, r.get("retainedAccounts").getAsInt());
            assertEquals("strong", r.getAsJsonObject("bands").get("nrr").getAsString());
            assertEquals("acceptable", r.getAsJsonObject("bands").get("grr").getAsString());
            assertTrue(r.get("definition").getAsString().contains("NRR = (starting ARR + expansion - contraction - churn)"));
            assertTrue(r.has("inputs"));

            assertEquals(200, tenure.post("/api/v1/import/movements", TenureProcess.admin(), "text/csv",
                    "account_id,date,type,kind,amount,currency,source\na99,2025-10-01,expansion,usage,1000000,USD,self_serve\n"
                            .getBytes(StandardCharsets.UTF_8)).statusCode());
            JsonObject after = JsonParser.parseString(tenure.get("/api/v1/metrics/retention?from=2025-01-01&to=2026-01-01&asOf=2026-02-01",
                    TenureProcess.admin()).body()).getAsJsonObject();
            assertEquals("32000000.00", after.get("expansionArr").getAsString(), "a new import is seen at once");
            assertEquals(1.21, after.get("nrr").getAsDouble(), 1e-9);

            JsonObject plg = JsonParser.parseString(tenure.get("/api/v1/metrics/retention?from=2025-01-01&to=2026-01-01"
                    + "&vertical=plg&asOf=2026-02-01", TenureProcess.admin()).body()).getAsJsonObject();
            assertEquals(50, plg.get("cohortAccounts").getAsInt());
            assertEquals(400, tenure.get("/api/v1/metrics/retention?from=2025-13-01&to=2026-01-01", TenureProcess.admin())
                    .statusCode());
            assertEquals(400, tenure.get("/api/v1/metrics/retention?from=2025-01-01", TenureProcess.admin()).statusCode());

            JsonObject cltv = JsonParser.parseString(tenure.get("/api/v1/calculators/cltv?annualRevenue=12000&churnRate=0.07"
                    + "&grossMargin=0.75", TenureProcess.admin()).body()).getAsJsonObject();
            assertEquals("128571.43", cltv.getAsJsonObject("cltv").get("churnBased").getAsString());
            assertEquals(400, tenure.get("/api/v1/calculators/cltv?annualRevenue=12000&churnRate=0&grossMargin=0.75",
                    TenureProcess.admin()).statusCode());
        }
    }
}
