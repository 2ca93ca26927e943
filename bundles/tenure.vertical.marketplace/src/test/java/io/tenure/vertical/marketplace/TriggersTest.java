package io.tenure.vertical.marketplace;

import static io.tenure.vertical.marketplace.Fixtures.AS_OF;
import static io.tenure.vertical.marketplace.Fixtures.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.playbook.Signal;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;

/** Each trigger fires exactly at its threshold, on its side, once per episode; tasks are routed to their owners. */
class TriggersTest {
    private final Fixtures f = new Fixtures();

    private Fixtures drop(long current) {
        f.side("s", Side.SELLER).sold("s", "b", 100, 1_000);
        if (current > 0) {
            f.sold("s", "b", 10, current);
        }
        return f;
    }

    @Test
    void theSellerPlayFiresAtAThirtyPercentDrop() {
        List<Signal> at = new SellerDemandTrigger(Fixtures.defaults(), drop(700).data()).evaluate(context("s", 5_000));
        assertEquals(1, at.size(), "down exactly 30%, at the tech-touch ceiling");
        assertEquals("demand-drop@2026-Q2", at.get(0).episode());
        assertEquals(Duration.ofDays(7), at.get(0).sla());
        assertTrue(at.get(0).title().contains("fell 30% in 90 days"), at.get(0).title());
        assertTrue(at.get(0).evidence().contains("700.00 USD from 1 buyer"), at.get(0).evidence());
        Fixtures above = new Fixtures();
        above.side("s", Side.SELLER).sold("s", "b", 100, 1_000).sold("s", "b", 10, 701);
        assertEquals(List.of(), new SellerDemandTrigger(Fixtures.defaults(), above.data()).evaluate(context("s", 5_000)),
                "down 29.9%");
    }

    @Test
    void theSellerPlayIsOneEpisodeAQuarterAndOnlyForPayingSellersAboveTheCeiling() {
        SellerDemandTrigger t = new SellerDemandTrigger(Fixtures.defaults(), drop(0).data());
        Signal first = t.evaluate(context("s", 9_000)).get(0);
        Signal later = t.evaluate(context("s", 9_000, AS_OF.plusDays(20))).get(0);
        assertEquals(first.episode(), later.episode(), "the same episode later in the quarter: no second task");
        assertEquals(List.of(), t.evaluate(context("s", 4_999)), "long tail: tech-touch instead");
        assertEquals(List.of(), t.evaluate(context("s", 0)), "no active contract");
        assertEquals(List.of(), t.evaluate(context("b", 9_000)), "not a seller");
    }

    @Test
    void aBuyerThatStoppedBuyingGetsTheWinBackOncePerLapse() {
        f.side("b", Side.BUYER).side("c", Side.BUYER).sold("s", "b", 91, 100).sold("s", "c", 91, 100).sold("s", "c", 90, 100);
        BuyerWinBackTrigger t = new BuyerWinBackTrigger(Fixtures.defaults(), f.data());
        Signal s = t.evaluate(context("b", 6_000)).get(0);
        assertEquals("lapsed@" + AS_OF.minusDays(91), s.episode());
        assertEquals(Duration.ofDays(14), s.sla());
        assertEquals(List.of(), t.evaluate(context("c", 6_000)), "ordered 90 days ago: inside the window");
        assertEquals(s.episode(), t.evaluate(context("b", 6_000, AS_OF.plusDays(30))).get(0).episode(), "same lapse");
        assertEquals(List.of(), t.evaluate(context("b", 4_000)), "long tail");
        assertEquals(List.of(), t.evaluate(context("b", 6_000, AS_OF.plusDays(91))), "nothing in either window any more");
    }

    @Test
    void theLongTailGetsTheAutomatedPlayForEachSide() {
        f.side("x", Side.SELLER).side("x", Side.BUYER).sold("x", "b", 100, 1_000).sold("x", "b", 10, 700)
                .sold("s", "x", 95, 50);
        TechTouchTrigger t = new TechTouchTrigger(Fixtures.defaults(), f.data());
        List<Signal> signals = t.evaluate(context("x", 4_999));
        assertEquals(List.of("seller-demand@2026-Q2", "buyer-lapsed@" + AS_OF.minusDays(95)),
                signals.stream().map(Signal::episode).toList());
        assertEquals(List.of(Optional.of("tech-touch"), Optional.of("tech-touch")),
                signals.stream().map(Signal::owner).toList(), "the automation owner's tasks");
        assertEquals(List.of(), t.evaluate(context("x", 5_000)), "at the ceiling: the CSM's plays");
        assertEquals(2, new TechTouchTrigger(Fixtures.marketplace(Map.of("techTouchArr", 10_000L)), f.data())
                .evaluate(context("x", 9_999)).size(), "a higher ceiling");
    }

    private Fixtures conflict(int orders, int problems, int buyersHurt) {
        Fixtures c = new Fixtures();
        c.side("s", Side.SELLER);
        for (int i = 0; i < orders - problems; i++) {
            c.sold("s", "ok" + i, 10, 100);
        }
        for (int i = 0; i < problems; i++) {
            c.order("s", "hurt" + (i % buyersHurt), 20, 100, i % 2 == 0 ? OrderStatus.CANCELLED : OrderStatus.DISPUTED);
        }
        return c;
    }

    @Test
    void aConflictIsFlaggedAtTenPercentHurtingThreeBuyers() {
        Marketplace m = Fixtures.defaults();
        List<Signal> at = new SideConflictTrigger(m, conflict(30, 3, 3).data()).evaluate(context("s", 1_000));
        assertEquals(1, at.size(), "3 of 30 = 10%, three buyers");
        assertEquals("conflict@2026-Q2", at.get(0).episode());
        assertEquals(Duration.ofDays(2), at.get(0).sla());
        assertEquals(Optional.of("cs-leadership"), at.get(0).owner(), "CS leadership decides between the sides");
        assertTrue(at.get(0).evidence().startsWith("seller s: 3 of 30 orders cancelled or disputed"), at.get(0).evidence());
        assertTrue(at.get(0).evidence().endsWith("buyers hurt: hurt0, hurt1, hurt2"), at.get(0).evidence());
        assertEquals(List.of(), new SideConflictTrigger(m, conflict(31, 3, 3).data()).evaluate(context("s", 1_000)), "9.7%");
        assertEquals(List.of(), new SideConflictTrigger(m, conflict(30, 3, 2).data()).evaluate(context("s", 1_000)),
                "two buyers only");
        SideConflictTrigger t = new SideConflictTrigger(m, conflict(30, 3, 3).data());
        assertEquals(at.get(0).episode(), t.evaluate(context("s", 1_000, AS_OF.plusDays(5))).get(0).episode(), "once a quarter");
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Fixtures.marketplace(Map.of("demandDropPercent", 96)));
        assertEquals("io.tenure.vertical.marketplace demandDropPercent 96 is not between 5 and 95", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Fixtures.marketplace(Map.of("conflictOwner", " ")));
        assertEquals("io.tenure.vertical.marketplace conflictOwner ' ' must be 1 to 100 characters", e.getMessage());
        assertEquals(30, Fixtures.marketplace(Map.of("liquidityDays", 30)).config().liquidityDays());
    }
}
