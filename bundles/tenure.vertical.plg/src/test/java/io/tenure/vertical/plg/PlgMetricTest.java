package io.tenure.vertical.plg;

import static io.tenure.api.revenue.MovementSource.CS_LED;
import static io.tenure.api.revenue.MovementSource.SALES_LED;
import static io.tenure.api.revenue.MovementSource.SELF_SERVE;
import static io.tenure.api.revenue.MovementType.EXPANSION;
import static io.tenure.api.revenue.MovementType.NEW;
import static io.tenure.vertical.plg.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.testkit.MemoryDataStore;

/** The PLG metric's arithmetic on a data set worked out by hand, and the funnel page. */
class PlgMetricTest {
    private static final String STAR = UsageRollup.ALL_FEATURES;
    private final Plg plg = Fixtures.plg();
    private final MemoryDataStore store = new MemoryDataStore();

    private static LocalDate d(String monthDay) {
        return LocalDate.parse("2026-" + monthDay);
    }

    /**
     * Q2 2026 as of June 1. Trials started in the quarter before June 1: w1, w2, w3, w5, w7 (five). Activated (two core
     * features in the first 14 days): w1 only. Product-qualified during the trial (5 users): w1, w3, w5. Paid: w1 after
     * 10 days (self-serve), w2 after 30 (sales-led); median 20. Product-qualified today: w5. Expansion in USD: 300
     * self-serve of 1,000.
     */
    private void handWorkedData() throws Exception {
        store.saveAll(Account.TYPE, List.of(Fixtures.workspace("w1"), Fixtures.workspace("w2"), Fixtures.workspace("w3"),
                Fixtures.workspace("w4"), Fixtures.account("w5", "<script>alert('x')</script> & co", Vertical.PLG),
                Fixtures.workspace("w6"), Fixtures.workspace("w7"), Fixtures.account("e1", "E1", Vertical.ENTERPRISE)));
        store.saveAll(Subscription.TYPE, List.of(Fixtures.trial("w1", "w1-t", d("04-01"), null),
                Fixtures.trial("w2", "w2-t", d("04-10"), null), Fixtures.trial("w3", "w3-t", d("05-01"), null),
                Fixtures.trial("w4", "w4-t", d("03-20"), null), Fixtures.trial("w5", "w5-t", d("05-25"), null),
                Fixtures.trial("w6", "w6-t", d("06-05"), null), Fixtures.trial("e1", "e1-t", d("04-15"), null),
                new Subscription("w7", "w7-free", "Workspace", Optional.of("Free"), Optional.empty(), Money.ofMinor(0, "USD"),
                        d("04-20"), Optional.empty(), SubscriptionStatus.ACTIVE),
                Fixtures.paid("w1", "w1-sub", 1_200, 2, d("04-11")), Fixtures.paid("w2", "w2-sub", 5_000, 8, d("05-10"))));
        store.saveAll(UsageRollup.TYPE, List.of(Fixtures.use("w1", d("04-02"), "a", 3), Fixtures.use("w1", d("04-05"), "b", 6),
                Fixtures.use("w1", d("04-05"), STAR, 6), Fixtures.use("w2", d("04-11"), "a", 2),
                Fixtures.use("w2", d("04-11"), STAR, 2), Fixtures.use("w3", d("05-20"), "a", 5),
                Fixtures.use("w3", d("05-20"), "b", 5), Fixtures.use("w3", d("05-14"), STAR, 5),
                Fixtures.use("w3", d("05-20"), STAR, 9), Fixtures.use("w5", d("05-26"), "a", 7),
                Fixtures.use("w5", d("05-31"), STAR, 7), Fixtures.use("w5", d("06-01"), "b", 7),
                Fixtures.use("e1", d("04-16"), "a", 9), Fixtures.use("e1", d("04-16"), "b", 9)));
        store.saveAll(ArrMovement.TYPE, List.of(Fixtures.move("w1", "m1", d("04-11"), NEW, 1_200, SELF_SERVE),
                Fixtures.move("w2", "m2", d("05-10"), NEW, 5_000, SALES_LED), Fixtures.move("w4", "m4", d("04-02"), NEW, 900, SELF_SERVE),
                Fixtures.move("w5", "m5", d("06-01"), NEW, 900, SELF_SERVE), Fixtures.move("e1", "m6", d("04-20"), NEW, 90_000, SALES_LED),
                Fixtures.move("w1", "x1", d("05-01"), EXPANSION, 300, SELF_SERVE), Fixtures.move("w2", "x2", d("05-15"), EXPANSION, 700, CS_LED),
                Fixtures.move("w2", "x3", d("06-10"), EXPANSION, 500, SELF_SERVE), Fixtures.move("e1", "x4", d("05-01"), EXPANSION, 1_000, SELF_SERVE),
                Fixtures.move("w4", "x5", d("05-02"), EXPANSION, 100, "EUR", SELF_SERVE)));
    }

