package io.tenure.vertical.plg;

import static io.tenure.vertical.plg.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.MeasureResult;

/** The activation depth and team spread measures at their thresholds. */
class PlgMeasuresTest {
    private final Plg plg = Fixtures.plg();
    private final ActivationDepthMeasure depth = new ActivationDepthMeasure(plg, Fixtures.core(plg));
    private final TeamSpreadMeasure spread = new TeamSpreadMeasure(plg);

    private MeasureResult depth(Fixtures.Book b) {
        return depth.score(b.history()).orElseThrow();
    }

    @Test
    void activationDepthIsSeventyAtTheThresholdAndHundredWithEveryCoreFeature() {
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).use(5, "a", 1).use(2, "other", 3);
        assertEquals(35.0, depth(b).score(), 1e-9, "one of the two core features for activation");
        assertTrue(depth(b).detail().contains("not activated (needs 2)") && depth(b).detail().contains("unused: b, c"),
                depth(b).detail());
        b.use(30, "b", 1);
        assertEquals(70.0, depth(b).score(), 1e-9, "two: activated; 30 days ago is inside the look-back");
        assertTrue(depth(b).detail().startsWith("2 of 3 core features used in the last 30 days; activated"), depth(b).detail());
        b.use(31, "c", 1).use(0, "c", 1);
        assertEquals(70.0, depth(b).score(), 1e-9, "31 days ago is outside the look-back and today is not scored yet");
        b.use(1, "c", 1);
        assertEquals(100.0, depth(b).score(), 1e-9);
    }

    @Test
    void activationDepthNeedsAPlgWorkspaceWithUsageAndIgnoresEventlessRows() {
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w"));
        assertTrue(depth.score(b.history()).isEmpty(), "no usage at all: no data");
        b.usage.add(new UsageRollup("w", AS_OF.minusDays(1), "a", 0, 0));
        assertEquals(0.0, depth(b).score(), 1e-9, "a row without events is not use");
        Fixtures.Book enterprise = new Fixtures.Book(Fixtures.account("e", "E", Vertical.ENTERPRISE)).use(1, "a", 1);
        assertTrue(depth.score(enterprise.history()).isEmpty(), "PLG workspaces only");
    }

    @Test
    void activationDepthScoreAcrossDepthsAndCoreSizes() {
        assertEquals(100.0, ActivationDepthMeasure.score(3, 3, 3), 1e-9, "every core feature needed and used");
        assertEquals(70.0 * 2 / 3, ActivationDepthMeasure.score(2, 3, 5), 1e-9);
        assertEquals(85.0, ActivationDepthMeasure.score(4, 3, 5), 1e-9);
        ActivationDepthMeasure strict = new ActivationDepthMeasure(Fixtures.plg(Map.of("coreFeatures", "a,b,c",
                "activationDepth", 3)), Fixtures.core(Fixtures.plg(Map.of("coreFeatures", "a,b,c", "activationDepth", 3))));
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).use(1, "a", 1).use(1, "b", 1);
        assertEquals(70.0 * 2 / 3, strict.score(b.history()).orElseThrow().score(), 1e-9, "the depth is a setting");
    }

    @Test
    void teamSpreadReachesHundredAtTheTarget() {
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).use(3, UsageRollup.ALL_FEATURES, 4)
                .use(31, UsageRollup.ALL_FEATURES, 50);
        assertEquals(80.0, spread.score(b.history()).orElseThrow().score(), 1e-9, "4 of 5; the 50 users were 31 days ago");
        assertEquals("4 active users at the peak of the last 30 days against a team of 5",
                spread.score(b.history()).orElseThrow().detail());
        b.use(10, UsageRollup.ALL_FEATURES, 5);
        assertEquals(100.0, spread.score(b.history()).orElseThrow().score(), 1e-9, "at the target");
        b.use(11, UsageRollup.ALL_FEATURES, 6);
        assertEquals(100.0, spread.score(b.history()).orElseThrow().score(), 1e-9, "above the target");
        assertTrue(spread.score(new Fixtures.Book(Fixtures.account("e", "E", Vertical.ENTERPRISE))
                .use(1, UsageRollup.ALL_FEATURES, 3).history()).isEmpty());
    }
}
