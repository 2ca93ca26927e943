package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.account.Account;
import io.tenure.api.journey.Milestone;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** Median time to value and activation rate, on the store (H2 and PostgreSQL). */
class ActivationMetricTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void medianTimeToValueAndActivationWithinTheWindow(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(input(Account.TYPE, """
                    account_id,name,vertical,signed_date
                    a,A,plg,2025-01-01
                    b,B,plg,2025-01-01
                    c,C,plg,2025-01-01
                    d,D,plg,2025-01-01
                    e,E,enterprise,2025-06-01
                    late,Late,plg,2025-12-20
                    """), input(Milestone.TYPE, """
                    account_id,milestone_id,name,reached_date,first_value
                    a,fv,First report,2025-01-11,true
                    b,fv,First report,2025-01-31,true
                    c,fv,First report,2025-05-01,true
                    c,sso,SSO,2025-01-05,false
                    e,fv,First report,2025-06-21,true
                    """)), n -> { });
            ActivationMetric metric = new ActivationMetric(store);
            Map<String, Object> v = metric.compute(new MetricRequest(Map.of("from", "2025-01-01", "to", "2026-01-01",
                    "vertical", "plg"), LocalDate.of(2026, 1, 10))).values();
            assertEquals(5, v.get("signedAccounts"));
            assertEquals(3, v.get("reachedFirstValue"));
            assertEquals(new BigDecimal("30"), v.get("medianTtvDays"), "10, 30 and 120 days: the median is 30");
            assertEquals(4, v.get("activationCounted"), "'late' is still inside its 90 days");
            assertEquals(2, v.get("activated"), "c reached first value after 120 days, d never");
            assertEquals(new BigDecimal("0.500000"), v.get("activationRate"));
            assertThrows(MetricException.class, () -> metric.compute(new MetricRequest(Map.of("from", "2025-01-01",
                    "to", "2026-01-01", "windowDays", "0"), LocalDate.of(2026, 1, 10))));
        }
    }

    private static DataStore.ImportInput input(io.tenure.api.data.EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
