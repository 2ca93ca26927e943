package io.tenure.vertical.marketplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;
import io.tenure.testkit.MemoryDataStore;

/** The parts that talk to the store: the cached marketplace, the demo contribution, the task routing. */
class StoreTest {
    private final MemoryDataStore store = new MemoryDataStore();

    /** A clock the test moves. */
    private static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    @Test
    void theMarketIsReadOnceAndAgainOnlyWhenTheStoreChanged() {
        Ticking clock = new Ticking();
        MarketData data = new MarketData(store, clock);
        assertTrue(data.current().isEmpty());
        store.put(MarketplaceSide.TYPE, List.of(new MarketplaceSide("s", Side.SELLER, Fixtures.LONG_AGO, Optional.empty(),
                Optional.empty())));
        assertTrue(data.current().isEmpty(), "versions are checked every " + MarketData.CHECK_MILLIS + " ms");
        clock.now = clock.now.plus(Duration.ofMillis(MarketData.CHECK_MILLIS));
        assertTrue(data.current().on("s", Side.SELLER, Fixtures.AS_OF), "reloaded after the change");
        int scans = store.reads(MarketplaceSide.TYPE);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        data.current();
        assertEquals(scans, store.reads(MarketplaceSide.TYPE), "unchanged store: no reload");
        store.put(ArrMovement.TYPE, List.of(new ArrMovement("s", "m1", Fixtures.LONG_AGO, MovementType.NEW, Optional.empty(),
                Money.ofMinor(100, "USD"), MovementSource.SALES_LED, Optional.empty()), new ArrMovement("other", "m1",
                        Fixtures.LONG_AGO, MovementType.NEW, Optional.empty(), Money.ofMinor(100, "USD"), MovementSource.SALES_LED,
                        Optional.empty())));
        assertEquals(List.of("s"), data.movements().stream().map(ArrMovement::accountId).toList(), "only the sides' accounts");
    }

    @Test
    void theDemoContributionStoresItsRecordsOnce() throws Exception {
        MarketplaceDemo demo = new MarketplaceDemo();
        assertFalse(demo.present(store));
        List<Account> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "a" + i;
            accounts.add(new Account(id, id, Vertical.MARKETPLACE, Optional.empty(), Optional.empty(), Optional.empty(),
                    LocalDate.of(2025, 1, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
            store.put(ArrMovement.TYPE, List.of(new ArrMovement(id, "m1", LocalDate.of(2025, 1, 1), MovementType.NEW,
                    Optional.empty(), Money.ofMinor(2_000_000, "USD"), MovementSource.SALES_LED, Optional.empty())));
        }
        long stored = demo.contribute(store, accounts, Fixtures.AS_OF, 7);
        long rows = store.size(MarketplaceSide.TYPE) + store.size(MarketplaceOrder.TYPE)
                + store.size(MarketplaceListing.TYPE);
        assertEquals(rows, stored);
        assertTrue(demo.present(store));
    }
}
