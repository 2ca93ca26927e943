package io.tenure.vertical.marketplace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The console page: both sides, the chart, the conflicts, escaped; an empty state without data. */
class PageTest {
    private static final Clock CLOCK = Clock.fixed(Fixtures.AS_OF.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);

    @Test
    void theSidesChartAndConflictsAreShownAndEscaped() {
        Fixtures f = new Fixtures();
        String evil = "<script>alert('x')</script>";
        f.side(evil, Side.SELLER).side("b&1", Side.BUYER);
        for (int i = 0; i < 3; i++) {
            f.order(evil, "b\"" + i, 10, 100, OrderStatus.DISPUTED);
        }
        f.sold(evil, "b&1", 40, 250);
        String html = new MarketplacePage(f.data(), Fixtures.defaults(), CLOCK).render(null, Map.of());
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("b&quot;0, b&quot;1, b&quot;2"), html);
        assertTrue(html.contains("<th scope=\"col\">Buyers</th><th scope=\"col\">Sellers</th>"), html);
        assertTrue(html.contains("<svg id=\"gmv-chart\""), html);
        assertTrue(html.contains("<title>2026-04: 250.00 USD</title>"), html);
        assertTrue(html.contains("id=\"marketplace-conflicts\""), html);
    }

    @Test
    void withoutDataThePageSaysWhatToDo() {
        String html = new MarketplacePage(MarketData.fixed(Market.EMPTY, List.of()), Fixtures.defaults(), CLOCK).render(null, Map.of());
        assertTrue(html.contains("class=\"empty\">No marketplace data yet"), html);
        Fixtures quiet = new Fixtures().side("s", Side.SELLER);
        String none = new MarketplacePage(quiet.data(), Fixtures.defaults(), CLOCK).render(null, Map.of());
        assertTrue(none.contains("No seller is in conflict with the buyer side."), none);
        assertTrue(none.contains("n/a"), "no ratio without a denominator");
    }
}
