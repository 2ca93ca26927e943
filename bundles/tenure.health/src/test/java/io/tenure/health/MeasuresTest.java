package io.tenure.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Segment;
import io.tenure.api.account.Seniority;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.InteractionKind;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyKind;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.TicketSeverity;
import io.tenure.api.engagement.Tone;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.health.MeasureResult;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.health.measures.Champion;
import io.tenure.health.measures.ContactRecency;
import io.tenure.health.measures.FeatureBreadth;
import io.tenure.health.measures.Nps;
import io.tenure.health.measures.SeatUtilisation;
import io.tenure.health.measures.SponsorChange;
import io.tenure.health.measures.SupportLoad;
import io.tenure.health.measures.Threads;
import io.tenure.health.measures.UsageTrend;

/** Every default measure at its boundaries; the composite with no data, and with weights changed at runtime. */
class MeasuresTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    private static final Account ACCOUNT = new Account("a", "A", Vertical.PLG, Optional.of(Segment.SMB), Optional.empty(),
            Optional.of("csm-1"), LocalDate.of(2024, 1, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty());

    private final List<Subscription> subs = new ArrayList<>();
    private final List<UsageRollup> usage = new ArrayList<>();
    private final List<SurveyResponse> surveys = new ArrayList<>();
    private final List<SupportTicket> tickets = new ArrayList<>();
    private final List<Interaction> interactions = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();

    private AccountHistory history() {
        return new AccountHistory(ACCOUNT, AS_OF, subs, usage, surveys, tickets, interactions, contacts, List.of());
    }

    private double score(HealthMeasure m) {
        return m.score(history()).map(MeasureResult::score).orElseThrow();
    }

    private void seats(long n) {
        subs.add(new Subscription("a", "s" + subs.size(), "P", Optional.empty(), Optional.of(n), Money.ofMinor(100, "USD"),
                LocalDate.of(2024, 1, 1), Optional.empty(), SubscriptionStatus.ACTIVE));
    }

    private void use(int daysAgo, String feature, long events, long users) {
        usage.add(new UsageRollup("a", AS_OF.minusDays(daysAgo), feature, events, users));
    }

    @Test
    void seatUtilisationIsFullAtEightyPercentAndEmptyWithoutSeatsOrUsage() {
        assertTrue(new SeatUtilisation().score(history()).isEmpty());
        seats(100);
        assertTrue(new SeatUtilisation().score(history()).isEmpty(), "no usage ever: no data, not zero");
        use(40, UsageRollup.ALL_FEATURES, 100, 50);
        assertEquals(0, score(new SeatUtilisation()), "usage stopped 40 days ago");
        use(3, UsageRollup.ALL_FEATURES, 100, 80);
        assertEquals(100, score(new SeatUtilisation()), 1e-9);
        use(0, UsageRollup.ALL_FEATURES, 100, 100); // dated on the as-of day: not yet known
        assertEquals(100, score(new SeatUtilisation()), 1e-9);
        usage.clear();
        use(5, UsageRollup.ALL_FEATURES, 100, 40);
        assertEquals(50, score(new SeatUtilisation()), 1e-9, "40 of 100 seats is half of the 80% target");
    }

    @Test
    void usageTrendScoresFlatAsFullAndAFortyPercentFallAsZero() {
        assertTrue(new UsageTrend().score(history()).isEmpty());
        use(40, UsageRollup.ALL_FEATURES, 1000, 10);
        use(10, UsageRollup.ALL_FEATURES, 1000, 10);
        assertEquals(100, score(new UsageTrend()), 1e-9);
        usage.set(1, new UsageRollup("a", AS_OF.minusDays(10), UsageRollup.ALL_FEATURES, 800, 10));
        assertEquals(50, score(new UsageTrend()), 1e-9, "a 20% fall");
        usage.set(1, new UsageRollup("a", AS_OF.minusDays(10), UsageRollup.ALL_FEATURES, 600, 10));
        assertEquals(0, score(new UsageTrend()), 1e-9);
    }

    @Test
    void featureBreadthCountsRecentFeaturesOfAllEverUsed() {
        use(45, "reports", 5, 1);
        use(45, "api", 5, 1);
        use(100, "exports", 5, 1);
        use(3, "reports", 5, 1);
        assertEquals(50, score(new FeatureBreadth()), 1e-9, "reports of reports and api; exports is older than 60 days");
    }

    @Test
    void npsUsesTheLatestAnswerOfTheLastYear() {
        assertTrue(new Nps().score(history()).isEmpty());
        surveys.add(new SurveyResponse("a", "1", AS_OF.minusDays(400), SurveyKind.NPS, 10, Optional.empty(), Optional.empty()));
        assertTrue(new Nps().score(history()).isEmpty(), "older than a year");
        surveys.add(new SurveyResponse("a", "2", AS_OF.minusDays(30), SurveyKind.NPS, 6, Optional.empty(), Optional.empty()));
        surveys.add(new SurveyResponse("a", "3", AS_OF.minusDays(60), SurveyKind.NPS, 9, Optional.empty(), Optional.empty()));
        assertEquals(60, score(new Nps()), 1e-9);
        assertTrue(new Nps().score(history()).orElseThrow().detail().contains("detractor"));
    }

    @Test
    void supportLoadHalvesAtAWeightOfThree() {
        tickets.add(new SupportTicket("a", "t1", Instant.parse("2026-05-01T10:00:00Z"), Optional.empty(), TicketSeverity.NORMAL,
                Optional.of(Tone.NEUTRAL), Optional.empty()));
        tickets.add(new SupportTicket("a", "t2", Instant.parse("2026-05-02T10:00:00Z"), Optional.empty(), TicketSeverity.HIGH,
                Optional.empty(), Optional.empty()));
        tickets.add(new SupportTicket("a", "t3", Instant.parse("2025-05-02T10:00:00Z"), Optional.empty(), TicketSeverity.URGENT,
                Optional.empty(), Optional.empty()));
        assertEquals(50, score(new SupportLoad()), 1e-9, "normal 1 + high 2; the urgent one is a year old");
    }

    @Test
    void toneIsTheShareOfTicketsAndConversationsThatWereNotNegative() {
        assertTrue(new io.tenure.health.measures.Tone().score(history()).isEmpty());
        tickets.add(new SupportTicket("a", "t1", Instant.parse("2026-05-01T10:00:00Z"), Optional.empty(), TicketSeverity.NORMAL,
                Optional.of(Tone.NEGATIVE), Optional.empty()));
        interactions.add(new Interaction("a", "i1", AS_OF.minusDays(5), InteractionKind.CALL, Optional.of(Tone.POSITIVE),
                Optional.empty(), true, Optional.empty()));
        interactions.add(new Interaction("a", "i2", AS_OF.minusDays(200), InteractionKind.CALL, Optional.of(Tone.NEGATIVE),
                Optional.empty(), true, Optional.empty()));
        assertEquals(50, score(new io.tenure.health.measures.Tone()), 1e-9, "one of two in the last 90 days was negative");
    }

    @Test
    void relationshipMeasuresSeeSingleThreadingChampionsAndRecency() {
        contacts.add(new Contact("a", "c1", "Ann", Optional.empty(), ContactRole.CHAMPION, Seniority.MANAGER, true,
                Optional.empty(), Optional.of(LocalDate.of(2024, 1, 1)), Optional.empty()));
        contacts.add(new Contact("a", "c2", "Bo", Optional.empty(), ContactRole.EXECUTIVE_SPONSOR, Seniority.VP, true,
                Optional.empty(), Optional.of(LocalDate.of(2024, 1, 1)), Optional.of(AS_OF.minusDays(20))));
        interactions.add(new Interaction("a", "i1", AS_OF.minusDays(10), InteractionKind.CALL, Optional.empty(), Optional.of("c1"),
                true, Optional.empty()));
        assertEquals(25, score(new Threads()), 1e-9, "single-threaded");
        assertEquals(80, score(new Champion()), 1e-9, "a manager champion");
        assertEquals(20, score(new SponsorChange()), 1e-9, "the sponsor left 20 days ago");
        assertEquals(100, score(new ContactRecency()), 1e-9);
        interactions.set(0, new Interaction("a", "i1", AS_OF.minusDays(90), InteractionKind.CALL, Optional.empty(),
                Optional.of("c1"), true, Optional.empty()));
        assertEquals(50, score(new ContactRecency()), 1e-9);
        contacts.set(0, new Contact("a", "c1", "Ann", Optional.empty(), ContactRole.CHAMPION, Seniority.MANAGER, true,
                Optional.empty(), Optional.of(LocalDate.of(2024, 1, 1)), Optional.of(AS_OF.minusDays(30))));
        assertEquals(0, score(new Champion()), 1e-9, "the champion left and nobody replaced them");
    }

    @Test
    void anAccountWithoutDataIsUnknownNotGreenAndWeightsChangeAtRuntime() {
        HealthScorer scorer = new HealthScorer(DemoBacktestTest.config(Map.of()));
        assertEquals(HealthStatus.UNKNOWN, scorer.score(history(), DemoBacktestTest.MEASURES).score().status());

        seats(10);
        use(5, UsageRollup.ALL_FEATURES, 100, 8); // usage 100
        surveys.add(new SurveyResponse("a", "1", AS_OF.minusDays(10), SurveyKind.NPS, 2, Optional.empty(), Optional.empty()));
        List<HealthMeasure> two = List.of(new SeatUtilisation(), new Nps());
        assertEquals(66, scorer.score(history(), two).score().score(), "(0.4 x 100 + 0.3 x 20) / 0.7 = 65.7");
        assertEquals(HealthStatus.YELLOW, scorer.score(history(), two).score().status());
        HealthScorer smbHeavyOnSentiment = new HealthScorer(DemoBacktestTest.config(Map.of("weightOverrides",
                new String[] { "segment:smb=0.1,0.9,0" })));
        HealthScorer.Scored s = smbHeavyOnSentiment.score(history(), two);
        assertEquals(28, s.score().score(), "(0.1 x 100 + 0.9 x 20) / 1.0");
        assertEquals(HealthStatus.RED, s.score().status());
        assertThrows(IllegalArgumentException.class, () -> HealthScorer.validate(DemoBacktestTest.config(Map.of("weightOverrides",
                new String[] { "segment smb 1 2 3" }))));
        assertThrows(IllegalArgumentException.class, () -> HealthScorer.validate(DemoBacktestTest.config(Map.of("redThreshold", 80))));
    }

    @Test
    void theBacktestFindsAPerfectSeparationWhereTheAnswerIsKnown() {
        List<double[]> perfect = List.of(new double[] { 10, 1 }, new double[] { 20, 1 }, new double[] { 80, 0 }, new double[] { 90, 0 });
        assertEquals(0, new java.math.BigDecimal("1.0000").compareTo(Backtest.auc(perfect)));
        List<double[]> inverted = List.of(new double[] { 90, 1 }, new double[] { 10, 0 });
        assertEquals(0, new java.math.BigDecimal("0.0000").compareTo(Backtest.auc(inverted)));
        List<double[]> ties = List.of(new double[] { 50, 1 }, new double[] { 50, 0 });
        assertEquals(0, new java.math.BigDecimal("0.5000").compareTo(Backtest.auc(ties)));
    }
}
