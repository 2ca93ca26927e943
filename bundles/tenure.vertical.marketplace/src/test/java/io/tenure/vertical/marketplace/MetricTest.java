package io.tenure.vertical.marketplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.revenue.MovementType;

/**
 * Per-side retention, liquidity and GMV on a small ledger whose answers were worked out by hand (see the comments),
 * period [2026-01-01, 2026-04-01).
 */
class MetricTest {
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate JAN_2025 = LocalDate.of(2025, 1, 1);

    private static Fixtures ledger() {
        Fixtures f = new Fixtures();
        // buyers b1, b2 (left with its churn), b3, x (both sides); b4 joined inside the period
        f.side("b1", Side.BUYER).side("b2", Side.BUYER, Fixtures.LONG_AGO, LocalDate.of(2026, 3, 1)).side("b3", Side.BUYER)
                .side("x", Side.BUYER).side("b4", Side.BUYER, LocalDate.of(2026, 2, 1), null);
        // sellers s1, s2 (no ARR at the start; left the side in February), x
        f.side("s1", Side.SELLER).side("s2", Side.SELLER, Fixtures.LONG_AGO, LocalDate.of(2026, 2, 1)).side("x", Side.SELLER);
        f.movement("b1", JAN_2025, MovementType.NEW, 10_000).movement("b1", LocalDate.of(2026, 2, 1), MovementType.EXPANSION, 2_000);
        f.movement("b2", JAN_2025, MovementType.NEW, 5_000).movement("b2", LocalDate.of(2026, 3, 1), MovementType.CHURN, 5_000);
        f.movement("b3", LocalDate.of(2025, 6, 1), MovementType.NEW, 3_000)
                .movement("b3", LocalDate.of(2026, 1, 15), MovementType.CONTRACTION, 1_000);
        f.movement("x", JAN_2025, MovementType.NEW, 20_000).movement("x", LocalDate.of(2026, 2, 15), MovementType.CONTRACTION, 4_000)
                .movement("x", LocalDate.of(2026, 4, 1), MovementType.EXPANSION, 9_000); // on the end day: outside
        f.movement("b4", LocalDate.of(2026, 2, 1), MovementType.NEW, 7_000); // new logo: excluded
        f.movement("s1", JAN_2025, MovementType.NEW, 8_000).movement("s1", LocalDate.of(2025, 12, 31), MovementType.EXPANSION, 1_000)
                .movement("s1", LocalDate.of(2026, 1, 10), MovementType.CHURN, 9_000)
                .movement("s1", LocalDate.of(2026, 3, 10), MovementType.REACTIVATION, 6_000);
        f.movement("s2", LocalDate.of(2024, 1, 1), MovementType.NEW, 4_000).movement("s2", LocalDate.of(2025, 6, 1), MovementType.CHURN, 4_000);
        // orders: GMV 300.00 from two fulfilled orders in the period; one cancelled; one after the period
        f.orderOn("s1", "b1", LocalDate.of(2026, 2, 1), 100, OrderStatus.FULFILLED)
                .orderOn("x", "b1", LocalDate.of(2026, 2, 2), 50, OrderStatus.CANCELLED)
                .orderOn("s1", "x", LocalDate.of(2026, 3, 1), 200, OrderStatus.FULFILLED)
                .orderOn("s1", "b3", LocalDate.of(2026, 5, 1), 999, OrderStatus.FULFILLED);
        // listings: sold on day 30 (liquid), on day 31 (not), never; one before the period; one still in its window
        f.listing("s1", LocalDate.of(2026, 1, 10), LocalDate.of(2026, 2, 9)).listing("s1", LocalDate.of(2026, 1, 10),
                LocalDate.of(2026, 2, 10)).listing("x", LocalDate.of(2026, 2, 1), null)
                .listing("x", LocalDate.of(2025, 12, 31), LocalDate.of(2025, 12, 31)).listing("x", LocalDate.of(2026, 5, 20), null);
        return f;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> compute(Map<String, String> parameters) throws MetricException {
        Fixtures f = ledger();
        return new MarketplaceMetric(f.data(), Fixtures.defaults(), null).compute(new MetricRequest(parameters, Fixtures.AS_OF))
                .values();
    }

    @Test
    void retentionPerSideFollowsTheDomainDefinitionsOverEachSidesAccounts() throws MetricException {
        Map<String, Object> v = compute(Map.of("from", "2026-01-01", "to", "2026-04-01"));
        Map<String, Object> buyers = map(map(v.get("sides")).get("buyer"));
        // cohort b1 10,000 + b2 5,000 + b3 3,000 + x 20,000 = 38,000; expansion 2,000; contraction 1,000 + 4,000; churn 5,000
        assertEquals(4, buyers.get("members"));
        assertEquals(4, buyers.get("cohortAccounts"));
        assertEquals(3, buyers.get("retainedAccounts"));
        assertEquals("38000.00", buyers.get("startingArr"));
        assertEquals("2000.00", buyers.get("expansionArr"));
        assertEquals("5000.00", buyers.get("contractionArr"));
        assertEquals("5000.00", buyers.get("churnedArr"));
        assertEquals("30000.00", buyers.get("endingArr"));
        assertEquals(new BigDecimal("0.789474"), buyers.get("nrr"), "30,000 / 38,000");
        assertEquals(new BigDecimal("0.736842"), buyers.get("grr"), "28,000 / 38,000");
        assertEquals(new BigDecimal("0.750000"), buyers.get("logoRetention"), "3 of 4");
        assertEquals(new BigDecimal("0.750000"), buyers.get("memberRetention"), "b2 left the side");
        assertEquals(2, buyers.get("active"), "b1 and x bought a fulfilled order");
        Map<String, Object> sellers = map(map(v.get("sides")).get("seller"));
        // cohort s1 9,000 + x 20,000 = 29,000 (s2 had no ARR); reactivation 6,000; contraction 4,000; churn 9,000
        assertEquals(3, sellers.get("members"));
        assertEquals(2, sellers.get("cohortAccounts"));
        assertEquals(2, sellers.get("retainedAccounts"), "s1 came back");
        assertEquals("29000.00", sellers.get("startingArr"));
        assertEquals("6000.00", sellers.get("expansionArr"));
        assertEquals("22000.00", sellers.get("endingArr"));
        assertEquals(new BigDecimal("0.758621"), sellers.get("nrr"), "22,000 / 29,000");
        assertEquals(new BigDecimal("0.551724"), sellers.get("grr"), "16,000 / 29,000");
        assertEquals(new BigDecimal("1.000000"), sellers.get("logoRetention"));
        assertEquals(new BigDecimal("0.666667"), sellers.get("memberRetention"), "s2 left the side");
        assertEquals(1, sellers.get("active"), "x's only sale was cancelled");
        assertEquals(2, v.get("activeBuyers"));
        assertEquals(1, v.get("activeSellers"));
    }

    @Test
    void liquidityGmvAndOrdersOverThePeriod() throws MetricException {
        Map<String, Object> v = compute(Map.of("period", "2026-Q1"));
        Map<String, Object> liquidity = map(v.get("liquidity"));
        assertEquals(3L, liquidity.get("listingsMatured"));
        assertEquals(1L, liquidity.get("soldWithinDays"), "day 30 counts, day 31 does not");
        assertEquals(new BigDecimal("0.333333"), liquidity.get("liquidity"));
        assertEquals("300.00", v.get("gmv"));
        assertEquals(Map.of("fulfilled", 2L, "cancelled", 1L, "disputed", 0L), v.get("orders"));
        assertEquals(0, v.get("conflictsFlagged"));
        assertNull(v.get("conflictTasksOpen"), "no store to count tasks in");
        Map<String, Object> trailing = map(compute(Map.of()).get("liquidity"));
        assertEquals(1L, trailing.get("listingsPending"), "listed 12 days before asOf: still inside its window");
        assertEquals("2025-06-02", compute(Map.of()).get("from"), "the 365 days to asOf");
    }

    @Test
    void badParametersAreRefusedByName() {
        MetricException both = assertThrows(MetricException.class, () -> compute(Map.of("period", "2026-Q1", "from", "2026-01-01")));
        assertTrue(both.badParameter());
        assertEquals("give either period or from and to, not both", both.getMessage());
        assertEquals("to is required", assertThrows(MetricException.class, () -> compute(Map.of("from", "2026-01-01"))).getMessage());
        assertEquals("from 2026-07-01 is after asOf 2026-06-01",
                assertThrows(MetricException.class, () -> compute(Map.of("period", "2026-07"))).getMessage());
    }

    @Test
    void aSideWithoutCohortHasNoRatios() {
        SideRetention.Retention r = SideRetention.compute(List.of(), java.util.Set.of("a"), FROM, FROM.plusDays(90));
        assertEquals(0, r.cohortAccounts());
        assertNull(r.nrr());
        assertNull(r.grr());
        assertNull(r.logoRetention());
    }
}
