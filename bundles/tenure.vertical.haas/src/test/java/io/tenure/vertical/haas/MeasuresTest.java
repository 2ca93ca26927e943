package io.tenure.vertical.haas;

import static io.tenure.vertical.haas.Fixtures.AS_OF;
import static io.tenure.vertical.haas.Fixtures.device;
import static io.tenure.vertical.haas.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Vertical;
import io.tenure.api.health.Dimension;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.MeasureResult;

/** Each measure just below, at and above its thresholds, on fleets built by hand. */
class MeasuresTest {
    private static final LocalDate INSTALLED = LocalDate.of(2025, 1, 1);

    private final List<Device> devices = new ArrayList<>();
    private final List<DeviceDay> days = new ArrayList<>();
    private final List<ServiceEvent> events = new ArrayList<>();

    private Optional<MeasureResult> score(HealthMeasure m) {
        return m.score(Fixtures.history("a", AS_OF));
    }

    private double value(java.util.function.BiFunction<FleetIndex, Haas, HealthMeasure> measure) {
        return score(measure.apply(Fixtures.index(Fixtures.fleet(devices, days, events)), Fixtures.haas())).orElseThrow().score();
    }

    /** One device reporting 10 days before AS_OF with {@code down} minutes down in all. */
    private double uptimeScore(long down) {
        devices.clear();
        days.clear();
        devices.add(device("a", "d1", INSTALLED));
        days.addAll(Fixtures.days("a", "d1", AS_OF.minusDays(1), 9));
        days.add(new DeviceDay("a", "d1", AS_OF.minusDays(1), DeviceDay.MINUTES - down, 0));
        days.add(new DeviceDay("a", "d1", AS_OF, 0, 5)); // the scored day itself is not looked at
        return value(FleetUptimeMeasure::new);
    }

    @Test
    void uptimeScoresFullAtTheTargetAndZeroAtTheFloor() {
        assertEquals(100.0, uptimeScore(0), 1e-9);
        assertEquals(100.0, uptimeScore(72), 1e-9, "14328 of 14400 minutes = 99.5%, the target");
        double below = uptimeScore(73);
        assertTrue(below < 100 && below > 99.8, "99.4931% is just below the target: " + below);
        assertEquals(50.0, uptimeScore(396), 1e-9, "97.25% is halfway between 95% and 99.5%");
        assertTrue(uptimeScore(719) > 0, "just above the floor");
        assertEquals(0.0, uptimeScore(720), 1e-9, "95%, the floor");
        assertEquals(0.0, uptimeScore(1440), 1e-9);
        FleetUptimeMeasure m = new FleetUptimeMeasure(Fixtures.index(Fixtures.fleet(devices, days, events)), Fixtures.haas());
        assertEquals(Dimension.USAGE, m.dimension());
        assertTrue(score(m).orElseThrow().detail().startsWith("fleet uptime 90.000% over 30 days"), score(m).get().detail());
        assertTrue(m.score(Fixtures.history(Fixtures.account("a", Vertical.ENTERPRISE), AS_OF)).isEmpty(), "haas accounts only");
        assertTrue(m.score(Fixtures.history("a", AS_OF.minusDays(40))).isEmpty(), "no reported day in the window");
    }

    /** Two devices reporting the 30 days of the window with {@code faults} faults in all. */
    private double faultScore(int faults) {
        devices.clear();
        days.clear();
        devices.add(device("a", "d1", INSTALLED));
        devices.add(device("a", "d2", INSTALLED));
        days.addAll(Fixtures.days("a", "d1", AS_OF, 30));
        days.addAll(Fixtures.days("a", "d2", AS_OF.minusDays(1), 29));
        days.add(new DeviceDay("a", "d2", AS_OF.minusDays(1), DeviceDay.MINUTES, faults));
        days.add(new DeviceDay("a", "d2", AS_OF.minusDays(31), DeviceDay.MINUTES, 50)); // before the window
        return value(FaultRateMeasure::new);
    }

    @Test
    void faultRateScoresFullUpToHalfAFaultPerDeviceAndZeroFromThree() {
        assertEquals(100.0, faultScore(0), 1e-9);
        assertEquals(100.0, faultScore(1), 1e-9, "1 fault x 30 / 60 device-days = 0.5, the good threshold");
        assertEquals(80.0, faultScore(2), 1e-9, "1.0 per device per 30 days");
        assertEquals(20.0, faultScore(5), 1e-9, "2.5: just below the bad threshold");
        assertEquals(0.0, faultScore(6), 1e-9, "3.0, the bad threshold");
        assertEquals(0.0, faultScore(9), 1e-9);
    }

