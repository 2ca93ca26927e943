package io.tenure.playbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.task.Task;
import io.tenure.health.HistoryService;
import io.tenure.playbooks.triggers.DefaultTriggers;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** Signals become owned tasks with due times, once per episode; overdue tasks are escalated once. */
class PlaybookEngineTest {

    static PlaybookEngine.Config defaults() {
        return Settings.of(PlaybookEngine.Config.class, java.util.Map.of());
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void signalsBecomeTasksOncePerEpisodeAndOverdueOnesEscalate(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(
                    input(Account.TYPE, "account_id,name,vertical,signed_date,owner\nacme,Acme,enterprise,2024-01-01,ana\n"
                            + "calm,Calm,plg,2024-01-01,\n"),
                    input(UsageRollup.TYPE, "account_id,date,feature,events\nacme,2026-04-10,*,1000\nacme,2026-05-10,*,700\n"
                            + "calm,2026-04-10,*,100\ncalm,2026-05-10,*,100\n"),
                    input(Contact.TYPE, "account_id,contact_id,name,role,joined,left\nacme,c1,Ann,champion,2024-01-01,2026-05-20\n"
                            + "acme,c2,Bo,user,2024-01-01,\n"),
                    input(SurveyResponse.TYPE, "account_id,response_id,date,score\nacme,r1,2026-05-25,3\ncalm,r2,2026-05-25,9\n"),
                    input(Interaction.TYPE, "account_id,date,kind,contact_id\nacme,2026-04-01,call,c2\nacme,2026-05-01,meeting,c2\n")),
                    n -> { });
            Instant now = Instant.parse("2026-06-01T09:00:00Z");
            List<io.tenure.api.playbook.PlaybookTrigger> triggers = DefaultTriggers.all().stream()
                    .filter(t -> Set.of("usage_decline", "champion_left", "nps_detractor", "single_threaded").contains(t.name())).toList();
            PlaybookEngine engine = new PlaybookEngine(store, new HistoryService(store), defaults(), triggers,
                    Clock.fixed(now, ZoneOffset.UTC));
            PlaybookEngine.Run run = engine.run();
            Set<String> playbooks = run.created().stream().map(Task::playbook).collect(Collectors.toSet());
            assertEquals(Set.of("usage_recovery", "stakeholder_change", "detractor_recovery", "multi_threading"), playbooks);
            assertTrue(run.created().stream().allMatch(t -> t.accountId().equals("acme") && t.owner().equals("ana")));
            Task usage = run.created().stream().filter(t -> t.playbook().equals("usage_recovery")).findFirst().orElseThrow();
            assertEquals(now.plusSeconds(48 * 3600), usage.due(), "a CSM conversation within 48 hours");
            assertTrue(usage.evidence().orElseThrow().contains("1000 -> 700"));
            assertTrue(usage.steps().orElseThrow().startsWith("1. Look at which features and users dropped\n2. "), usage.steps().toString());
            assertEquals(0, engine.run().created().size(), "the same episodes do not fire twice");

            PlaybookEngine later = new PlaybookEngine(store, new HistoryService(store), defaults(), triggers,
                    Clock.fixed(now.plusSeconds(3 * 24 * 3600), ZoneOffset.UTC));
            PlaybookEngine.Run overdue = later.run();
            assertEquals(1, overdue.escalated().size(), "the 48-hour conversation is overdue after 3 days: " + overdue.escalated());
            assertEquals("cs-leadership", overdue.escalated().get(0).owner());
            assertEquals(0, later.run().escalated().size(), "escalated once");

            assertTrue(later.runIfDue(), "the first scheduled check runs");
            assertTrue(!later.runIfDue(), "nothing new and the hour has not passed");
            store.importData(List.of(input(SurveyResponse.TYPE, "account_id,response_id,date,score\ncalm,r3,2026-06-03,2\n")),
                    n -> { });
            try (AutoCloseable otherNode = store.tryLock("tenure-playbooks").orElseThrow()) {
                store.importData(List.of(input(SurveyResponse.TYPE, "account_id,response_id,date,score\ncalm,r4,2026-06-03,1\n")),
                        n -> { });
                assertTrue(!later.runIfDue(), "another node holds the run's lock: this one skips");
            }
            assertTrue(later.runIfDue(), "new data");
            assertEquals(1, later.lastScheduled().orElseThrow().accounts(), "only the account whose data changed is evaluated");
            assertTrue(store.repository(Task.TYPE).list(io.tenure.api.data.Query.all().where("account_id", "calm")).items().stream()
                    .anyMatch(t -> t.playbook().equals("detractor_recovery")), "the new detractor got its task");
            assertTrue(!later.runIfDue(), "nothing new since");
        }
    }

    @org.junit.jupiter.api.Test
    void aSignalsOwnOwnerTakesTheTaskEvenForAnExpansionAboveTheSalesThreshold() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(input(Account.TYPE, "account_id,name,vertical,signed_date,owner\n"
                    + "a1,A1,plg,2024-01-01,ana\na2,A2,plg,2024-01-01,ana\n")), n -> { });
            io.tenure.api.playbook.PlaybookTrigger nudges = new io.tenure.api.playbook.PlaybookTrigger() {
                public String name() {
                    return "nudge";
                }

                public String playbook() {
                    return "in_product_nudge";
                }

                public List<io.tenure.api.playbook.Signal> evaluate(io.tenure.api.playbook.PlaybookContext context) {
                    io.tenure.api.playbook.Signal s = new io.tenure.api.playbook.Signal("upgrade", "Show the upgrade prompt",
                            java.time.Duration.ofDays(1), "seats full",
                            java.util.Optional.of(io.tenure.api.money.Money.parse("90000", "USD")));
                    return List.of(context.account().id().equals("a1") ? s.ownedBy("in-product") : s);
                }
            };
            PlaybookEngine engine = new PlaybookEngine(store, new HistoryService(store),
                    Settings.of(PlaybookEngine.Config.class, java.util.Map.of()), List.of(nudges),
                    Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC));
            java.util.Map<String, Task> byAccount = new java.util.HashMap<>();
            engine.run().created().forEach(t -> byAccount.put(t.accountId(), t));
            assertEquals("in-product", byAccount.get("a1").owner(), "the trigger's owner, not sales");
            assertEquals("Show the upgrade prompt", byAccount.get("a1").title());
            assertTrue(byAccount.get("a1").evidence().orElseThrow().contains("expansion in reach 90000.00 USD"));
            assertTrue(byAccount.get("a2").title().startsWith("Hand to sales: "), "no owner of its own: sales above the "
                    + "threshold, as before: " + byAccount.get("a2"));
            assertThrows(IllegalArgumentException.class, () -> new io.tenure.api.playbook.Signal("e", "t",
                    java.time.Duration.ofDays(1), "x", java.util.Optional.empty(), java.util.Optional.of(" ")));
        }
    }

    @org.junit.jupiter.api.Test
    void aTriggerThatHangsIsCutOffAndTheOthersStillRun() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            store.importData(List.of(input(Account.TYPE, "account_id,name,vertical,signed_date,owner\n"
                    + "a1,A1,plg,2024-01-01,ana\na2,A2,plg,2024-01-01,ana\na3,A3,plg,2024-01-01,ana\n"),
                    input(SurveyResponse.TYPE, "account_id,response_id,date,score\na1,r1,2026-05-25,3\na2,r2,2026-05-25,3\n"
                            + "a3,r3,2026-05-25,3\n")), n -> { });
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            io.tenure.api.playbook.PlaybookTrigger hangs = new io.tenure.api.playbook.PlaybookTrigger() {
                public String name() {
                    return "partner_hangs";
                }

                public String playbook() {
                    return "never";
                }

                public List<io.tenure.api.playbook.Signal> evaluate(io.tenure.api.playbook.PlaybookContext context) {
                    while (true) {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            // a badly written partner trigger ignores interrupts
                        }
                    }
                }
            };
            List<io.tenure.api.playbook.PlaybookTrigger> triggers = new java.util.ArrayList<>(List.of(hangs));
            triggers.addAll(DefaultTriggers.all().stream().filter(t -> t.name().equals("nps_detractor")).toList());
            PlaybookEngine engine = new PlaybookEngine(store, new HistoryService(store),
                    Settings.of(PlaybookEngine.Config.class, java.util.Map.of("triggerTimeLimitMillis", 200)), triggers,
                    Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC));
            PlaybookEngine.Run run = engine.run();
            assertEquals(Set.of("partner_hangs"), run.timedOut());
            assertEquals(3, run.created().size(), "every detractor got its task, the accounts of the stuck calls included: "
                    + run.created());
            assertTrue(run.created().stream().allMatch(t -> t.playbook().equals("detractor_recovery")));
        }
    }

    private static DataStore.ImportInput input(EntityType<?> type, String csv) {
        return new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
