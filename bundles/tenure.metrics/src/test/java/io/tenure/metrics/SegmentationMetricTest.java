package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** Touch models by ARR, promotions with and without reasons, onboarding models by segment. */
class SegmentationMetricTest {

    static FinanceConfig config(Map<String, Double> overrides) {
        return (FinanceConfig) Proxy.newProxyInstance(FinanceConfig.class.getClassLoader(), new Class<?>[] { FinanceConfig.class },
                (proxy, method, args) -> method.getName().equals("annotationType") ? FinanceConfig.class
                        : overrides.getOrDefault(method.getName(), (Double) method.getDefaultValue()));
    }

    @Test
    void touchModelsFollowArrAndPromotionsNeedAReason() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(
                    input(Account.TYPE, "account_id,name,vertical,segment,touch_model,signed_date,strategic_reason,complexity_reason\n"
                            + "big,Big,enterprise,enterprise,,2024-01-01,,\n"
                            + "edge,Edge,enterprise,mid_market,,2024-01-01,,\n"
                            + "logo,Logo,plg,smb,high_touch,2024-01-01,Lighthouse logo in retail,\n"
                            + "bare,Bare,plg,smb,low_touch,2024-01-01,,\n"
                            + "slim,Slim,enterprise,enterprise,tech_touch,2024-01-01,,\n"
                            + "gone,Gone,plg,smb,,2024-01-01,,\n"),
                    input(ArrMovement.TYPE, "account_id,date,type,kind,amount,currency,source\n"
                            + "big,2024-01-01,new,,100000,USD,sales_led\nedge,2024-01-01,new,,25000,USD,sales_led\n"
                            + "logo,2024-01-01,new,,5000,USD,self_serve\nbare,2024-01-01,new,,24999.99,USD,self_serve\n"
                            + "slim,2024-01-01,new,,300000,USD,sales_led\ngone,2024-01-01,new,,9000,USD,self_serve\n"
                            + "gone,2025-01-01,churn,voluntary,9000,USD,self_serve\n")), n -> { });
            MetricContext context = new MetricContext(new LedgerSource(store), store, new Finance(config(Map.of())));
            Map<String, Object> v = new SegmentationMetric(context).compute(new MetricRequest(Map.of(), LocalDate.of(2026, 1, 1)))
                    .values();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> touch = (Map<String, Map<String, Object>>) v.get("touchModels");
            assertEquals(2L, touch.get("high_touch").get("accounts"), "big at exactly 100K, and the promoted logo");
            assertEquals(2L, touch.get("high_touch").get("accountsByArr"), "big and slim");
            assertEquals(2L, touch.get("low_touch").get("accounts"), "edge at exactly 25K, and bare");
            assertEquals("49999.99", touch.get("low_touch").get("arr"), "25,000 + 24,999.99");
            assertEquals(2L, v.get("unassigned"), "big, edge; the churned account is not counted");
            @SuppressWarnings("unchecked")
            Map<String, Object> promotions = (Map<String, Object>) v.get("promotions");
            assertEquals(1L, promotions.get("count"));
            @SuppressWarnings("unchecked")
            Map<String, Object> logo = ((List<Map<String, Object>>) promotions.get("accounts")).get(0);
            assertEquals("strategic: Lighthouse logo in retail", logo.get("reason"));
            @SuppressWarnings("unchecked")
            Map<String, Object> unexplained = (Map<String, Object>) v.get("promotionsWithoutReason");
            assertEquals(1L, unexplained.get("count"), "bare is low-touch on 24,999.99 without a reason");
            @SuppressWarnings("unchecked")
            Map<String, Object> under = (Map<String, Object>) v.get("underServed");
            assertEquals(1L, under.get("count"), "slim pays 300K and is tech-touch");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> onboarding = (Map<String, Map<String, Object>>) v.get("onboardingBySegment");
            assertEquals("project-managed", onboarding.get("enterprise").get("onboardingModel"));
            assertEquals(2L, onboarding.get("enterprise").get("accounts"));
            assertThrows(IllegalArgumentException.class, () -> new Finance().configure(config(Map.of("lowTouchArr", 200_000.0))),
                    "low touch above high touch");
        }
    }

    private static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
