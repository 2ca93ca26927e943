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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.health.HealthScore;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** The stored history: a recompute scores every account, the scheduled run skips when nothing changed. */
class HealthEngineTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void recomputeStoresEveryAccountsScoreAndTheScheduledRunOnlyWhenSomethingChanged(Databases kind) throws Exception {
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
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
}
