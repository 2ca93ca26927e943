package io.tenure.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.StageChange;
import io.tenure.api.advocacy.Referral;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.journey.Milestone;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.Subscription;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** Each rule moves the account it should, records why, and leaves a manual choice alone. */
class JourneyRulesTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void rulesDriveTheStagesAndAManualMoveIsRespected(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(
                    input(Account.TYPE, "account_id,name,vertical,signed_date,stage\n"
                            + "future,F,plg,2026-09-01,onboarding\ngone,G,plg,2024-01-01,adoption\nnew,N,plg,2026-05-01,adoption\n"
                            + "renew,R,plg,2025-01-01,adoption\nfan,Fan,plg,2024-01-01,adoption\nsteady,S,plg,2024-01-01,onboarding\n"),
                    input(ArrMovement.TYPE, "account_id,date,type,kind,amount,currency\n"
                            + "gone,2024-01-01,new,,100,USD\ngone,2026-03-01,churn,voluntary,100,USD\nnew,2026-05-01,new,,100,USD\n"
                            + "renew,2025-01-01,new,,100,USD\nfan,2024-01-01,new,,100,USD\nsteady,2024-01-01,new,,100,USD\n"),
                    input(Milestone.TYPE, "account_id,milestone_id,name,reached_date,first_value\n"
                            + "renew,fv,FV,2025-02-01,true\nfan,fv,FV,2024-02-01,true\nsteady,fv,FV,2024-02-01,true\n"),
                    input(Subscription.TYPE, "account_id,subscription_id,product,arr,currency,start_date,renewal_date\n"
                            + "renew,s,P,100,USD,2025-01-01,2026-08-01\n"),
                    input(SurveyResponse.TYPE, "account_id,date,score\nfan,2026-03-01,10\n"),
                    input(Referral.TYPE, "account_id,referral_id,date,lead,status\nfan,r,2026-04-01,Hooli,introduced\n")), n -> { });
            LocalDate day = LocalDate.of(2026, 6, 15);
            JourneyRules rules = new JourneyRules(store, JourneyResourceTest.defaults(), Clock.systemUTC());
            rules.apply(day);
            Map<String, JourneyStage> stages = stages(store);
            assertEquals(JourneyStage.PRE_SALE, stages.get("future"));
            assertEquals(JourneyStage.CHURNED, stages.get("gone"));
            assertEquals(JourneyStage.ONBOARDING, stages.get("new"));
            assertEquals(JourneyStage.RENEWAL_EXPANSION, stages.get("renew"));
            assertEquals(JourneyStage.ADVOCACY, stages.get("fan"));
            assertEquals(JourneyStage.ADOPTION, stages.get("steady"));
            StageChange why = store.repository(StageChange.TYPE).ofAccount("gone").get(0);
            assertEquals("rule: no recurring revenue left", why.reason().orElseThrow());
            assertEquals(0, rules.apply(day).size(), "applying again changes nothing");

            rules.move("steady", JourneyStage.RENEWAL_EXPANSION, "early renewal talks", day);
            rules.apply(day.plusDays(1));
            assertEquals(JourneyStage.RENEWAL_EXPANSION, stages(store).get("steady"), "a person's choice stands for 30 days");
            assertThrows(DataException.class, () -> rules.move("steady", JourneyStage.ADOPTION, " ", day));
            assertTrue(rules.apply(day.plusDays(31)).stream().anyMatch(c -> c.accountId().equals("steady")));
        }
    }

    private static Map<String, JourneyStage> stages(DataStore store) {
        java.util.List<Account> all = new java.util.ArrayList<>();
        store.repository(Account.TYPE).forEach(Query.all(), all::add);
        return all.stream().collect(Collectors.toMap(Account::id, Account::stage));
    }

    private static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