    private Map<String, Object> compute(Map<String, String> parameters) throws MetricException {
        return new PlgMetric(store, plg, Fixtures.core(plg)).compute(new MetricRequest(parameters, AS_OF)).values();
    }

    @Test
    void theFunnelAndConversionOfTheQuarterFollowTheDefinitions() throws Exception {
        handWorkedData();
        Map<String, Object> v = compute(Map.of("period", "2026-Q2"));
        assertEquals("2026-Q2", v.get("period"));
        assertEquals(5L, v.get("trialsStarted"), "w1, w2, w3, w5, w7; not w4 (March), w6 (after asOf) or e1 (enterprise)");
        assertEquals(1L, v.get("activated"), "w3 used its second feature after its 14-day window");
        assertEquals(new BigDecimal("0.2000"), v.get("activationRate"));
        assertEquals(3L, v.get("productQualified"));
        assertEquals(new BigDecimal("0.6000"), v.get("pqlRate"));
        assertEquals(2L, v.get("converted"), "w5's new movement is dated asOf itself: not yet");
        assertEquals(new BigDecimal("0.4000"), v.get("conversionRate"));
        assertEquals(1L, v.get("convertedSelfServe"));
        assertEquals(new BigDecimal("20.0"), v.get("medianDaysToConvert"), "median of 10 and 30 days");
        assertEquals(1, v.get("pqlsNow"));
        assertEquals("USD", v.get("currency"));
        assertEquals("1000.00", v.get("expansionArr"), "w1 300 + w2 700; not June 10, the enterprise account or EUR");
        assertEquals("300.00", v.get("selfServeExpansionArr"));
        assertEquals(new BigDecimal("0.3000"), v.get("selfServeExpansionShare"));
        assertEquals(v, compute(Map.of()), "the quarter holding asOf by default");
    }

    @Test
    void thePeriodParameterChoosesTheCohort() throws Exception {
        handWorkedData();
        Map<String, Object> q1 = compute(Map.of("period", "2026-Q1"));
        assertEquals(1L, q1.get("trialsStarted"), "w4 started on March 20");
        assertEquals(new BigDecimal("1.0000"), q1.get("conversionRate"));
        assertEquals(new BigDecimal("13.0"), q1.get("medianDaysToConvert"));
        assertEquals("0.00", q1.get("expansionArr"));
        assertEquals(BigDecimal.ZERO, q1.get("selfServeExpansionShare"), "no expansion: 0, not a division by zero");
        Map<String, Object> may = compute(Map.of("from", "2026-05-01", "to", "2026-05-26"));
        assertEquals(2L, may.get("trialsStarted"), "w3 and w5");
        assertFalse(may.containsKey("medianDaysToConvert"), "no conversion: no median");
        MetricException both = assertThrows(MetricException.class, () -> compute(Map.of("period", "2026-Q2", "from", "2026-04-01")));
        assertEquals("give either period or from and to, not both", both.getMessage());
        assertThrows(MetricException.class, () -> compute(Map.of("period", "2026-Q5")));
    }

    @Test
    void thePageDrawsTheFunnelAndEscapesTheWorkspaces() throws Exception {
        handWorkedData();
        String html = new FunnelPage(store, plg, Fixtures.core(plg), Fixtures.CLOCK).render(null, Map.of());
        assertTrue(html.contains("<svg id=\"plg-funnel\""), html);
        assertTrue(html.contains(">Paid</text>") && html.contains(">2 (40%)</text>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<td class=\"num\">4200.00 USD</td><td>in-product nudge</td>"), "7 users at 600: " + html);
        assertTrue(html.contains("Median days from trial start to paid: 20.0"));
    }

    @Test
    void thePageHasAnEmptyStateAndRefusesABadPeriodSafely() {
        FunnelPage page = new FunnelPage(store, plg, Fixtures.core(plg), Fixtures.CLOCK);
        String html = page.render(null, Map.of());
        assertTrue(html.contains("No trial started in 2026-Q2") && html.contains("No free or trial workspace has 5 active users"),
                html);
        assertFalse(html.contains("<svg"));
        String bad = page.render(null, Map.of("period", "<b>soon</b>"));
        assertTrue(bad.contains("period &#39;&lt;b&gt;soon&lt;/b&gt;&#39; is not a quarter") && !bad.contains("<b>"), bad);
    }
}