    private Optional<MeasureResult> firmwareScore(LocalDate... released) {
        devices.clear();
        for (int i = 0; i < released.length; i++) {
            devices.add(Fixtures.firmware(device("a", "d" + i, INSTALLED), released[i], released[i].plusDays(1)));
        }
        return score(new FirmwareAgeMeasure(Fixtures.index(Fixtures.fleet(devices, days, events)), Fixtures.haas()));
    }

    @Test
    void firmwareOlderThanTheLimitCountsAsOutdated() {
        assertEquals(100.0, firmwareScore(AS_OF.minusDays(180)).orElseThrow().score(), 1e-9, "180 days: at the limit");
        assertEquals(0.0, firmwareScore(AS_OF.minusDays(181)).orElseThrow().score(), 1e-9, "181 days: over it");
        MeasureResult half = firmwareScore(AS_OF.minusDays(181), AS_OF.minusDays(30)).orElseThrow();
        assertEquals(50.0, half.score(), 1e-9);
        assertEquals("1 of 2 devices run firmware released more than 180 days ago (oldest released 2025-12-02)", half.detail());
        assertTrue(firmwareScore(AS_OF.minusDays(1)).isEmpty(), "installed on the scored day: what ran before is unknown");
        devices.clear();
        devices.add(device("a", "d1", INSTALLED));
        assertTrue(score(new FirmwareAgeMeasure(Fixtures.index(Fixtures.fleet(devices, days, events)), Fixtures.haas())).isEmpty(),
                "no firmware recorded");
    }

    private double burdenScore(ServiceEvent... happened) {
        devices.clear();
        IntStream.range(0, 10).forEach(i -> devices.add(device("a", "d" + i, INSTALLED)));
        events.clear();
        events.addAll(List.of(happened));
        return value(ServiceBurdenMeasure::new);
    }

    @Test
    void serviceBurdenScoresZeroAtTwentyOpenEventsOrRepeatVisitsPerHundredDevices() {
        assertEquals(100.0, burdenScore(), 1e-9);
        assertEquals(50.0, burdenScore(event("a", "e1", "d1", ServiceKind.LOGISTICS, AS_OF.minusDays(3), null)), 1e-9,
                "1 open on 10 devices = 10 per 100");
        assertEquals(50.0, burdenScore(event("a", "e1", "d1", ServiceKind.RMA, AS_OF.minusDays(3), AS_OF)), 1e-9,
                "resolved on the scored day: still open at its start");
        assertEquals(100.0, burdenScore(event("a", "e1", "d1", ServiceKind.RMA, AS_OF.minusDays(3), AS_OF.minusDays(1))), 1e-9);
        assertEquals(100.0, burdenScore(event("a", "e1", "d1", ServiceKind.FIRMWARE_UPDATE, AS_OF.minusDays(3), null)), 1e-9,
                "firmware updates are no burden");
        assertEquals(0.0, burdenScore(event("a", "e1", "d1", ServiceKind.RMA, AS_OF.minusDays(3), null),
                event("a", "e2", "d2", ServiceKind.FIELD_SERVICE, AS_OF.minusDays(2), null)), 1e-9, "20 per 100");
        assertEquals(50.0, burdenScore(event("a", "v1", "d1", ServiceKind.FIELD_SERVICE, AS_OF.minusDays(35), AS_OF.minusDays(34)),
                event("a", "v2", "d1", ServiceKind.FIELD_SERVICE, AS_OF.minusDays(5), AS_OF.minusDays(4))), 1e-9,
                "a second visit 30 days after the first is a repeat");
        assertEquals(100.0, burdenScore(event("a", "v1", "d1", ServiceKind.FIELD_SERVICE, AS_OF.minusDays(36), AS_OF.minusDays(34)),
                event("a", "v2", "d1", ServiceKind.FIELD_SERVICE, AS_OF.minusDays(5), AS_OF.minusDays(4))), 1e-9,
                "31 days after: not a repeat");
        assertEquals(100.0, burdenScore(event("a", "v1", "d1", ServiceKind.FIELD_SERVICE, AS_OF.minusDays(20), AS_OF.minusDays(19)),
                event("a", "v2", "d2", ServiceKind.FIELD_SERVICE, AS_OF.minusDays(5), AS_OF.minusDays(4))), 1e-9,
                "visits to two devices are not repeats");
    }
}
