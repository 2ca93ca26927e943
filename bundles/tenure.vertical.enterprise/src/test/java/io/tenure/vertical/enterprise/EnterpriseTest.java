package io.tenure.vertical.enterprise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Seniority;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.InteractionKind;
import io.tenure.api.health.AccountHistories;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;

/** The enterprise vertical's measures and triggers at their thresholds, its metric, and its settings checks. */
class EnterpriseTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    private Vertical vertical = Vertical.ENTERPRISE;
    private final List<Contact> contacts = new ArrayList<>();
    private final List<Interaction> interactions = new ArrayList<>();
    private final List<Subscription> subs = new ArrayList<>();

    static Enterprise enterprise(Map<String, Object> overrides) {
        return new Enterprise((Enterprise.Config) Proxy.newProxyInstance(Enterprise.Config.class.getClassLoader(),
                new Class<?>[] { Enterprise.Config.class }, (p, m, a) -> m.getName().equals("annotationType") ? Enterprise.Config.class
                        : overrides.getOrDefault(m.getName(), m.getDefaultValue())));
    }

    private AccountHistory history(String id) {
        Account account = new Account(id, id.toUpperCase(), vertical, Optional.empty(), Optional.empty(), Optional.of("ana"),
                LocalDate.of(2024, 1, 1), JourneyStage.ADOPTION, Optional.empty(), Optional.empty());
        return new AccountHistory(account, AS_OF, subs, List.of(), List.of(), List.of(), interactions, contacts, List.of());
    }

    private void talk(String contact, int daysAgo, InteractionKind kind) {
        interactions.add(new Interaction("a", "i" + interactions.size(), AS_OF.minusDays(daysAgo), kind, Optional.empty(),
                Optional.of(contact), true, Optional.empty()));
    }

    private void contact(String id, ContactRole role, Seniority seniority, boolean engaged) {
        contacts.add(new Contact("a", id, id, Optional.empty(), role, seniority, engaged, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    private void arr(long major) {
        subs.add(new Subscription("a", "s" + subs.size(), "core", Optional.empty(), Optional.empty(), Money.ofMinor(major * 100, "USD"),
                LocalDate.of(2025, 1, 1), Optional.of(LocalDate.of(2027, 1, 1)), SubscriptionStatus.ACTIVE));
    }

    @Test
    void multiThreadingScoresFromOneThreadToFour() {
        MultiThreadingMeasure m = new MultiThreadingMeasure(enterprise(Map.of()));
        talk("c1", 10, InteractionKind.CALL);
        assertEquals(0.0, m.score(history("a")).orElseThrow().score(), 1e-9, "one thread");
        talk("c2", 20, InteractionKind.CALL);
        talk("c3", 90, InteractionKind.MEETING);
        assertEquals(200.0 / 3, m.score(history("a")).orElseThrow().score(), 1e-9, "three of four");
        talk("c4", 91, InteractionKind.MEETING);
        assertEquals(200.0 / 3, m.score(history("a")).orElseThrow().score(), 1e-9, "91 days ago is outside the look-back");
        talk("c4", 5, InteractionKind.QBR);
        assertEquals(100.0, m.score(history("a")).orElseThrow().score(), 1e-9);
        vertical = Vertical.PLG;
        assertTrue(m.score(history("a")).isEmpty(), "only enterprise accounts");
    }

    @Test
    void sponsorSeniorityFollowsTheMostSeniorEngagedContact() {
        SponsorSeniorityMeasure m = new SponsorSeniorityMeasure();
        contact("u", ContactRole.USER, Seniority.INDIVIDUAL, true);
        contact("x", ContactRole.EXECUTIVE_SPONSOR, Seniority.C_LEVEL, false);
        assertEquals(0.0, m.score(history("a")).orElseThrow().score(), 1e-9, "the CEO is not engaged");
        contact("v", ContactRole.EXECUTIVE_SPONSOR, Seniority.VP, true);
        assertEquals(80.0, m.score(history("a")).orElseThrow().score(), 1e-9);
        assertTrue(m.score(history("a")).orElseThrow().detail().contains("an engaged executive sponsor"));
    }

    @Test
    void aQbrIsDueAfterNinetyDaysWithItsAgenda() {
        QbrCadenceTrigger t = new QbrCadenceTrigger(enterprise(Map.of()));
        arr(100_000);
        talk("c1", 90, InteractionKind.QBR);
        assertEquals(List.of(), t.evaluate(PlaybookContext.of(history("a"))), "a QBR 90 days ago is on cadence");
        interactions.clear();
        talk("c1", 91, InteractionKind.QBR);
        var signal = t.evaluate(PlaybookContext.of(history("a"))).get(0);
        assertEquals(Duration.ofDays(21), signal.sla());
        assertEquals(5, t.steps().size(), "the agenda");
        subs.clear();
        assertEquals(List.of(), t.evaluate(PlaybookContext.of(history("a"))), "not for accounts without a contract");
    }

    @Test
    void topAccountsWithoutAnEngagedSponsorGetOne() {
        ExecutiveSponsorTrigger t = new ExecutiveSponsorTrigger(enterprise(Map.of()));
        arr(249_999);
        assertEquals(List.of(), t.evaluate(PlaybookContext.of(history("a"))), "below the top-account threshold");
        subs.clear();
        arr(250_000);
        assertEquals(1, t.evaluate(PlaybookContext.of(history("a"))).size());
        contact("v", ContactRole.EXECUTIVE_SPONSOR, Seniority.VP, true);
        assertEquals(List.of(), t.evaluate(PlaybookContext.of(history("a"))));
    }

    @Test
    void theAccountExecutiveStaysInvolvedForNinetyDaysAfterSignature() {
        AeInvolvementTrigger t = new AeInvolvementTrigger(enterprise(Map.of()));
        java.util.function.Function<LocalDate, PlaybookContext> signedOn = day -> new PlaybookContext(
                new AccountHistory(new Account("a", "A", vertical, Optional.empty(), Optional.empty(), Optional.of("ana"), day,
                        JourneyStage.ONBOARDING, Optional.empty(), Optional.empty()), AS_OF, List.of(), List.of(), List.of(),
                        List.of(), List.of(), List.of(), List.of()), List.of(), List.of(), List.of(), Optional.empty(), List.of(),
                List.of(new io.tenure.api.journey.Handoff("a", "h1", io.tenure.api.journey.HandoffKind.SALES_TO_CS, day,
                        Optional.of("sam"), Optional.of("ana"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty())));
        assertTrue(t.evaluate(signedOn.apply(AS_OF.minusDays(89))).get(0).title().startsWith("Keep sam"));
        assertEquals(List.of(), t.evaluate(signedOn.apply(AS_OF.minusDays(90))), "day 90: the AE's part is over");
    }

    @Test
    void theMetricSharesSponsorsThreadsAndQbrsByAccountsAndArr() {
        arr(300_000);
        contact("v", ContactRole.EXECUTIVE_SPONSOR, Seniority.VP, true);
        talk("v", 10, InteractionKind.QBR);
        talk("c2", 12, InteractionKind.CALL);
        Map<String, AccountHistory> all = new LinkedHashMap<>();
        all.put("big", history("big"));
        contacts.clear();
        interactions.clear();
        subs.clear();
        arr(100_000);
        all.put("small", history("small"));
        AccountHistories histories = new AccountHistories() {
            public Map<String, AccountHistory> all(LocalDate asOf, LocalDate earliest) {
                return all;
            }

            public Optional<AccountHistory> of(String accountId, LocalDate asOf) {
                return Optional.ofNullable(all.get(accountId));
            }
        };
        Map<String, Object> v = new EnterpriseMetric(histories, enterprise(Map.of())).compute(new MetricRequest(Map.of(), AS_OF))
                .values();
        assertEquals(2, v.get("accounts"));
        assertEquals("400000.00", v.get("arr"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sponsor = (Map<String, Object>) v.get("withSponsor");
        assertEquals(new BigDecimal("0.5000"), sponsor.get("accountShare"));
        assertEquals(new BigDecimal("0.7500"), sponsor.get("arrShare"), "300K of 400K");
        assertEquals(1, v.get("topAccounts"));
        assertEquals(List.of(), v.get("topAccountsWithoutSponsor"));
        String page = new StakeholderMapPage(histories, enterprise(Map.of())).render(null, Map.of("account", "big"));
        assertTrue(page.contains("executive_sponsor") && page.contains("<td>vp</td>"), page);
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enterprise(Map.of("qbrCadenceDays", 7)));
        assertEquals("io.tenure.vertical.enterprise qbrCadenceDays 7 is not between 30 and 365", e.getMessage());
    }
}
