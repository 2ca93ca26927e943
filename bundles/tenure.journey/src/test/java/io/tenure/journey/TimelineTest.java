package io.tenure.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tenure.api.data.DataFormat;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.store.Databases;
import io.tenure.store.JdbcDataStore;

/** The timeline of an account lists every kind of record in date order. */
class TimelineTest {

    @Test
    void everyRecordOfTheAccountInDateOrder() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.open(); JdbcDataStore store = new JdbcDataStore(fresh.db)) {
            List<DataStore.ImportInput> inputs = new ArrayList<>();
            for (EntityType<?> type : store.types()) {
                try (var in = getClass().getResourceAsStream("/samples/" + type.name() + ".csv")) {
                    inputs.add(new DataStore.ImportInput(type, DataFormat.CSV, type.name() + ".csv",
                            new ByteArrayInputStream(in.readAllBytes())));
                }
            }
            store.importData(inputs, n -> { });
            List<TimelineResource.Event> events = new TimelineResource(store).timeline("acme");
            List<String> kinds = events.stream().map(TimelineResource.Event::kind).distinct().sorted().toList();
            assertEquals(List.of("advocacy", "contact", "handoff", "health", "interaction", "milestone", "movement", "opportunity",
                    "referral", "stage", "survey", "task", "ticket"), kinds);
            for (int i = 1; i < events.size(); i++) {
                assertTrue(!events.get(i).date().isBefore(events.get(i - 1).date()), "date order at " + i);
            }
            assertEquals("2024-01-15", events.get(0).date().toString());
            assertTrue(events.stream().anyMatch(e -> e.title().contains("Tom Berg (executive_sponsor) left")));
        }
    }
}
