package io.tenure.vertical.plg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.testkit.MemoryDataStore;

/** The settings' checks and the core features: configured or derived from the workspaces' usage. */
class PlgSettingsTest {
    @Test
    void settingsOutOfRangeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.plg(Map.of("nudgeSlaHours", 0)));
        assertEquals("io.tenure.vertical.plg nudgeSlaHours 0 is not between 1 and 720", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.plg(Map.of("pqlSeatSharePercent", 101)));
        assertEquals("io.tenure.vertical.plg pqlSeatSharePercent 101 is not between 1 and 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.plg(Map.of("automationOwner", " ")));
        assertEquals("io.tenure.vertical.plg automationOwner is empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.plg(Map.of("coreFeatures", "a, b,,a", "activationDepth", 3)));
        assertEquals("io.tenure.vertical.plg activationDepth 3 is more than the 2 core features (coreFeatures)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.plg(Map.of("activationDepth", 4)));
        assertEquals("io.tenure.vertical.plg activationDepth 4 is more than the 3 core features (coreFeatureCount)", e.getMessage());
        assertEquals(14, Fixtures.plg(Map.of()).config().trialLengthDays(), "the defaults pass");
    }

    @Test
    void configuredCoreFeaturesWinOverUsage() {
        assertEquals(List.of("a", "b"), Fixtures.core(Fixtures.plg(Map.of("coreFeatures", " a, b,,a "))).current());
    }

    @Test
    void coreFeaturesAreTheMostUsedOfTheWorkspacesOverNinetyDays() throws Exception {
        MemoryDataStore store = new MemoryDataStore();
        store.saveAll(Account.TYPE, List.of(Fixtures.workspace("w"), Fixtures.account("e", "E", Vertical.ENTERPRISE)));
        LocalDate day = Fixtures.AS_OF.minusDays(3);
        store.saveAll(UsageRollup.TYPE, List.of(new UsageRollup("w", day, "a", 100, 1), new UsageRollup("w", day, "c", 50, 1),
                new UsageRollup("w", day, "b", 50, 1), new UsageRollup("w", day, "d", 10, 1),
                new UsageRollup("w", day, UsageRollup.ALL_FEATURES, 210, 1),
                new UsageRollup("w", Fixtures.AS_OF.minusDays(91), "old", 10_000, 1), new UsageRollup("e", day, "x", 5_000, 1)));
        Plg plg = Fixtures.plg(Map.of("coreFeatureCount", 2, "activationDepth", 2));
        AtomicReference<Instant> now = new AtomicReference<>(Fixtures.CLOCK.instant());
        Clock clock = new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        CoreFeatures core = new CoreFeatures(plg, store, clock);
        assertEquals(List.of("a", "b"), core.current(), "b and c tie: by name; old and enterprise use do not count");
        store.saveAll(UsageRollup.TYPE, List.of(new UsageRollup("w", day.minusDays(1), "d", 1_000, 1)));
        now.set(now.get().plus(CoreFeatures.REFRESH).minusSeconds(1));
        assertEquals(List.of("a", "b"), core.current(), "recomputed at most hourly");
        now.set(now.get().plusSeconds(1));
        assertEquals(List.of("d", "a"), core.current(), "an hour later, with new usage");
        assertEquals(List.of(), new CoreFeatures(plg, new MemoryDataStore(), Clock.fixed(LocalDate.of(2026, 1, 1)
                .atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC)).current(), "no usage: no core features");
    }
}
