package io.tenure.playbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
import io.tenure.api.account.StageChange;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.InteractionKind;
import io.tenure.api.engagement.SurveyKind;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthScore;
import io.tenure.api.health.HealthStatus;
import io.tenure.api.journey.Milestone;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.revenue.ChurnType;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;
import io.tenure.playbooks.triggers.DefaultTriggers;
import io.tenure.playbooks.triggers.UsageDecline;

/** Every default trigger fires exactly at its threshold and not just short of it. */
class TriggersTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    private JourneyStage stage = JourneyStage.ADOPTION;
    private LocalDate signed = LocalDate.of(2024, 1, 1);
    private final List<Subscription> subs = new ArrayList<>();
    private final List<UsageRollup> usage = new ArrayList<>();
    private final List<SurveyResponse> surveys = new ArrayList<>();
    private final List<Interaction> interactions = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();
    private final List<Milestone> milestones = new ArrayList<>();
    private final List<ArrMovement> movements = new ArrayList<>();
    private final List<StageChange> changes = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final List<ChurnRecord> records = new ArrayList<>();
    private Optional<HealthScore> health = Optional.empty();

    private PlaybookContext context() {
        Account account = new Account("a", "A", Vertical.PLG, Optional.of(Segment.SMB), Optional.empty(), Optional.of("csm-1"),
                signed, stage, Optional.empty(), Optional.empty());
        AccountHistory h = new AccountHistory(account, AS_OF, subs, usage, surveys, List.of(), interactions, contacts, milestones);
        return new PlaybookContext(h, movements, changes, tasks, health, records);
    }

    private static PlaybookTrigger trigger(String name) {
        return DefaultTriggers.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private List<Signal> fire(String name) {
        return trigger(name).evaluate(context());
    }

    private boolean fires(String name) {
        return !fire(name).isEmpty();
    }

    private void use(int daysAgo, String feature, long events, long users) {
        usage.add(new UsageRollup("a", AS_OF.minusDays(daysAgo), feature, events, users));
    }

    private void seats(long seats, long arr) {
        subs.add(new Subscription("a", "s" + subs.size(), "core", Optional.of("starter"), Optional.of(seats), usd(arr),
                LocalDate.of(2025, 1, 1), Optional.of(LocalDate.of(2027, 1, 1)), SubscriptionStatus.ACTIVE));
    }

    private static Money usd(long major) {
        return Money.ofMinor(major * 100, "USD");
    }

    private static Contact contact(String id, ContactRole role, Seniority seniority, LocalDate joined, LocalDate left) {
        return new Contact("a", id, id, Optional.empty(), role, seniority, true, Optional.empty(), Optional.ofNullable(joined),
                Optional.ofNullable(left));
    }

    private void nps(int daysAgo, int score) {
        surveys.add(new SurveyResponse("a", "r" + surveys.size(), AS_OF.minusDays(daysAgo), SurveyKind.NPS, score, Optional.empty(),
                Optional.empty()));
    }

    @Test
    void usageDeclineFiresAtATwentyPercentFall() {
        use(45, "*", 1000, 10);
        use(10, "*", 801, 10);
        assertTrue(!fires("usage_decline"), "19.9% is not enough");
        usage.set(1, new UsageRollup("a", AS_OF.minusDays(10), "*", 800, 10));
        Signal s = fire("usage_decline").get(0);
        assertEquals(Duration.ofHours(48), s.sla());
        assertEquals("2026-06", s.episode(), "one episode a month");
    }

    @Test
    void championLeftFiresForThirtyDaysAfterTheDeparture() {
        contacts.add(contact("c1", ContactRole.CHAMPION, Seniority.MANAGER, null, AS_OF.minusDays(31)));
        contacts.add(contact("u1", ContactRole.USER, Seniority.INDIVIDUAL, null, AS_OF.minusDays(3)));
        assertTrue(!fires("champion_left"), "31 days ago, and a user leaving, do not fire");
        contacts.set(0, contact("c1", ContactRole.CHAMPION, Seniority.MANAGER, null, AS_OF.minusDays(30)));
        assertEquals(Duration.ofDays(14), fire("champion_left").get(0).sla());
    }

    @Test
    void npsDetractorFiresAtSixNotSeven() {
        nps(3, 7);
        assertTrue(!fires("nps_detractor"));
        nps(2, 6);
        assertEquals(1, fire("nps_detractor").size());
    }

    @Test
    void onboardingStallFiresAfterTenDaysWithoutAMilestone() {
        stage = JourneyStage.ONBOARDING;
        milestones.add(new Milestone("a", "m1", "Kick-off", Optional.empty(), Optional.of(AS_OF.minusDays(9)), false));
        milestones.add(new Milestone("a", "m2", "First report", Optional.empty(), Optional.empty(), true));
        assertTrue(!fires("onboarding_stall"), "9 days");
        milestones.set(0, new Milestone("a", "m1", "Kick-off", Optional.empty(), Optional.of(AS_OF.minusDays(10)), false));
        assertEquals("stall@" + AS_OF.minusDays(10), fire("onboarding_stall").get(0).episode());
        stage = JourneyStage.ADOPTION;
        assertTrue(!fires("onboarding_stall"), "only while onboarding");
    }

    @Test
    void onboardingDriftFiresPastThePlannedDurationOfTheSegment() {
        stage = JourneyStage.ONBOARDING;
        signed = AS_OF.minusDays(42); // SMB plan: 42 days
        assertTrue(!fires("onboarding_drift"));
        signed = AS_OF.minusDays(43);
        assertEquals(1, fire("onboarding_drift").size());
        signed = AS_OF.minusDays(5);
        milestones.add(new Milestone("a", "m1", "SSO", Optional.of(AS_OF.minusDays(1)), Optional.empty(), false));
        assertTrue(fire("onboarding_drift").get(0).evidence().contains("SSO"), "a milestone past its planned date");
    }

    @Test
    void prematureCompletionFiresWhenOnboardingClosedBeforeFirstValue() {
        changes.add(new StageChange("a", "sc1", AS_OF.minusDays(5), Optional.of(JourneyStage.ONBOARDING), JourneyStage.ADOPTION,
                Optional.empty()));
        milestones.add(new Milestone("a", "fv", "First report", Optional.empty(), Optional.of(AS_OF.minusDays(5)), true));
        assertTrue(!fires("premature_completion"), "value reached the day onboarding closed");
        milestones.set(0, new Milestone("a", "fv", "First report", Optional.empty(), Optional.of(AS_OF.minusDays(4)), true));
        assertEquals("sc1", fire("premature_completion").get(0).episode());
    }

    @Test
    void usagePlateauFiresWithinFivePercentAndNoNewFeature() {
        use(45, "*", 1000, 10);
        use(45, "reports", 1000, 10);
        use(10, "*", 1051, 10);
        use(10, "reports", 1051, 10);
        assertTrue(!fires("usage_plateau"), "5.1% is growth");
        usage.set(2, new UsageRollup("a", AS_OF.minusDays(10), "*", 1050, 10));
        assertEquals(1, fire("usage_plateau").size());
        use(9, "exports", 5, 1);
        assertTrue(!fires("usage_plateau"), "a new feature is not a plateau");
    }

    @Test
    void singleThreadedFiresAtTwoConversationsWithOneContact() {
        interactions.add(new Interaction("a", "i1", AS_OF.minusDays(10), InteractionKind.CALL, Optional.empty(), Optional.of("c1"),
                true, Optional.empty()));
        assertTrue(!fires("single_threaded"), "one conversation is too few to judge");
        interactions.add(new Interaction("a", "i2", AS_OF.minusDays(90), InteractionKind.MEETING, Optional.empty(),
                Optional.of("c1"), true, Optional.empty()));
        assertEquals(1, fire("single_threaded").size());
        interactions.add(new Interaction("a", "i3", AS_OF.minusDays(20), InteractionKind.CALL, Optional.empty(), Optional.of("c2"),
                true, Optional.empty()));
        assertTrue(!fires("single_threaded"), "two threads");
    }

    @Test
    void newDecisionMakerFiresForThirtyDaysAfterAnExecutiveJoins() {
        contacts.add(contact("e1", ContactRole.USER, Seniority.VP, AS_OF.minusDays(31), null));
        contacts.add(contact("u1", ContactRole.USER, Seniority.INDIVIDUAL, AS_OF.minusDays(3), null));
        assertTrue(!fires("new_decision_maker"));
        contacts.set(0, contact("e1", ContactRole.USER, Seniority.VP, AS_OF.minusDays(30), null));
        assertEquals(1, fire("new_decision_maker").size());
    }

    @Test
    void seatsSignalFiresAtEightyPercentInUseWithTheHeadroomAsItsValue() {
        seats(100, 100_000);
        use(3, "*", 500, 79);
        assertTrue(!fires("expansion_seats"));
        use(2, "*", 500, 80);
        Signal s = fire("expansion_seats").get(0);
        assertEquals(Optional.of(usd(20_000)), s.expansionArr(), "20% headroom of 100 seats at 1,000 a seat");
        use(1, "*", 500, 130);
        assertEquals(Optional.of(usd(30_000)), fire("expansion_seats").get(0).expansionArr(), "30 users over the licence");
    }

    @Test
    void limitSignalFiresAtEightyPercentOfThePlansAllowance() {
        seats(10, 12_000); // plan starter: 100,000 events per 30 days
        use(5, "*", 79_999, 5);
        assertTrue(!fires("expansion_limits"));
        use(4, "*", 1, 5);
        assertEquals(Optional.of(usd(6_000)), fire("expansion_limits").get(0).expansionArr(), "half the plan's ARR");
    }

    @Test
    void newUseCaseFiresAtTwoNewFeatures() {
        seats(10, 10_000);
        use(40, "reports", 10, 1);
        use(5, "reports", 10, 1);
        use(5, "exports", 10, 1);
        assertTrue(!fires("expansion_new_use_case"));
        use(4, "alerts", 10, 1);
        assertEquals(Optional.of(usd(2_000)), fire("expansion_new_use_case").get(0).expansionArr());
    }

    @Test
    void strategicNewsFiresOnAKeywordInARecentSummary() {
        interactions.add(new Interaction("a", "i1", AS_OF.minusDays(3), InteractionKind.CALL, Optional.empty(), Optional.empty(),
                true, Optional.of("Quarterly check-in, all calm")));
        assertTrue(!fires("expansion_strategic_news"));
        interactions.add(new Interaction("a", "i2", AS_OF.minusDays(2), InteractionKind.NOTE, Optional.empty(), Optional.empty(),
                false, Optional.of("They RAISED a Series B")));
        assertEquals("i2", fire("expansion_strategic_news").get(0).episode());
    }

    @Test
    void referralAskFollowsAWinButNeverNearARenewalOrDuringAnEscalation() {
        nps(3, 8);
        assertTrue(!fires("referral_ask"), "8 is not a promoter");
        nps(2, 9);
        assertEquals(1, fire("referral_ask").size());
        tasks.add(new Task("a", "t1", "escalation", "Overdue", "lead", Instant.parse("2026-05-30T00:00:00Z"),
                Instant.parse("2026-05-31T00:00:00Z"), TaskStatus.OPEN, Optional.empty(), Optional.empty()));
        assertTrue(!fires("referral_ask"), "an open escalation");
        tasks.clear();
        subs.add(new Subscription("a", "s1", "core", Optional.empty(), Optional.empty(), usd(10_000), LocalDate.of(2025, 1, 1),
                Optional.of(AS_OF.plusDays(90)), SubscriptionStatus.ACTIVE));
        assertTrue(!fires("referral_ask"), "renewal in 90 days");
        subs.set(0, new Subscription("a", "s1", "core", Optional.empty(), Optional.empty(), usd(10_000), LocalDate.of(2025, 1, 1),
                Optional.of(AS_OF.plusDays(91)), SubscriptionStatus.ACTIVE));
        assertEquals(1, fire("referral_ask").size());
    }

    @Test
    void renewalRiskFiresNinetyDaysOutUnlessGreenAndFasterWhenRed() {
        subs.add(new Subscription("a", "s1", "core", Optional.empty(), Optional.empty(), usd(50_000), LocalDate.of(2025, 1, 1),
                Optional.of(AS_OF.plusDays(91)), SubscriptionStatus.ACTIVE));
        health = Optional.of(score(HealthStatus.YELLOW));
        assertTrue(!fires("renewal_risk"), "91 days out");
        subs.set(0, new Subscription("a", "s1", "core", Optional.empty(), Optional.empty(), usd(50_000), LocalDate.of(2025, 1, 1),
                Optional.of(AS_OF.plusDays(90)), SubscriptionStatus.ACTIVE));
        assertEquals(Duration.ofDays(7), fire("renewal_risk").get(0).sla());
        health = Optional.of(score(HealthStatus.RED));
        assertEquals(Duration.ofDays(2), fire("renewal_risk").get(0).sla());
        health = Optional.empty();
        assertTrue(fire("renewal_risk").get(0).evidence().startsWith("never scored"), "unknown health is not green");
        health = Optional.of(score(HealthStatus.GREEN));
        assertTrue(!fires("renewal_risk"));
    }

    private static HealthScore score(HealthStatus status) {
        return new HealthScore("a", AS_OF.minusDays(1), status == HealthStatus.GREEN ? 80 : status == HealthStatus.RED ? 20 : 55,
                status, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void postmortemIsAskedForUntilTheRecordHasARootCause() {
        ArrMovement churn = new ArrMovement("a", "m1", AS_OF.minusDays(10), MovementType.CHURN, Optional.of(MovementKind.VOLUNTARY),
                usd(30_000), MovementSource.CS_LED, Optional.empty());
        movements.add(churn);
        records.addAll(Postmortems.drafts(movements, Map.of()));
        assertEquals(List.of(), Postmortems.drafts(movements, Map.of("a", List.of(new ChurnRecord("a", "imported", churn.date().plusDays(7),
                ChurnType.VOLUNTARY, usd(30_000), Optional.empty(), List.of())))), "an imported record of the same churn a week later");
        assertEquals(ChurnType.VOLUNTARY, records.get(0).type());
        assertEquals("pm-m1", fire("churn_postmortem").get(0).episode());
        records.set(0, new ChurnRecord("a", "pm-m1", churn.date(), ChurnType.VOLUNTARY, usd(30_000), Optional.of("no owner"),
                List.of("reporting")));
        assertTrue(!fires("churn_postmortem"));
    }

    @Test
    void reEngagementFiresTwelveToEighteenMonthsAfterChurn() {
        stage = JourneyStage.CHURNED;
        movements.add(new ArrMovement("a", "m1", AS_OF.minusMonths(12).plusDays(1), MovementType.CHURN,
                Optional.of(MovementKind.VOLUNTARY), usd(30_000), MovementSource.CS_LED, Optional.empty()));
        assertTrue(!fires("re_engagement"), "not yet 12 months");
        movements.set(0, new ArrMovement("a", "m1", AS_OF.minusMonths(12), MovementType.CHURN, Optional.of(MovementKind.VOLUNTARY),
                usd(30_000), MovementSource.CS_LED, Optional.empty()));
        assertEquals(1, fire("re_engagement").size());
        movements.set(0, new ArrMovement("a", "m1", AS_OF.minusMonths(18).minusDays(1), MovementType.CHURN,
                Optional.of(MovementKind.VOLUNTARY), usd(30_000), MovementSource.CS_LED, Optional.empty()));
        assertTrue(!fires("re_engagement"), "past 18 months");
    }

    @Test
    void theSlaFollowsTheSettings() {
        use(45, "*", 1000, 10);
        use(10, "*", 700, 10);
        PlaybookTrigger twelveHours = new UsageDecline(Settings.of(UsageDecline.Config.class, Map.of("slaHours", 12, "dropPercent", 30)));
        assertEquals(Duration.ofHours(12), twelveHours.evaluate(context()).get(0).sla());
        PlaybookTrigger strict = new UsageDecline(Settings.of(UsageDecline.Config.class, Map.of("dropPercent", 31)));
        assertEquals(List.of(), strict.evaluate(context()), "a 30% fall is below a 31% threshold");
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UsageDecline(Settings.of(UsageDecline.Config.class, Map.of("dropPercent", 0))));
        assertEquals("io.tenure.playbooks.usage_decline dropPercent 0 is not between 1 and 99", e.getMessage());
    }

    @Test
    void everyDefaultTriggerOfTheDomainIsThereOnce() {
        assertEquals(17, DefaultTriggers.all().stream().map(PlaybookTrigger::name).distinct().count());
        assertTrue(DefaultTriggers.all().stream().allMatch(t -> !t.description().isBlank() && t.steps().size() >= 3));
        assertEquals(AS_OF, context().asOf());
    }
}
