package io.tenure.vertical.haas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.DataException;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.testkit.MemoryDataStore;

/** The demo fleets: deterministic, sized by ARR, and worse before a loss than on a healthy account. */
class DemoTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);
    private static final long SEATS = 100;

    private static ArrMovement move(String account, LocalDate date, MovementType type, long major) {
        return new ArrMovement(account, account + "-" + date + type, date, type,
                type == MovementType.CHURN ? Optional.of(MovementKind.VOLUNTARY) : Optional.empty(),
                Money.ofMinor(major * 100, "USD"), MovementSource.CS_LED, Optional.empty());
    }

    private static List<ArrMovement> healthy(String id) {
        return List.of(move(id, LocalDate.of(2024, 1, 1), MovementType.NEW, 150_000),
                move(id, LocalDate.of(2025, 9, 1), MovementType.EXPANSION, 30_000));
    }

    private static List<ArrMovement> churning(String id) {
        return List.of(move(id, LocalDate.of(2024, 1, 1), MovementType.NEW, 150_000),
                move(id, AS_OF.minusDays(70), MovementType.CONTRACTION, 30_000),
                move(id, AS_OF.minusDays(5), MovementType.CHURN, 120_000));
    }

    /** Weekly totals with {@code share} of the seats active. */
    private static List<UsageRollup> usage(String id, double share) {
        List<UsageRollup> out = new ArrayList<>();
        for (LocalDate w = AS_OF.minusWeeks(26); w.isBefore(AS_OF); w = w.plusWeeks(1)) {
            long active = Math.round(SEATS * share);
            out.add(new UsageRollup(id, w, UsageRollup.ALL_FEATURES, active * 30, active));
            out.add(new UsageRollup(id, w, "reports", active * 5, active / 2));
        }
        return out;
    }

    private static DemoFleets.Output generate(String id, List<ArrMovement> movements, double share, long seed) {
        return DemoFleets.generate(Fixtures.account(id, Vertical.HAAS), movements, usage(id, share), SEATS, AS_OF, seed);
    }

    private static double faultsPerDeviceDay(List<DemoFleets.Output> outs) {
        long faults = outs.stream().flatMap(o -> o.days().stream()).mapToLong(DeviceDay::faults).sum();
        long days = outs.stream().mapToLong(o -> o.days().size()).sum();
        return (double) faults / days;
    }

    @Test
    void theSameHistoryAndSeedGiveTheSameFleet() {
        DemoFleets.Output a = generate("h", healthy("h"), 0.85, 7);
        assertEquals(a, generate("h", healthy("h"), 0.85, 7));
        assertFalse(a.equals(generate("h", healthy("h"), 0.85, 8)), "another seed, another fleet");
    }

    @Test
    void devicesFollowTheLedgerAndCarryAPerUnitMarginalCost() {
        DemoFleets.Output h = generate("h", healthy("h"), 0.85, 7);
        // peak ARR 180K -> 12 devices of 15K; 150K new -> 10 devices, 30K expansion -> 2 more
        assertEquals(12, h.devices().size());
        assertTrue(h.devices().stream().allMatch(d -> d.status() != DeviceStatus.RETIRED));
        for (Device d : h.devices()) {
            long cost = d.unitCost().orElseThrow().minorUnits();
            assertTrue(cost >= 15_000_00L * 0.25 * 0.95 - 100 && cost <= 15_000_00L * 0.45 * 1.05 + 100, "cost " + cost);
            assertTrue(d.firmwareVersion().isPresent() && !d.firmwareInstalledOn().orElseThrow().isBefore(d.installedOn()));
        }
        assertTrue(h.days().size() <= DemoFleets.MAX_DEVICES * DemoFleets.DAYS, "at most one row per device and day");
        assertTrue(h.days().stream().allMatch(d -> d.date().isBefore(AS_OF) && !d.date().isBefore(AS_OF.minusDays(90))));

        DemoFleets.Output x = generate("x", churning("x"), 0.3, 7);
        assertTrue(x.devices().stream().allMatch(d -> d.retiredOn().isPresent() && !d.retiredOn().get().isAfter(AS_OF.minusDays(5))),
                "a churned account's fleet is retired by the churn");
        assertTrue(x.days().stream().allMatch(d -> d.date().isBefore(AS_OF.minusDays(5))), "no telemetry after the churn");
        assertEquals(2, x.devices().stream().filter(d -> d.retiredOn().orElseThrow().equals(AS_OF.minusDays(70))).count(),
                "the 30K contraction returned 2 devices of 15K");
        assertTrue(generate("n", List.of(), 0.8, 7).size() == 0, "no ledger, no fleet");
    }

    @Test
    void accountsHeadingForALossFaultMoreThanHealthyOnes() {
        List<DemoFleets.Output> healthy = new ArrayList<>();
        List<DemoFleets.Output> losing = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            healthy.add(generate("h" + seed, healthy("h" + seed), 0.85, seed));
            losing.add(generate("x" + seed, churning("x" + seed), 0.3, seed));
        }
        double h = faultsPerDeviceDay(healthy);
        double x = faultsPerDeviceDay(losing);
        assertTrue(x > 3 * h, "faults per device-day before a loss " + x + " vs healthy " + h);
        long hDown = healthy.stream().flatMap(o -> o.days().stream()).mapToLong(d -> DeviceDay.MINUTES - d.uptimeMinutes()).sum();
        long xDown = losing.stream().flatMap(o -> o.days().stream()).mapToLong(d -> DeviceDay.MINUTES - d.uptimeMinutes()).sum();
        long hDays = healthy.stream().mapToLong(o -> o.days().size()).sum();
        long xDays = losing.stream().mapToLong(o -> o.days().size()).sum();
        assertTrue((double) xDown / xDays > 3.0 * hDown / hDays, "downtime too");
        long visits = losing.stream().flatMap(o -> o.events().stream()).filter(e -> e.kind() == ServiceKind.FIELD_SERVICE).count();
        assertTrue(visits > 0, "faults bring field visits");
    }

    @Test
    void theContributionFillsOnlyTheHaasAccountsOnce() throws DataException {
        MemoryDataStore store = new MemoryDataStore();
        Account h = Fixtures.account("h", Vertical.HAAS);
        Account e = Fixtures.account("e", Vertical.ENTERPRISE);
        store.put(ArrMovement.TYPE, new ArrayList<>(healthy("h"))).put(ArrMovement.TYPE, healthy("e"))
                .put(UsageRollup.TYPE, usage("h", 0.85))
                .put(Subscription.TYPE, List.of(new Subscription("h", "s", "Fleet", Optional.empty(), Optional.of(SEATS),
                        Money.ofMinor(180_000_00, "USD"), LocalDate.of(2024, 1, 1), Optional.empty(), SubscriptionStatus.ACTIVE)));
        HaasDemo demo = new HaasDemo();
        assertFalse(demo.present(store));
        long stored = demo.contribute(store, List.of(e, h), AS_OF, 7);
        assertTrue(demo.present(store));
        DemoFleets.Output expected = generate("h", healthy("h"), 0.85, 7);
        assertEquals(expected.size(), stored);
        assertEquals(expected.devices().size(), store.all(Device.TYPE).size());
        assertTrue(store.all(Device.TYPE).stream().allMatch(d -> d.accountId().equals("h")));
        assertEquals("haas fleets", demo.name());
    }
}
