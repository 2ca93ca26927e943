package io.tenure.playbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.advocacy.Referral;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.journey.Handoff;
import io.tenure.api.rest.ApiException;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.Opportunity;
import io.tenure.api.revenue.OpportunityStage;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskResult;
import io.tenure.api.task.TaskStatus;
import io.tenure.health.HistoryService;
import io.tenure.playbooks.triggers.DefaultTriggers;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/**
 * Post-mortem records for churn, expansion above the threshold handed to sales, and task completion with outcomes:
 * save plays, post-mortem root causes ranked by ARR lost, referrals credited to the CSM, opportunities for sales.
 */
class TaskActionsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

    @ParameterizedTest
    @EnumSource(Databases.class)
    void completedTasksRecordWhatTheirPlaysProduced(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(
                    input(Account.TYPE, "account_id,name,vertical,signed_date,owner,stage\n"
                            + "big,Big,enterprise,2024-01-01,ana,adoption\nsmall,Small,plg,2024-01-01,ana,adoption\n"
                            + "gone,Gone,plg,2024-01-01,bo,churned\n"),
                    input(Subscription.TYPE, "account_id,subscription_id,product,seats,arr,currency,start_date,renewal_date,status\n"
                            + "big,s1,core,100,200000,USD,2025-01-01,2027-01-01,active\n"
                            + "small,s2,core,10,10000,USD,2025-01-01,2026-07-15,active\n"),
                    input(UsageRollup.TYPE, "account_id,date,feature,events,active_users\nbig,2026-05-20,*,100,90\n"
                            + "small,2026-05-20,*,100,9\n"),
                    input(ArrMovement.TYPE, "account_id,movement_id,date,type,kind,amount,currency,source\n"
                            + "gone,m0,2024-01-01,new,,40000,USD,sales_led\n"
                            + "gone,m1,2026-05-10,churn,voluntary,30000,USD,cs_led\n"
                            + "small,m2,2024-01-01,new,,12000,USD,sales_led\n"
                            + "small,m3,2026-05-12,contraction,seat,2000,USD,cs_led\n")), n -> { });
            PlaybookEngine engine = new PlaybookEngine(store, new HistoryService(store),
                    Settings.of(PlaybookEngine.Config.class, Map.of()), DefaultTriggers.all(), Clock.fixed(NOW, ZoneOffset.UTC));
            PlaybookEngine.Run run = engine.run();
            assertEquals(2, run.postmortems(), "one record per churn and contraction");
            Task seats = only(run.created(), "big", "expansion");
            assertEquals("sales", seats.owner(), "20 seats at 2,000 = 40,000 reaches the 25,000 hand-off threshold: " + seats);
            assertTrue(seats.title().startsWith("Hand to sales"));
            Task smallSeats = only(run.created(), "small", "expansion");
            assertEquals("ana", smallSeats.owner(), "2 seats at 1,000 stay with the CSM");
            Task save = only(run.created(), "small", "save_plan");
            assertTrue(save.evidence().orElseThrow().startsWith("never scored"));

            TaskActions actions = new TaskActions(store, engine, Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
            ApiException noPlay = assertThrows(ApiException.class, () -> actions.complete("small", save.id(), completion(Map.of())));
            assertEquals(422, noPlay.status());
            assertTrue(noPlay.getMessage().contains("honest_reset"), noPlay.getMessage());
            actions.complete("small", save.id(), completion(Map.of("play", "right_size", "result", "partial", "outcome", "kept 8 seats")));
            Task closed = store.repository(Task.TYPE).get(List.of("small", save.id())).orElseThrow();
            assertEquals(TaskStatus.DONE, closed.status());
            assertEquals(TaskResult.PARTIAL, closed.result().orElseThrow());
            assertEquals(NOW.plusSeconds(3600), closed.completed().orElseThrow());
            assertEquals(409, assertThrows(ApiException.class,
                    () -> actions.complete("small", save.id(), completion(Map.of("play", "discount", "result", "failed")))).status());

            Task postmortem = only(run.created(), "gone", "postmortem");
            actions.complete("gone", postmortem.id(), completion(Map.of("root_cause", "Reporting never matched their process",
                    "feedback", List.of("custom reports", "exports"))));
            Task small = only(run.created(), "small", "postmortem");
            actions.complete("small", small.id(), completion(Map.of("root_cause", "Fewer users", "feedback", List.of("exports"))));
            List<ChurnRecord> records = store.repository(ChurnRecord.TYPE).list(Query.all()).items();
            Map<String, Object> report = Postmortems.report(records, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> ranking = (List<Map<String, Object>>) report.get("feedbackByArrLost");
            assertEquals("exports", ranking.get(0).get("feedback"), "30,000 + 2,000 lost with exports");
            assertEquals("32000.00", ranking.get(0).get("arrLost"));
            assertEquals("30000.00", ranking.get(1).get("arrLost"));
            assertEquals(Map.of("count", 0, "records", List.of()), report.get("withoutRootCause"));

            Map<String, Object> handed = actions.complete("big", seats.id(), completion(Map.of("play", "hand_to_sales",
                    "amount", "40000", "kind", "seat", "outcome", "20 more seats for the EU team")));
            Opportunity opp = store.repository(Opportunity.TYPE).list(Query.all()).items().get(0);
            assertEquals(OpportunityStage.HANDED_TO_SALES, opp.stage());
            assertEquals("sales", opp.owner().orElseThrow());
            assertEquals(1, store.repository(Handoff.TYPE).count(Query.all()), handed.toString());

            Task ask = new Task("big", "ask-1", "referral_request", "Ask for a referral", "ana", NOW, NOW.plusSeconds(86400),
                    TaskStatus.OPEN, java.util.Optional.empty(), java.util.Optional.empty());
            store.saveAll(Task.TYPE, List.of(ask));
            assertEquals(422, assertThrows(ApiException.class,
                    () -> actions.complete("big", "ask-1", completion(Map.of("result", "succeeded")))).status(), "a lead is needed");
            actions.complete("big", "ask-1", completion(Map.of("result", "succeeded", "lead", "Dana at Initech")));
            Referral referral = store.repository(Referral.TYPE).list(Query.all()).items().get(0);
            assertEquals("ana", referral.csm().orElseThrow(), "credited to the CSM as the lead source");

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> plays = (List<Map<String, Object>>) actions.outcomes(LocalDate.of(2026, 1, 1),
                    LocalDate.of(2027, 1, 1)).get("plays");
            Map<String, Object> rightSize = plays.stream().filter(p -> p.get("play").equals("right_size")).findFirst().orElseThrow();
            assertEquals(Map.of("partial", 1L), rightSize.get("results"));
            assertEquals(Set.of("expansion", "postmortem", "referral_request", "save_plan"),
                    plays.stream().map(p -> (String) p.get("playbook")).collect(java.util.stream.Collectors.toSet()));
        }
    }

    private static Task only(List<Task> tasks, String account, String playbook) {
        List<Task> found = tasks.stream().filter(t -> t.accountId().equals(account) && t.playbook().equals(playbook)).toList();
        assertEquals(1, found.size(), account + " " + playbook + " in " + tasks);
        return found.get(0);
    }

    private static TaskActions.Completion completion(Map<String, Object> values) {
        return io.tenure.playbooks.TestJson.GSON.fromJson(io.tenure.playbooks.TestJson.GSON.toJson(values), TaskActions.Completion.class);
    }

    private static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
