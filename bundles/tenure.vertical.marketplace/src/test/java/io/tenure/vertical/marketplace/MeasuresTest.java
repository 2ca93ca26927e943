package io.tenure.vertical.marketplace;

import static io.tenure.vertical.marketplace.Fixtures.AS_OF;
import static io.tenure.vertical.marketplace.Fixtures.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;

/** Each measure at its boundaries, and only for the accounts of its side. */
class MeasuresTest {
    private final Fixtures f = new Fixtures();

    private double score(HealthMeasure m, String account) {
        return m.score(history(account, 10_000)).orElseThrow(() -> new AssertionError(m.name() + " did not score " + account))
                .score();
    }

    private boolean unscored(HealthMeasure m, String account) {
        return m.score(history(account, 10_000)).isEmpty();
    }

    @Test
    void sellerDemandIsTheWindowsGmvAsAShareOfTheWindowBefore() {
        f.side("s", Side.SELLER).side("b", Side.BUYER);
        f.sold("s", "b", 180, 600).sold("s", "b", 91, 400).sold("s", "b", 181, 5_000); // 181 days ago: outside both
        f.sold("s", "b", 90, 500).sold("s", "b", 1, 250).sold("s", "b", 0, 9_000); // today is not yet history
        f.order("s", "b", 5, 800, OrderStatus.CANCELLED); // not fulfilled: no GMV
        SellerDemandMeasure m = new SellerDemandMeasure(Fixtures.defaults(), f.data());
        assertEquals(Dimension.USAGE, m.dimension());
        assertEquals(75.0, score(m, "s"), 1e-9, "750 of 1000");
        assertTrue(m.score(history("s", 1)).orElseThrow().detail().contains("750.00 USD from 1 buyer over the last 90 days"));
        assertTrue(unscored(m, "b"), "buyers are not scored");
        f.sold("s", "b", 2, 250);
        assertEquals(100.0, score(new SellerDemandMeasure(Fixtures.defaults(), f.data()), "s"), 1e-9, "1000 of 1000");
        f.sold("s", "b", 3, 1);
        assertEquals(100.0, score(new SellerDemandMeasure(Fixtures.defaults(), f.data()), "s"), 1e-9, "capped at 100");
    }

    @Test
    void sellerDemandWithoutAPreviousWindow() {
        f.side("new", Side.SELLER, AS_OF.minusDays(90), null).side("old", Side.SELLER).side("fresh", Side.SELLER);
        f.sold("fresh", "b", 10, 100);
        SellerDemandMeasure m = new SellerDemandMeasure(Fixtures.defaults(), f.data());
        assertEquals(100.0, score(m, "fresh"), 1e-9, "demand where there was none");
        assertEquals(0.0, score(m, "old"), 1e-9, "no sale in 180 days");
        assertTrue(unscored(m, "new"), "joined 90 days ago: too new to judge");
        f.sides.set(0, new MarketplaceSide("new", Side.SELLER, AS_OF.minusDays(91), java.util.Optional.empty(),
                java.util.Optional.empty()));
        assertEquals(0.0, score(new SellerDemandMeasure(Fixtures.defaults(), f.data()), "new"), 1e-9, "joined 91 days ago");
    }

    @Test
    void networkPositionFallsAsOneBuyerDominates() {
        f.side("one", Side.SELLER).side("four", Side.SELLER).side("ten", Side.SELLER).side("skew", Side.SELLER)
                .side("idle", Side.SELLER).side("b", Side.BUYER);
        f.sold("one", "b1", 5, 100).sold("one", "b1", 6, 900);
        for (int i = 0; i < 4; i++) {
            f.sold("four", "b" + i, 5, 100);
        }
        for (int i = 0; i < 10; i++) {
            f.sold("ten", "b" + i, 5, 100);
        }
        f.sold("skew", "b1", 5, 300).sold("skew", "b2", 5, 100).sold("skew", "b3", 91, 5_000);
        NetworkPositionMeasure m = new NetworkPositionMeasure(Fixtures.defaults(), f.data());
        assertEquals(0.0, score(m, "one"), 1e-9, "a single buyer");
        assertTrue(m.score(history("one", 1)).orElseThrow().detail().startsWith("1 buyer over 90 days; the largest brings "
                + "100% of fulfilled GMV; 1.0 effective buyers"), m.score(history("one", 1)).orElseThrow().detail());
        assertEquals(100.0 / 3, score(m, "four"), 1e-9, "four equal buyers: 3 of 9 steps");
        assertEquals(100.0, score(m, "ten"), 1e-9, "ten equal buyers: full marks");
        assertEquals(100.0 * 0.6 / 9, score(m, "skew"), 1e-9, "75/25: 1.6 effective buyers");
        assertTrue(unscored(m, "idle"), "no fulfilled sales in the window");
        assertTrue(unscored(m, "b"), "buyers are not scored");
        assertEquals(75.0, score(new NetworkPositionMeasure(Fixtures.marketplace(Map.of("buyersForFullMarks", 5)),
                f.data()), "four"), 1e-9, "four buyers of five for full marks: 3 of 4 steps");
    }

    @Test
    void buyerRepeatPurchaseComparesOrdersWithTheWindowBefore() {
        f.side("b", Side.BUYER).side("quiet", Side.BUYER).side("back", Side.BUYER).side("s", Side.SELLER);
        f.sold("s", "b", 100, 10).sold("s", "b", 120, 10).sold("s", "b", 150, 10).sold("s", "b", 91, 10);
        f.sold("s", "b", 90, 10).order("s", "b", 3, 10, OrderStatus.DISPUTED);
        f.sold("s", "back", 30, 10);
        BuyerRepeatMeasure m = new BuyerRepeatMeasure(Fixtures.defaults(), f.data());
        assertEquals(50.0, score(m, "b"), 1e-9, "2 orders against 4");
        assertEquals(100.0, score(m, "back"), 1e-9, "buying where there was nothing");
        assertEquals(0.0, score(m, "quiet"), 1e-9, "no order in 180 days");
        assertTrue(unscored(m, "s"), "sellers are not scored");
    }

    @Test
    void buyerFulfilmentIsTheShareOfOrdersFulfilled() {
        f.side("b", Side.BUYER).side("none", Side.BUYER).side("s", Side.SELLER);
        f.sold("s", "b", 1, 10).sold("s", "b", 2, 10).sold("s", "b", 90, 10).order("s", "b", 4, 10, OrderStatus.CANCELLED);
        f.order("s", "b", 91, 10, OrderStatus.DISPUTED); // before the window
        BuyerFulfilmentMeasure m = new BuyerFulfilmentMeasure(Fixtures.defaults(), f.data());
        assertEquals(Dimension.SENTIMENT, m.dimension());
        assertEquals(75.0, score(m, "b"), 1e-9);
        assertTrue(unscored(m, "none"), "no order in the window");
        assertTrue(unscored(m, "s"));
    }

    @Test
    void anAccountThatLeftItsSideIsNoLongerScoredOnIt() {
        f.side("s", Side.SELLER, Fixtures.LONG_AGO, AS_OF.minusDays(1)).side("t", Side.SELLER, Fixtures.LONG_AGO, AS_OF);
        f.sold("s", "b", 5, 10).sold("t", "b", 5, 10);
        SellerDemandMeasure m = new SellerDemandMeasure(Fixtures.defaults(), f.data());
        assertTrue(unscored(m, "s"), "left yesterday");
        assertEquals(100.0, score(m, "t"), 1e-9, "leaves today: still a seller");
    }
}
