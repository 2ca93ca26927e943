package io.tenure.vertical.plg;

import static io.tenure.vertical.plg.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;

/** The nudge, product-qualified and seat-limit triggers at their thresholds, routed by value, once per episode. */
class PlgTriggersTest {
    private static final String STAR = UsageRollup.ALL_FEATURES;
    private final Plg plg = Fixtures.plg();

    private static List<Signal> fire(PlaybookTrigger t, PlaybookContext c) {
        return t.evaluate(c);
    }

    @Test
    void aStalledTrialIsNudgedFromDaySevenOncePerTrial() {
        ActivationNudgeTrigger t = new ActivationNudgeTrigger(plg, Fixtures.core(plg));
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).sub(Fixtures.trial("w", "w-trial", AS_OF.minusDays(6), null))
                .use(3, "a", 1);
        assertEquals(List.of(), fire(t, b.context()), "day 6: not yet");
        List<Signal> day7 = fire(t, b.context(AS_OF.plusDays(1)));
        assertEquals(1, day7.size(), "day 7");
        assertEquals("In-product nudge: guide the workspace to b", day7.get(0).title());
        assertEquals(Duration.ofHours(24), day7.get(0).sla());
        assertTrue(day7.get(0).expansionArr().isEmpty(), "a nudge never goes to sales");
        assertEquals(Optional.of("in-product"), day7.get(0).owner(), "sent by the product, owned by its automation");
        assertEquals(day7.get(0).episode(), fire(t, b.context(AS_OF.plusDays(2))).get(0).episode(),
                "day 8 is the same episode: the engine does not create a second task");
        b.use(2, "b", 1);
        assertEquals(List.of(), fire(t, b.context(AS_OF.plusDays(1))), "activated: two core features");
        assertEquals(Plg.NUDGE_PLAYBOOK, t.playbook());
    }

    @Test
    void noNudgeOnceTheWorkspacePaysOrTheTrialEnded() {
        ActivationNudgeTrigger t = new ActivationNudgeTrigger(plg, Fixtures.core(plg));
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).sub(Fixtures.trial("w", "w-trial", AS_OF.minusDays(14), null));
        assertEquals(List.of(), fire(t, b.context()), "the trial ended yesterday (day 14 is the day after its last)");
        assertEquals(1, fire(t, b.context(AS_OF.minusDays(1))).size(), "on its last day it was still stalled");
        b.sub(Fixtures.paid("w", "w-sub", 3_000, 5, AS_OF.minusDays(2)));
        assertEquals(List.of(), fire(t, b.context(AS_OF.minusDays(1))), "converted: paying since two days ago");
    }

    @Test
    void aProductQualifiedTrialGetsANudgeBelowTheValueThresholdAndAPersonAtIt() {
        PqlNudgeTrigger nudge = new PqlNudgeTrigger(plg);
        PqlHumanTouchTrigger human = new PqlHumanTouchTrigger(plg);
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).sub(Fixtures.trial("w", "w-trial", AS_OF.minusDays(3), null))
                .use(1, STAR, 4);
        assertEquals(List.of(), fire(nudge, b.context()), "4 active users: not product-qualified");
        assertEquals(List.of(), fire(human, b.context()));
        b.use(2, STAR, 5);
        List<Signal> n = fire(nudge, b.context());
        assertEquals(1, n.size(), "5 active users, worth 3,000 a year: below 10,000");
        assertEquals("In-product nudge: offer the paid plan", n.get(0).title());
        assertEquals(Optional.of("in-product"), n.get(0).owner());
        assertEquals(List.of(), fire(human, b.context()));
        b.use(1, STAR, 17);
        List<Signal> h = fire(human, b.context());
        assertEquals(Optional.of(Money.ofMinor(1_020_000, "USD")), h.get(0).expansionArr(), "17 users at 600 = 10,200");
        assertEquals(Duration.ofDays(2), h.get(0).sla());
        assertEquals(Optional.empty(), h.get(0).owner(), "a person: the CSM, or sales above the hand-off threshold");
        assertEquals(List.of(), fire(nudge, b.context()), "one side only");
        assertEquals(h.get(0).episode(), fire(human, b.context(AS_OF.plusDays(1))).get(0).episode(), "same trial, same episode");
    }

    @Test
    void theHumanTouchStartsExactlyAtTheThreshold() {
        Plg exact = Fixtures.plg(Map.of("coreFeatures", "a,b,c", "userPriceArr", 2_000L));
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).sub(Fixtures.trial("w", "w-trial", AS_OF.minusDays(3), null))
                .use(1, STAR, 5);
        assertEquals(1, fire(new PqlHumanTouchTrigger(exact), b.context()).size(), "5 users at 2,000 = 10,000: at the threshold");
        assertEquals(List.of(), fire(new PqlNudgeTrigger(exact), b.context()));
    }

    @Test
    void aTrialNearItsSeatLimitIsProductQualified() {
        Plg seats = Fixtures.plg(Map.of("coreFeatures", "a,b,c", "pqlActiveUsers", 10));
        PqlNudgeTrigger nudge = new PqlNudgeTrigger(seats);
        Fixtures.Book b = new Fixtures.Book(Fixtures.workspace("w")).sub(Fixtures.trial("w", "w-trial", AS_OF.minusDays(3), 5L))
                .use(1, STAR, 3);
        assertEquals(List.of(), fire(nudge, b.context()), "3 of 5 seats: 60%");
        b.use(2, STAR, 4);
        assertEquals(1, fire(nudge, b.context()).size(), "4 of 5 seats: 80%");
        Fixtures.Book paying = new Fixtures.Book(Fixtures.workspace("p")).sub(Fixtures.trial("p", "p-trial", AS_OF.minusDays(3), 5L))
                .sub(Fixtures.paid("p", "p-sub", 1_000, 5, AS_OF.minusDays(1))).use(1, STAR, 50);
        assertEquals(List.of(), fire(nudge, paying.context()), "a paying workspace is no lead");
    }

    @Test
    void aWorkspaceAtItsSeatLimitBelowTheThresholdIsOfferedSeatsInTheProduct() {
        SelfServeUpgradeTrigger self = new SelfServeUpgradeTrigger(plg);
        Fixtures.Book small = new Fixtures.Book(Fixtures.workspace("s")).sub(Fixtures.paid("s", "s-sub", 9_999, 10,
                AS_OF.minusYears(1))).use(2, STAR, 7).use(15, STAR, 10);
        assertEquals(List.of(), fire(self, small.context()), "7 of 10 seats; the 10 users were 15 days ago");
        small.use(1, STAR, 8);
        List<Signal> s = fire(self, small.context());
        assertEquals("seats@10", s.get(0).episode(), "8 of 10 seats: 80%");
        assertEquals(Duration.ofHours(24), s.get(0).sla());
        assertTrue(s.get(0).expansionArr().isEmpty(), "a nudge is never handed to sales");
        assertEquals(Optional.of("in-product"), s.get(0).owner());
        assertEquals(Plg.NUDGE_PLAYBOOK, self.playbook());
        assertEquals(s, fire(self, small.context(AS_OF.plusDays(3))), "still the same episode three days later");
        small.sub(Fixtures.paid("s", "s-more", 0, 10, AS_OF.minusDays(5)));
        assertEquals(List.of(), fire(self, small.context()), "8 of 20 seats");
        small.use(3, STAR, 16);
        assertNotEquals(s.get(0).episode(), fire(self, small.context()).get(0).episode(), "a new licence size, a new episode");
        Fixtures.Book big = new Fixtures.Book(Fixtures.workspace("b")).sub(Fixtures.paid("b", "b-sub", 10_000, 10,
                AS_OF.minusYears(1))).use(1, STAR, 12);
        assertEquals(List.of(), fire(self, big.context()), "ARR 10,000: the core expansion_seats trigger's CSM conversation");
    }

}
