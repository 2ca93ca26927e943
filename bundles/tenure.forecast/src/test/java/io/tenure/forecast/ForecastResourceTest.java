package io.tenure.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.Role;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** The REST answers of /api/v1/forecast and their errors. */
class ForecastResourceTest {

    @Test
    @SuppressWarnings("unchecked")
    void answersTheForecastCalibrationAndOverrides() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            Books.quarter(store);
            Books.closedQuarter(store);
            ForecastResource resource = new ForecastResource(Books.forecaster(store));

            Map<String, Object> f = body(resource.handle(TestRequest.get(Role.VIEWER, List.of(), Map.of("period", "2026-Q1"))));
            assertEquals("2026-Q1", f.get("period"));
            assertEquals("2026-01-01", f.get("from"));
            assertEquals("2026-04-01", f.get("to"));
            assertEquals("2026-01-15", f.get("asOf"));
            assertEquals("USD", f.get("currency"));
            assertEquals("440000.00", f.get("renewingArr"));
            assertEquals("301000.00", f.get("weightedForecast"));
            assertEquals("200000.00", f.get("committedArr"));
            assertEquals("170000.00", f.get("atRiskArr"));
            Map<String, Map<String, Object>> buckets = (Map<String, Map<String, Object>>) f.get("buckets");
            assertEquals(List.of("committed", "likely", "at_risk", "critical"), List.copyOf(buckets.keySet()));
            assertEquals(Map.of("renewals", 2L, "arr", "70000.00", "probability", 50, "weighted", "35000.00"), buckets.get("at_risk"));
            List<Map<String, Object>> renewals = (List<Map<String, Object>>) f.get("renewals");
            assertEquals(6, renewals.size());
            Map<String, Object> a = renewals.get(1);
            assertEquals("a", a.get("account_id"));
            assertEquals("red", a.get("health"));
            assertEquals(30L, a.get("score"));
            assertEquals("critical", a.get("bucket"));
            assertEquals("20000.00", a.get("weighted"));
            assertTrue(((String) f.get("definition")).contains("red critical"), (String) f.get("definition"));

            Map<String, Object> range = body(resource.handle(TestRequest.get(Role.VIEWER, List.of(),
                    Map.of("from", "2026-02-01", "to", "2026-03-01"))));
            assertEquals("140000.00", range.get("renewingArr"), "a and d renew in February");

            Map<String, Object> empty = body(resource.handle(TestRequest.get(Role.VIEWER, List.of(), Map.of("period", "2030"))));
            assertNull(empty.get("currency"));
            assertEquals(List.of(), empty.get("renewals"));

            ApiException forbidden = assertThrows(ApiException.class, () -> resource.handle(TestRequest.send("POST", Role.VIEWER,
                    List.of("overrides"), RenewalForecasterTest.body("a", "a1", "2026-02-01", "committed", "Signed"))));
            assertEquals(403, forbidden.status());
            ApiException noReason = assertThrows(ApiException.class, () -> resource.handle(TestRequest.send("POST", Role.CSM,
                    List.of("overrides"), RenewalForecasterTest.body("a", "a1", "2026-02-01", "committed", null))));
            assertEquals(422, noReason.status());
            assertTrue(noReason.getMessage().startsWith("reason is required: account 'a' is red"), noReason.getMessage());
            ApiResponse created = resource.handle(TestRequest.send("POST", Role.CSM, List.of("overrides"),
                    RenewalForecasterTest.body("a", "a1", "2026-02-01", "committed", "Signed the order form")));
            assertEquals(201, created.status());
            assertEquals("/api/v1/forecast/overrides/a/a1/2026-02-01", created.headers().get("Location"));
            Map<String, Object> saved = body(created);
            assertEquals("csm-user", saved.get("set_by"));
            assertEquals("red", saved.get("health"));
            Map<String, Object> after = body(resource.handle(TestRequest.get(Role.VIEWER, List.of(), Map.of("period", "2026-Q1"))));
            assertEquals("300000.00", after.get("committedArr"));
            Map<String, Object> listed = body(resource.handle(TestRequest.get(Role.VIEWER, List.of("overrides"),
                    Map.of("account_id", "a"))));
            assertEquals(1, listed.get("total"));
            assertEquals(204, resource.handle(TestRequest.send("DELETE", Role.CSM, List.of("overrides", "a", "a1", "2026-02-01"),
                    null)).status());
            assertEquals(404, assertThrows(ApiException.class, () -> resource.handle(TestRequest.send("DELETE", Role.CSM,
                    List.of("overrides", "a", "a1", "2026-02-01"), null))).status());

