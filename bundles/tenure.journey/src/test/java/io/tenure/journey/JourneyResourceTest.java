package io.tenure.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.StageChange;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.journey.Handoff;
import io.tenure.api.journey.Milestone;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** Stages, ideal vs actual with the widest gap, and handoff completeness. */
class JourneyResourceTest {

    static JourneyConfig defaults() {
        return (JourneyConfig) Proxy.newProxyInstance(JourneyConfig.class.getClassLoader(), new Class<?>[] { JourneyConfig.class },
                (p, m, a) -> m.getName().equals("annotationType") ? JourneyConfig.class : m.getDefaultValue());
    }

    @Test
    void comparesTheDesignedJourneyWithTheActualOneAndFlagsIncompleteHandoffs() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(
                    input(Account.TYPE, "account_id,name,vertical,segment,signed_date,stage\n"
                            + "a,A,plg,smb,2025-01-01,adoption\nb,B,plg,smb,2025-02-01,adoption\nc,C,plg,smb,2025-04-01,onboarding\n"),
                    input(StageChange.TYPE, "account_id,date,from_stage,to_stage,reason\n"
                            + "a,2025-02-15,onboarding,adoption,first value\nb,2025-05-02,onboarding,adoption,first value\n"),
                    input(Milestone.TYPE, "account_id,milestone_id,name,reached_date,first_value\n"
                            + "a,fv,First report,2025-01-21,true\nb,fv,First report,2025-04-02,true\n"),
                    input(Handoff.TYPE, "account_id,kind,date,to_owner,goals,commitments,stakeholder_map,risk_profile\n"
                            + "a,sales_to_cs,2025-01-03,ana,Faster reports,QBR,Ann champion,low\n"
                            + "b,sales_to_cs,2025-02-03,ana,,QBR,,low\n")), n -> { });
            JourneyResource journey = new JourneyResource(store, defaults());
            Map<String, Object> stages = journey.stages();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> counts = (Map<String, Map<String, Object>>) stages.get("stages");
            assertEquals(2L, counts.get("adoption").get("accounts"));
            assertEquals(1L, counts.get("onboarding").get("accounts"));
            assertEquals("USD", stages.get("currency"), "no movements: the default currency");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) stages.get("idealVsActual");
            Map<String, Object> onboarding = rows.stream().filter(r -> r.get("stage").equals("onboarding")).findFirst().orElseThrow();
            assertEquals(new BigDecimal("67.5"), onboarding.get("actualMedianDays"), "45 and 90 days");
            assertEquals(42, onboarding.get("targetDays"));
            assertEquals("smb days in onboarding", stages.get("widestGap"), "67.5 / 42 beats 40 / 30 to first value");
            Map<String, Object> handoffs = journey.handoffs(true);
            assertEquals(1, handoffs.get("incomplete"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) handoffs.get("items");
            assertEquals(List.of("goals", "stakeholder_map"), items.get(0).get("missing"));
        }
    }

    @Test
    void countsOnlyCompletedStaysFromTheChangeIntoAStageToTheChangeOutOfIt() {
        Account a = Account.TYPE.fromRow(new io.tenure.api.data.Row(Map.of("account_id", "a", "name", "A", "vertical", "plg",
                "signed_date", java.time.LocalDate.parse("2024-01-01"), "stage", "adoption")));
        List<StageChange> changes = List.of(
                change("2024-03-01", "onboarding", "adoption"), // 60 days of onboarding from signature
                change("2024-10-03", "adoption", "renewal_expansion"), // 216 days of adoption
                change("2025-01-01", "renewal_expansion", "adoption"), // 90 days in renewal
                change("2025-10-03", "adoption", "renewal_expansion")); // a second adoption stay; renewal still open
        Map<JourneyStage, List<Long>> stays = JourneyResource.stays(a, List.of(changes.get(2), changes.get(0), changes.get(3),
                changes.get(1)));
        assertEquals(List.of(60L), stays.get(JourneyStage.ONBOARDING));
        assertEquals(List.of(216L, 275L), stays.get(JourneyStage.ADOPTION));
        assertEquals(List.of(90L), stays.get(JourneyStage.RENEWAL_EXPANSION), "the open renewal stay is not counted");
        assertEquals(null, stays.get(JourneyStage.PRE_SALE), "no change into pre-sale: its start is unknown");
    }

    @Test
    void refusesTargetsThatAreNotFourPositiveDayCounts() {
        JourneyConfig bad = (JourneyConfig) Proxy.newProxyInstance(JourneyConfig.class.getClassLoader(),
                new Class<?>[] { JourneyConfig.class }, (p, m, args) -> m.getName().equals("onboardingDays") ? new int[] { 90, 60, 0, 14 }
                        : m.getName().equals("annotationType") ? JourneyConfig.class : m.getDefaultValue());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JourneyResource.validate(bad));
        assertEquals("io.tenure.journey onboardingDays [90, 60, 0, 14]: needs four positive day counts, for enterprise, "
                + "mid-market, SMB and tech-touch", e.getMessage());
    }

    private static StageChange change(String date, String from, String to) {
        return new StageChange("a", date + to, java.time.LocalDate.parse(date), Optional.of(JourneyStage.parse(from)),
                JourneyStage.parse(to), Optional.empty());
    }

    private static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
