package io.tenure.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.account.ContactRole;
import io.tenure.api.account.Segment;
import io.tenure.api.account.Vertical;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementType;

/**
 * The demo customer base is deterministic, covers the domain, and its churn is preceded by warning signals that its
 * renewals lack (with noise): measured here on the generated data, not assumed.
 */
class DemoGeneratorTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    @Test
    void sameSeedGivesTheSameDataAndAnotherSeedDoesNot() {
        assertEquals(fingerprint(1, 40), fingerprint(1, 40));
        assertNotEquals(fingerprint(1, 40), fingerprint(2, 40));
    }

    private static String fingerprint(long seed, int n) {
        DemoData data = new DemoData();
        new DemoGenerator(seed, n, AS_OF).generate(0, n, data);
        return data.of(Account.TYPE).toString() + data.of(ArrMovement.TYPE) + data.of(UsageRollup.TYPE).size();
    }

    @Test
    void coversEveryVerticalSegmentAndMovementAndChurnIsPrecededBySignals() {
        DemoGenerator generator = new DemoGenerator(DemoGenerator.DEFAULT_SEED, DemoGenerator.DEFAULT_ACCOUNTS, AS_OF);
        Set<Vertical> verticals = EnumSet.noneOf(Vertical.class);
        Set<Segment> segments = EnumSet.noneOf(Segment.class);
        Set<String> movementKinds = new java.util.HashSet<>();
        List<Double> churnerTrend = new ArrayList<>();
        List<Double> renewerTrend = new ArrayList<>();
        int[] detractors = new int[4]; // churner detractor, churner answered, renewer detractor, renewer answered
        int[] championLoss = new int[4]; // churners with loss, churners, renewers with loss, renewers
        for (int from = 0; from < generator.accounts(); from += 250) {
            DemoData data = new DemoData();
            generator.generate(from, Math.min(generator.accounts(), from + 250), data);
            data.of(Account.TYPE).forEach(a -> {
                verticals.add(a.vertical());
                a.segment().ifPresent(segments::add);
            });
            data.of(ArrMovement.TYPE).forEach(m -> movementKinds.add(m.type() + "/" + m.kind().map(Enum::name).orElse("")));
            Map<String, List<UsageRollup>> usage = data.of(UsageRollup.TYPE).stream()
                    .filter(u -> u.feature().equals(UsageRollup.ALL_FEATURES)).collect(Collectors.groupingBy(UsageRollup::accountId));
            Map<String, List<SurveyResponse>> surveys = data.of(SurveyResponse.TYPE).stream()
                    .collect(Collectors.groupingBy(SurveyResponse::accountId));
            Map<String, List<Contact>> contacts = data.of(Contact.TYPE).stream().collect(Collectors.groupingBy(Contact::accountId));
            Map<String, LocalDate> churnedOn = new HashMap<>();
            data.of(ArrMovement.TYPE).stream().filter(m -> m.type() == MovementType.CHURN && m.kind().get() == MovementKind.VOLUNTARY)
                    .forEach(m -> churnedOn.putIfAbsent(m.accountId(), m.date()));
            for (Account a : data.of(Account.TYPE)) {
                LocalDate churn = churnedOn.get(a.id());
                // a renewer: alive today, measured around its last renewal date
                LocalDate renewal = a.signedDate();
                while (renewal.plusYears(1).isBefore(AS_OF)) {
                    renewal = renewal.plusYears(1);
                }
                LocalDate event = churn != null ? churn : renewal;
                boolean churner = churn != null;
                if (churner || a.stage() != io.tenure.api.account.JourneyStage.CHURNED) {
                    double trend = trend(usage.getOrDefault(a.id(), List.of()), event);
                    if (!Double.isNaN(trend)) {
                        (churner ? churnerTrend : renewerTrend).add(trend);
                    }
                    surveys.getOrDefault(a.id(), List.of()).stream().filter(s -> s.date().isBefore(event)
                            && s.date().isAfter(event.minusDays(270))).max((x, y) -> x.date().compareTo(y.date())).ifPresent(s -> {
                                detractors[churner ? 0 : 2] += s.detractor() ? 1 : 0;
                                detractors[churner ? 1 : 3]++;
                            });
                    boolean lost = contacts.getOrDefault(a.id(), List.of()).stream().anyMatch(c -> c.role() == ContactRole.CHAMPION
                            && c.left().filter(l -> l.isBefore(event) && l.isAfter(event.minusDays(365))).isPresent());
                    championLoss[churner ? 0 : 2] += lost ? 1 : 0;
                    championLoss[churner ? 1 : 3]++;
                }
            }
        }
        assertEquals(EnumSet.allOf(Vertical.class), verticals);
        assertEquals(EnumSet.allOf(Segment.class), segments);
        for (String kind : List.of("NEW/", "EXPANSION/SEAT", "EXPANSION/TIER", "EXPANSION/CROSS_SELL", "EXPANSION/USAGE",
                "CONTRACTION/SEAT", "CHURN/VOLUNTARY", "CHURN/INVOLUNTARY", "REACTIVATION/")) {
            assertTrue(movementKinds.contains(kind), kind + " in " + movementKinds);
        }
        double churnerMedian = median(churnerTrend);
        double renewerMedian = median(renewerTrend);
        double churnerDetractors = (double) detractors[0] / detractors[1];
        double renewerDetractors = (double) detractors[2] / detractors[3];
        double churnerLoss = (double) championLoss[0] / championLoss[1];
        double renewerLoss = (double) championLoss[2] / championLoss[3];
        System.out.printf("usage trend before the event (median, 1 = flat): churners %.2f (n=%d), renewers %.2f (n=%d)%n",
                churnerMedian, churnerTrend.size(), renewerMedian, renewerTrend.size());
        System.out.printf("detractor share of the last NPS before: churners %.2f, renewers %.2f; champion lost in the year "
                + "before: churners %.2f, renewers %.2f%n", churnerDetractors, renewerDetractors, churnerLoss, renewerLoss);
        assertTrue(churnerTrend.size() > 30, "enough voluntary churns inside the usage window: " + churnerTrend.size());
        assertTrue(churnerMedian < renewerMedian - 0.1, "usage falls before churn, not before renewal");
        assertTrue(churnerDetractors > renewerDetractors + 0.2, "churners are detractors more often");
        assertTrue(churnerLoss > renewerLoss, "churners lost their champion more often");
        assertTrue(churnerTrend.stream().filter(t -> t >= 1.0).count() > 0, "there is noise: some churners kept their usage");
    }

    /** Usage in the four weeks ending 30 days before the event, over the four weeks ending 150 days before. */
    private static double trend(List<UsageRollup> usage, LocalDate event) {
        double recent = sum(usage, event.minusDays(58), event.minusDays(30));
        double earlier = sum(usage, event.minusDays(178), event.minusDays(150));
        return earlier <= 0 ? Double.NaN : recent / earlier;
    }

    private static double sum(List<UsageRollup> usage, LocalDate from, LocalDate to) {
        return usage.stream().filter(u -> !u.date().isBefore(from) && !u.date().isAfter(to)).mapToLong(UsageRollup::events).sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    static long days(LocalDate a, LocalDate b) {
        return ChronoUnit.DAYS.between(a, b);
    }
}
