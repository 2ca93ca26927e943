package io.tenure.vertical.haas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;
import io.tenure.testkit.MemoryDataStore;

/**
 * The haas metric on a book computed by hand. Period: the 12 months to 2026-06-30; cohort A, B, C, D (E signed in the
 * period). Margin at the start / end: A 100K - 20K = 80K / 120K - 24K = 96K (kept 80K); B 50K - 12K = 38K / 40K - 9K =
 * 31K (kept 31K, 7K lost to contraction); C 30K - 5K = 25K / churned (25K lost to churn); D 10K - 12K &lt; 0 (no
 * margin). GRR with margin = 111K / 143K; GRR = (190K - 10K - 30K) / 190K.
 */
class MetricTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final LocalDate OLD = LocalDate.of(2024, 1, 1);

    private final MemoryDataStore store = new MemoryDataStore();
    private final List<ArrMovement> movements = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();

    private void move(String account, String date, MovementType type, long major) {
        movements.add(new ArrMovement(account, account + movements.size(), LocalDate.parse(date), type,
                type == MovementType.CHURN ? Optional.of(MovementKind.VOLUNTARY) : Optional.empty(),
                Money.ofMinor(major * 100, "USD"), MovementSource.CS_LED, Optional.empty()));
    }

    private void devices(String account, int count, String installed, long cost, String retired) {
        for (int i = 0; i < count; i++) {
            Device d = Fixtures.device(account, account + "-" + devices.size(), LocalDate.parse(installed), cost);
            devices.add(retired == null ? d : Fixtures.retired(d, LocalDate.parse(retired)));
        }
    }

    private FleetIndex book() {
        store.put(Account.TYPE, List.of(Fixtures.account("A", Vertical.HAAS), Fixtures.account("B", Vertical.HAAS),
                Fixtures.account("C", Vertical.HAAS), Fixtures.account("D", Vertical.HAAS), Fixtures.account("E", Vertical.HAAS),
                Fixtures.account("F", Vertical.ENTERPRISE)));
        move("A", "2024-01-01", MovementType.NEW, 100_000);
        move("A", "2025-10-01", MovementType.EXPANSION, 20_000);
        devices("A", 5, "2024-01-05", 4_000, null);
        devices("A", 1, "2025-10-05", 4_000, null);
        move("B", "2024-03-01", MovementType.NEW, 50_000);
        move("B", "2026-01-15", MovementType.CONTRACTION, 10_000);
        devices("B", 3, "2024-03-05", 3_000, null);
        devices("B", 1, "2024-03-05", 3_000, "2026-01-15");
        move("C", "2024-05-01", MovementType.NEW, 30_000);
        move("C", "2026-03-01", MovementType.CHURN, 30_000);
        devices("C", 2, "2024-05-05", 2_500, "2026-03-01");
        move("D", "2024-06-01", MovementType.NEW, 10_000);
        devices("D", 3, "2024-06-05", 4_000, null);
        move("E", "2026-02-01", MovementType.NEW, 40_000);
        devices("E", 1, "2026-02-05", 5_000, null);
        devices.add(Fixtures.device("E", "E-nocost", LocalDate.parse("2026-02-05"))); // the default: 600 a year
        move("F", "2024-01-01", MovementType.NEW, 500_000);
        devices("F", 1, "2024-01-05", 1, null);
        store.put(ArrMovement.TYPE, movements).put(Device.TYPE, devices);
        store.put(DeviceDay.TYPE, List.of(new DeviceDay("A", "A-0", AS_OF.minusDays(2), 1440, 0),
                new DeviceDay("A", "A-0", AS_OF.minusDays(1), 1368, 1), new DeviceDay("A", "A-0", AS_OF.minusDays(30), 0, 9)));
        store.put(ServiceEvent.TYPE, List.of());
        return new FleetIndex(store, Fixtures.haas(), Clock.fixed(AS_OF.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC),
                nanos::get);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Map<String, Object> values, String name) {
        return (Map<String, Object>) values.get(name);
    }

    @Test
    void grrWithMarginCltvAndRetentionSpendMatchTheHandComputation() throws MetricException {
        HaasMetric metric = new HaasMetric(store, book(), Fixtures.haas());
        Map<String, Object> v = metric.compute(new MetricRequest(Map.of("retentionSpend", "42000"), AS_OF)).values();
        assertEquals("USD", v.get("currency"));

        Map<String, Object> fleet = part(v, "fleet");
        assertEquals(4L, fleet.get("accounts"), "A, B, D and E; not F: haas accounts only; C's fleet is retired");
        assertEquals(14L, fleet.get("devices"));
        assertEquals(2L, fleet.get("deviceDays"), "the day 30 days before the day after asOf is outside the window");
        assertEquals(new BigDecimal("0.975000"), fleet.get("uptime"));
        assertEquals(new BigDecimal("15.000000"), fleet.get("faultsPerDevicePer30Days"));

        Map<String, Object> grr = part(v, "grrWithMargin");
        assertEquals("2025-07-01", grr.get("from"));
        assertEquals("2026-07-01", grr.get("to"));
        assertEquals(4, grr.get("cohortAccounts"));
        assertEquals(3, grr.get("retainedAccounts"));
        assertEquals("190000.00", grr.get("startingArr"));
        assertEquals(new BigDecimal("0.789474"), grr.get("grr"), "150K / 190K");
        assertEquals("49000.00", grr.get("startingFleetCost"));
        assertEquals("143000.00", grr.get("startingMargin"));
        assertEquals("111000.00", grr.get("keptMargin"));
        assertEquals("25000.00", grr.get("marginLostToChurn"));
        assertEquals("7000.00", grr.get("marginLostToContraction"));
        assertEquals(new BigDecimal("0.776224"), grr.get("grrMargin"), "111K / 143K");
        assertEquals(1, grr.get("accountsWithoutMargin"));
        assertEquals("-2000.00", grr.get("marginOfAccountsWithoutMargin"));

        // paying at asOf: A 120K, B 40K, D 10K, E 40K = 210K; fleet cost 24K + 9K + 12K + 5.6K = 50.6K; churn 1 - 3/4
        Map<String, Object> cltv = part(v, "cltv");
        assertEquals(4L, cltv.get("payingAccounts"));
        assertEquals("52500.00", cltv.get("annualRevenuePerCustomer"));
        assertEquals("12650.00", cltv.get("fleetCostPerCustomer"));
        assertEquals(new BigDecimal("0.759048"), cltv.get("grossMargin"), "159.4K / 210K");
        assertEquals(new BigDecimal("0.250000"), cltv.get("annualChurnRate"));
        assertEquals(new BigDecimal("4.0000"), cltv.get("lifespanYears"));
        assertEquals("159400.00", cltv.get("churnBased"), "39,850 margin per customer / 0.25");
        assertEquals("159400.00", cltv.get("simple"));
        assertEquals("113857.14", cltv.get("discounted"), "39,850 / (0.25 + 0.10)");

        Map<String, Object> unit = part(v, "perUnit");
        assertEquals(14L, unit.get("units"));
        assertEquals("15000.00", unit.get("revenuePerUnit"));
        assertEquals("3614.29", unit.get("marginalCostPerUnit"));
        assertEquals("11385.71", unit.get("marginPerUnit"));
        assertEquals("45542.86", unit.get("cltvPerUnit"));

        Map<String, Object> spend = part(v, "retentionSpend");
        assertEquals("3415.71", spend.get("ceilingPerUnit"), "30% of 11,385.71");
        assertEquals("3000.00", spend.get("spendPerUnit"));
        assertEquals(new BigDecimal("0.263488"), spend.get("shareOfUnitMargin"));
        assertEquals("within_ceiling", spend.get("verdict"));
        assertEquals("destroys_margin", part(metric.compute(new MetricRequest(Map.of("retentionSpend", "200000"), AS_OF)).values(),
                "retentionSpend").get("verdict"));
    }

    @Test
    void aPeriodBeforeTheChurnKeepsEverything() throws MetricException {
        HaasMetric metric = new HaasMetric(store, book(), Fixtures.haas());
        Map<String, Object> grr = part(metric.compute(new MetricRequest(Map.of("from", "2025-07-01", "to", "2025-12-01"), AS_OF))
                .values(), "grrWithMargin");
        assertEquals(new BigDecimal("1.000000"), grr.get("grrMargin"), "A expanded; nothing lost yet");
        assertEquals(new BigDecimal("1.000000"), grr.get("grr"));
        assertEquals("MetricException: from 2026-01-01 must be before to 2025-12-01", assertThrows(MetricException.class,
                () -> metric.compute(new MetricRequest(Map.of("from", "2026-01-01", "to", "2025-12-01"), AS_OF)))
                        .toString().replace("io.tenure.api.metrics.", ""));
        assertThrows(MetricException.class, () -> metric.compute(new MetricRequest(Map.of("retentionSpend", "-1"), AS_OF)));
    }

    @Test
    void theDomainWorkedExampleComesOutOfTheCltvFormula() {
        // $12,000 ARR, 75% gross margin (a fleet costing $3,000 a year), 10% churn -> $90,000; 7% churn -> $128,571
        FleetEconomics.Inputs ten = new FleetEconomics.Inputs(1_200_000, 300_000, 1, 4, Optional.of(new BigDecimal("0.10")),
                new BigDecimal("0.10"), new BigDecimal("0.30"), Optional.empty(), 2);
        assertEquals("90000.00", FleetEconomics.cltv(ten).get("churnBased"));
        assertEquals(new BigDecimal("10.0000"), FleetEconomics.cltv(ten).get("lifespanYears"));
        FleetEconomics.Inputs seven = new FleetEconomics.Inputs(1_200_000, 300_000, 1, 4, Optional.of(new BigDecimal("0.07")),
                new BigDecimal("0.10"), new BigDecimal("0.30"), Optional.empty(), 2);
        assertEquals("128571.43", FleetEconomics.cltv(seven).get("churnBased"));
        FleetEconomics.Inputs none = new FleetEconomics.Inputs(1_200_000, 1_300_000, 1, 4, Optional.of(new BigDecimal("0.07")),
                new BigDecimal("0.10"), new BigDecimal("0.30"), Optional.empty(), 2);
        assertNull(FleetEconomics.cltv(none).get("churnBased"), "a fleet costing more than it earns has no lifetime value");
        assertTrue(String.valueOf(FleetEconomics.cltv(none).get("note")).startsWith("the fleets cost as much"));
    }

    @Test
    void theIndexRereadsTheStoreOnlyWhenItChanged() {
        FleetIndex index = book();
        assertEquals(6, index.fleet().of("A").orElseThrow().devices().size());
        int scans = store.reads();
        index.fleet();
        nanos.addAndGet(FleetIndex.CHECK_NANOS);
        index.fleet();
        assertEquals(scans, store.reads(), "nothing changed: no reread");
        store.put(Device.TYPE, List.of(Fixtures.device("A", "A-new", AS_OF)));
        assertEquals(6, index.fleet().of("A").orElseThrow().devices().size(), "checked at most every 2 s");
        nanos.addAndGet(FleetIndex.CHECK_NANOS);
        assertEquals(7, index.fleet().of("A").orElseThrow().devices().size());
        assertEquals(scans + 3, store.reads(), "one scan per entity");
    }

    @Test
    void theIndexIsEmptyWhileTheStoreCannotServeTheFleet() {
        MemoryDataStore broken = new MemoryDataStore() {
            @Override
            public long version(io.tenure.api.data.EntityType<?> type) {
                throw new IllegalArgumentException("no entity " + type.name());
            }
        };
        FleetIndex index = new FleetIndex(broken, Fixtures.haas(), Clock.systemUTC(), nanos::get);
        assertEquals(0, index.fleet().accounts());
    }
}
