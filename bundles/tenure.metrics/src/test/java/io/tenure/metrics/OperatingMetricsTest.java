package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.account.Csm;
import io.tenure.api.advocacy.Referral;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.health.HealthScore;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** P&L translation, coverage and compensation on a small book whose figures are worked out by hand. */
class OperatingMetricsTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 1, 15);
    private static final Map<String, String> YEAR = Map.of("from", "2025-01-01", "to", "2026-01-01");

    static Finance finance(Map<String, Double> overrides) {
        FinanceConfig config = (FinanceConfig) Proxy.newProxyInstance(FinanceConfig.class.getClassLoader(),
                new Class<?>[] { FinanceConfig.class }, (proxy, method, args) -> method.getName().equals("annotationType")
                        ? FinanceConfig.class : overrides.getOrDefault(method.getName(), (Double) method.getDefaultValue()));
        return new Finance(config);
    }

    private static void load(DataStore store) throws Exception {
        store.importData(List.of(
                input(Csm.TYPE, "csm_id,name,segment,expansion_mandate,annual_cost,currency,variable_share\n"
                        + "ana,Ana,enterprise,false,200000,USD,20\nben,Ben,smb,true,150000,USD,20\n"),
                input(Account.TYPE, "account_id,name,vertical,segment,signed_date,owner\n"
                        + "e1,E1,enterprise,enterprise,2024-01-01,ana\ne2,E2,enterprise,enterprise,2024-01-01,ana\n"
                        + "s1,S1,plg,smb,2024-01-01,ben\nn1,N1,plg,smb,2025-03-01,ben\n"),
                input(ArrMovement.TYPE, "account_id,date,type,kind,amount,currency,source\n"
                        + "e1,2024-01-01,new,,1000000,USD,sales_led\ne2,2024-01-01,new,,1000000,USD,sales_led\n"
                        + "s1,2024-01-01,new,,50000,USD,self_serve\n"
                        + "e1,2025-04-01,expansion,seat,300000,USD,cs_led\ne2,2025-06-01,contraction,tier,100000,USD,cs_led\n"
                        + "s1,2025-09-01,churn,voluntary,50000,USD,cs_led\nn1,2025-03-01,new,,40000,USD,sales_led\n"),
                input(Referral.TYPE, "account_id,referral_id,date,lead,csm,status,won_arr,currency\n"
                        + "e1,r1,2025-03-01,N1,ana,won,20000,USD\n"),
                input(HealthScore.TYPE, "account_id,date,score,status\ne1,2025-12-01,80,green\ne2,2025-12-01,55,yellow\n"
                        + "e2,2026-01-05,85,green\n"),
                input(io.tenure.api.revenue.Subscription.TYPE, "account_id,subscription_id,product,arr,currency,start_date,renewal_date\n"
                        + "e1,s1,P,1300000,USD,2024-01-01,2026-02-01\ne2,s2,P,900000,USD,2024-01-01,2026-03-01\n")), n -> { });
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void pnlCoverageAndCompensation(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            load(store);
            LedgerSource ledgers = new LedgerSource(store);
            Finance finance = finance(Map.of("cac", 10_000.0, "referralCost", 2_000.0));
            MetricContext context = new MetricContext(ledgers, store, finance);

            Map<String, Object> pnl = new PnlMetric(context).compute(new MetricRequest(YEAR, AS_OF)).values();
            assertEquals("2050000.00", pnl.get("startingArr"));
            assertEquals("20500.00", pnl.get("retentionPointValue"), "1% of starting ARR");
            assertEquals("1900000.00", pnl.get("retainedArr"), "2,050,000 - 100,000 - 50,000");
            assertEquals("350000.00", pnl.get("csCost"), "the CSMs' annual costs");
            assertEquals(new BigDecimal("0.184211"), pnl.get("csCostShare"), "350,000 / 1,900,000");
            assertEquals(Boolean.TRUE, pnl.get("withinCeiling"));
            assertEquals(new BigDecimal("0.8571"), pnl.get("expansionContributionRatio"), "300,000 CS-led / 350,000");
            assertEquals(new BigDecimal("0.500000"), pnl.get("referredShare"), "20,000 referred of 40,000 new-logo ARR");
            assertEquals(new BigDecimal("0.400000"), pnl.get("referralSavingsRatio"), "0.5 x (1 - 2,000 / 10,000)");
            assertEquals("4000.00", pnl.get("referralSavings"), "0.4 x 1 new logo x 10,000 CAC");

            Map<String, Object> unit = new UnitEconomicsMetric(context).compute(new MetricRequest(Map.of(), AS_OF))
                    .values();
            assertEquals(3L, unit.get("payingAccounts"), "e1, e2 and n1 pay at the as-of date");
            assertEquals("746666.67", unit.get("annualRevenuePerCustomer"), "2,240,000 / 3");
            assertEquals(new BigDecimal("0.333333"), unit.get("annualChurnRate"), "s1 of e1, e2, s1 left in the 12 months");
            assertEquals(new BigDecimal("11.6667"), unit.get("crcToCac"), "350,000 / 3 customers / 10,000 CAC");
            assertEquals("healthy", unit.get("ltvToCacHealth"));

            io.tenure.api.forecast.ForecastService forecasts = io.tenure.forecast.RenewalForecaster.withDefaults(store,
                    java.time.Clock.fixed(AS_OF.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), java.time.ZoneOffset.UTC));
            Map<String, Object> board = new BoardMetric(context, forecasts).compute(new MetricRequest(Map.of("period",
                    "2025-Q4"), AS_OF)).values();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> headline = (Map<String, Map<String, Object>>) board.get("headline");
            assertEquals(new BigDecimal("1.073171"), headline.get("nrr").get("ttm"), "2,200,000 / 2,050,000");
            assertEquals(new BigDecimal("0.926829"), headline.get("grr").get("ttm"), "1,900,000 / 2,050,000");
            assertEquals("acceptable", headline.get("nrr").get("band"));
            assertEquals(new BigDecimal("-0.026829"), headline.get("nrr").get("vsTarget"), "against the 110% target");
            @SuppressWarnings("unchecked")
            Map<String, Object> forecast = (Map<String, Object>) board.get("renewalForecast");
            assertEquals("2200000.00", forecast.get("renewingArr"), "e1 and e2 renew in 2026-Q1");
            assertEquals("1490000.00", forecast.get("weightedForecast"), "e1 green 80 likely: 1.3M x 0.8; e2 yellow at risk: 0.9M x 0.5");
            assertEquals("900000.00", forecast.get("atRiskArr"));
            assertEquals("0.00", forecast.get("committedArr"));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> bands = (Map<String, Map<String, Object>>) forecast.get("bands");
            assertEquals(Map.of("renewals", 1L, "arr", "1300000.00", "probability", new BigDecimal("0.80"), "weighted",
                    "1040000.00"), bands.get("likely"), "the forecast module's bands");
            Map<String, Object> withoutForecast = new BoardMetric(context, null).compute(new MetricRequest(Map.of("period",
                    "2025-Q4"), AS_OF)).values();
            assertEquals(Map.of("available", false, "basis", "the forecast module (tenure.forecast) is not running"),
                    withoutForecast.get("renewalForecast"), "without the forecast module the board says so");
            @SuppressWarnings("unchecked")
            Map<String, Object> risk = (Map<String, Object>) board.get("atRisk");
            assertEquals(1, risk.get("accounts"), "e2 was yellow at the quarter's end; its later green does not count");
            assertEquals("900000.00", risk.get("arrWithoutPlan"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> top = (List<Map<String, Object>>) board.get("topRisks");
            assertEquals("e2", top.get(0).get("account_id"));
            assertEquals(io.tenure.api.metrics.MetricException.class, org.junit.jupiter.api.Assertions.assertThrows(
                    io.tenure.api.metrics.MetricException.class, () -> new BoardMetric(context, forecasts)
                            .compute(new MetricRequest(Map.of("period", "2025-Q5"), AS_OF))).getClass());

            Map<String, Object> coverage = new CoverageMetric(context).compute(new MetricRequest(Map.of(), AS_OF)).values();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) coverage.get("csms");
            Map<String, Object> ana = rows.get(0);
            assertEquals(2, ana.get("accounts"));
            assertEquals("2200000.00", ana.get("arr"));
            assertEquals("under", ana.get("accountsStatus"), "2 enterprise accounts, the default is 5-15");
            assertEquals("within", ana.get("arrStatus"));
            Map<String, Object> ben = rows.get(1);
            assertEquals(1, ben.get("accounts"), "s1 churned; n1 pays");
            assertEquals(List.of(56, 150), ben.get("accountsRange"), "75-200 less 25% for the expansion mandate");

            Map<String, Object> comp = new CompensationMetric(context).compute(new MetricRequest(YEAR, AS_OF)).values();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> pay = (List<Map<String, Object>>) comp.get("csms");
            Map<String, Object> anaPay = pay.get(0);
            assertEquals(new BigDecimal("0.950000"), anaPay.get("grr"), "(2,000,000 - 100,000) / 2,000,000");
            @SuppressWarnings("unchecked")
            Map<String, Object> att = (Map<String, Object>) anaPay.get("attainment");
            assertEquals(new BigDecimal("1.055556"), att.get("grossRetention"), "0.95 / 0.90");
            assertEquals(new BigDecimal("1.500000"), att.get("expansion"), "300,000 / 200,000, capped at 150%");
            assertEquals(new BigDecimal("0.714286"), att.get("health"), "1 of 2 green (e2's later green is after the period) / 0.7");
            assertEquals("40000.00", anaPay.get("onTargetVariable"), "200,000 x 20%");
            assertEquals(new BigDecimal("1.154762"), anaPay.get("weightedAttainment"));
            assertEquals("46190.48", anaPay.get("payout"));
            @SuppressWarnings("unchecked")
            Map<String, Object> benAtt = (Map<String, Object>) pay.get(1).get("attainment");
            assertNull(benAtt.get("health"), "no health scores: left out");

            Map<String, String> onlyAna = new java.util.HashMap<>(YEAR);
            onlyAna.put("csm", "ana");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> one = (List<Map<String, Object>>) new CompensationMetric(context)
                    .compute(new MetricRequest(onlyAna, AS_OF)).values().get("csms");
            assertEquals(List.of(anaPay), one, "one CSM's payout is the same as in the team's");
            onlyAna.put("csm", "nobody");
            assertThrows(io.tenure.api.metrics.MetricException.class,
                    () -> new CompensationMetric(context).compute(new MetricRequest(onlyAna, AS_OF)));
        }
    }

    private static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