            Map<String, Object> cal = body(resource.handle(TestRequest.get(Role.VIEWER, List.of("calibration"),
                    Map.of("periods", "1"))));
            assertEquals("USD", cal.get("currency"));
            List<Map<String, Object>> periods = (List<Map<String, Object>>) cal.get("periods");
            assertEquals("2025-Q3", periods.get(0).get("period"));
            assertEquals("2025-06-30", periods.get(0).get("forecastAsOf"));
            assertEquals("242500.00", periods.get(0).get("forecast"));
            assertEquals("200000.00", periods.get(0).get("kept"));
            assertEquals(new BigDecimal("0.6897"), periods.get(0).get("actualRate"), "200,000 / 290,000");
            Map<String, Map<String, Object>> byBucket = (Map<String, Map<String, Object>>) periods.get(0).get("buckets");
            assertEquals(new BigDecimal("0.6957"), byBucket.get("committed").get("actualRate"));
            assertEquals(1L, byBucket.get("committed").get("churned"));
            Map<String, Map<String, Object>> suggested = (Map<String, Map<String, Object>>) cal.get("suggestedProbabilities");
            assertEquals(95, suggested.get("committed").get("suggested"), "3 renewals are fewer than the 10 a suggestion needs");
        }
    }

    @Test
    void badParametersAreRefusedByName() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            ForecastResource resource = new ForecastResource(Books.forecaster(store));
            assertBad(resource, List.of(), Map.of("period", "2026-Q5"),
                    "period '2026-Q5' is not a quarter (2026-Q1), a month (2026-03) or a year (2026)", "period");
            assertBad(resource, List.of(), Map.of(), "give period (2026-Q1, 2026-03 or 2026) or both from and to (YYYY-MM-DD)",
                    "period");
            assertBad(resource, List.of(), Map.of("from", "2026-01-01"),
                    "give period (2026-Q1, 2026-03 or 2026) or both from and to (YYYY-MM-DD)", "to");
            assertBad(resource, List.of(), Map.of("from", "2026-04-01", "to", "2026-01-01"),
                    "from 2026-04-01 must be before to 2026-01-01", "from");
            assertBad(resource, List.of(), Map.of("from", "2026-01-01", "to", "2026-02-31"),
                    "to '2026-02-31' is not a date like 2026-01-31");
            assertBad(resource, List.of(), Map.of("period", "2026-Q1", "from", "2026-01-01"),
                    "give either period or from and to, not both", "period");
            assertBad(resource, List.of(), Map.of("period", "2026-Q1", "asOf", "yesterday"),
                    "asOf 'yesterday' is not a date like 2026-01-31");
            assertBad(resource, List.of("calibration"), Map.of("by", "week"), "by 'week' is not month, quarter or year", "by");
            assertBad(resource, List.of("calibration"), Map.of("periods", "41"), "periods 41 is not between 1 and 40", "periods");
            assertEquals(404, assertThrows(ApiException.class, () -> resource.handle(TestRequest.get(Role.VIEWER,
                    List.of("nothing"), Map.of()))).status());
            assertEquals(405, assertThrows(ApiException.class, () -> resource.handle(TestRequest.send("PUT", Role.CSM,
                    List.of(), null))).status());
        }
    }

    /** A 400 whose message names the parameter, and whose details name it too where given. */
    private static void assertBad(ForecastResource resource, List<String> path, Map<String, String> query, String message,
            String... field) {
        ApiException e = assertThrows(ApiException.class, () -> resource.handle(TestRequest.get(Role.VIEWER, path, query)));
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
        assertEquals(List.of(field), e.details());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(ApiResponse response) {
        return (Map<String, Object>) response.body().orElseThrow();
    }
}
