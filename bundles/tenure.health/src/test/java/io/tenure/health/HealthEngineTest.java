package io.tenure.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthScore;
import io.tenure.api.health.MeasureResult;
import io.tenure.api.module.ExtensionFaults;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** The stored history: a recompute scores every account, the scheduled run skips when nothing changed. */
class HealthEngineTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void recomputeStoresEveryAccountsScoreAndTheScheduledRunOnlyWhenSomethingChanged(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            importSamples(store);
            Clock clock = Clock.fixed(LocalDate.of(2024, 10, 15).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
            HealthEngine engine = new HealthEngine(store, DemoBacktestTest.config(Map.of()), DemoBacktestTest.MEASURES, clock);
            engine.recomputeIfChanged();
            assertEquals(3, store.repository(HealthScore.TYPE).count(Query.all()), "one score per account for the day");
            long version = store.version(HealthScore.TYPE);
            engine.recomputeIfChanged();
            assertEquals(version, store.version(HealthScore.TYPE), "nothing changed: nothing rescored");
            store.importData(List.of(new DataStore.ImportInput(io.tenure.api.engagement.SurveyResponse.TYPE, DataFormat.CSV,
                    "surveys.csv", new ByteArrayInputStream("account_id,date,score\nglobex,2024-10-01,1\n".getBytes()))), n -> { });
            assertEquals(1, engine.recomputeChanged(LocalDate.of(2024, 10, 15)), "only globex's inputs changed");
            assertEquals(3, engine.recomputeChanged(LocalDate.of(2024, 10, 16)), "a new day scores everyone");
            HealthScore acme = store.repository(HealthScore.TYPE).get(List.of("acme", LocalDate.of(2024, 10, 15))).orElseThrow();
            assertTrue(acme.explanation().isPresent());
            long scored = store.repository(Account.TYPE).count(Query.all().where("health", io.tenure.api.data.Codes.code(acme.status())));
            assertTrue(scored >= 1, "the accounts health filter sees the stored score");
        }
    }

    /** A measure that never answers and one that throws: both reported, neither stops the recompute. */
    @ParameterizedTest
    @EnumSource(Databases.class)
    void aHangingOrFailingMeasureIsLeftOutAndReportedAndTheRestStillScores(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            importSamples(store);
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            HealthMeasure hangs = measure("partner_hangs", h -> {
                while (true) {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        // a badly written partner measure ignores interrupts
                    }
                }
            });
            HealthMeasure fails = measure("partner_fails", h -> {
                throw new IllegalStateException("no connection to the partner's API");
            });
            List<HealthMeasure> measures = new ArrayList<>(DemoBacktestTest.MEASURES);
            measures.add(hangs);
            measures.add(fails);
            Clock clock = Clock.fixed(LocalDate.of(2024, 10, 15).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
            HealthEngine engine = new HealthEngine(store, DemoBacktestTest.config(Map.of("measureTimeLimitMillis", 200)),
                    measures, clock);
            List<String> reported = java.util.Collections.synchronizedList(new ArrayList<>());
            engine.reportTo(new RecordingFaults(reported));

            assertEquals(3, engine.recompute(LocalDate.of(2024, 10, 15)), "every account scored without the two");
            assertTrue(reported.contains("timed_out partner_hangs health measure"), reported.toString());
            assertTrue(reported.contains("failed partner_fails health measure: no connection to the partner's API"),
                    reported.toString());
            HealthEngine plain = new HealthEngine(store, DemoBacktestTest.config(Map.of()), DemoBacktestTest.MEASURES, clock);
            AccountHistory acme = Histories.of(store, "acme", LocalDate.of(2024, 10, 15)).orElseThrow();
            assertEquals(plain.score(acme).score().score(), engine.score(acme).score().score(),
                    "the score is what the good measures say");
            long timeouts = reported.stream().filter(r -> r.startsWith("timed_out")).count();
            assertTrue(timeouts >= 2 && timeouts <= Runtime.getRuntime().availableProcessors() + 1,
                    "a timeout per stuck worker of the recompute, then one of the single score: " + reported);
        }
    }

    /** An account whose usage stopped long ago scores the same stored as live: low on usage, not "no usage data". */
    @ParameterizedTest
    @EnumSource(Databases.class)
    void aQuietAccountIsStoredAsItIsScoredLive(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            importSamples(store);
            store.importData(List.of(
                    new DataStore.ImportInput(Account.TYPE, DataFormat.CSV, "accounts.csv", new ByteArrayInputStream(
                            "account_id,name,vertical,signed_date\nquiet,Quiet Co,plg,2023-01-01\n".getBytes())),
                    new DataStore.ImportInput(io.tenure.api.revenue.Subscription.TYPE, DataFormat.CSV, "subscriptions.csv",
                            new ByteArrayInputStream(("account_id,subscription_id,product,seats,arr,currency,start_date\n"
                                    + "quiet,s1,Core,20,12000,USD,2023-01-01\n").getBytes())),
                    new DataStore.ImportInput(io.tenure.api.engagement.UsageRollup.TYPE, DataFormat.CSV, "usage.csv",
                            new ByteArrayInputStream(("account_id,date,feature,events,active_users\n"
                                    + "quiet,2024-05-06,*,400,15\nquiet,2024-05-13,*,380,14\n").getBytes()))), n -> { });
            LocalDate day = LocalDate.of(2024, 10, 15);
            Clock clock = Clock.fixed(day.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
            HealthEngine engine = new HealthEngine(store, DemoBacktestTest.config(Map.of()), DemoBacktestTest.MEASURES, clock);
            engine.recompute(day);
            HealthScore stored = store.repository(HealthScore.TYPE).get(List.of("quiet", day)).orElseThrow();
            HealthScore live = engine.score(Histories.of(store, "quiet", day).orElseThrow()).score();
            assertEquals(live.score(), stored.score(), "stored " + stored.explanation() + " / live " + live.explanation());
            assertEquals(live.usage(), stored.usage());
            assertTrue(stored.usage().isPresent() && stored.usage().get() < 40,
                    "usage stopped five months ago: a low usage score, not none: " + stored.explanation());
        }
    }

    /** The sample customers (acme, globex, initech) of every entity but the scores. */
    private void importSamples(JdbcDataStore store) throws Exception {
        List<DataStore.ImportInput> inputs = new ArrayList<>();
        for (EntityType<?> type : store.types()) {
            if (type != HealthScore.TYPE) {
                try (var in = getClass().getResourceAsStream("/samples/" + type.name() + ".csv")) {
                    inputs.add(new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                            new ByteArrayInputStream(in.readAllBytes())));
                }
            }
        }
        store.importData(inputs, n -> { });
    }

    private static HealthMeasure measure(String name, java.util.function.Function<AccountHistory, Optional<MeasureResult>> f) {
        return new HealthMeasure() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Dimension dimension() {
                return Dimension.USAGE;
            }

            @Override
            public Optional<MeasureResult> score(AccountHistory history) {
                return f.apply(history);
            }
        };
    }

    /** Faults as lines: kind, name, call and message. */
    record RecordingFaults(List<String> lines) implements ExtensionFaults {
        @Override
        public void failed(Object extension, String name, String call, Throwable error) {
            lines.add("failed " + name + " " + call + ": " + error.getMessage());
        }

        @Override
        public void timedOut(Object extension, String name, String call, java.time.Duration limit) {
            lines.add("timed_out " + name + " " + call);
        }

        @Override
        public List<Fault> recent(int limit) {
            return List.of();
        }

        @Override
        public List<Summary> summaries() {
            return List.of();
        }
    }
}
