package io.tenure.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** The demo data satisfies every rule of the store and loads the same on H2 and PostgreSQL. */
class DemoLoaderTest {

    @ParameterizedTest
    @EnumSource(Databases.class)
    void loadsEveryGeneratedRecordAndLoadingAgainChangesNothing(Databases kind) throws Exception {
        DemoGenerator generator = new DemoGenerator(7, 300, LocalDate.of(2026, 6, 30));
        DemoData expected = new DemoData();
        generator.generate(0, generator.accounts(), expected);
        try (Databases.Fresh fresh = kind.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            assertTrue(store.isEmpty());
            long rows = DemoLoader.load(store, generator, n -> { });
            assertFalse(store.isEmpty());
            Map<String, Long> counts = new HashMap<>();
            for (EntityType<?> type : store.types()) {
                long n = store.repository(type).count(Query.all());
                counts.put(type.name(), n);
                if (!type.name().equals("csms")) {
                    assertEquals(expected.of(type).size(), n, type.name());
                }
            }
            assertEquals(rows, counts.values().stream().mapToLong(Long::longValue).sum());
            DemoLoader.load(store, generator, n -> { });
            for (EntityType<?> type : store.types()) {
                assertEquals(counts.get(type.name()), store.repository(type).count(Query.all()), type.name() + " after a reload");
            }
        }
    }
}
