package io.tenure.vertical.haas;

import static io.tenure.vertical.haas.Fixtures.AS_OF;
import static io.tenure.vertical.haas.Fixtures.device;
import static io.tenure.vertical.haas.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;

/** Each trigger fires at its threshold, not below, and keeps one episode across days. */
class TriggersTest {
    private static final LocalDate INSTALLED = LocalDate.of(2025, 1, 1);

    private final List<Device> devices = new ArrayList<>(List.of(device("a", "d1", INSTALLED)));
    private final List<DeviceDay> days = new ArrayList<>();
    private final List<ServiceEvent> events = new ArrayList<>();

    private List<Signal> evaluate(java.util.function.BiFunction<FleetIndex, Haas, PlaybookTrigger> trigger, LocalDate asOf) {
        return trigger.apply(Fixtures.index(Fixtures.fleet(devices, days, events)), Fixtures.haas()).evaluate(
                Fixtures.context("a", asOf));
    }

    private void fault(int daysAgo, int faults) {
        days.add(new DeviceDay("a", "d1", AS_OF.minusDays(daysAgo), DeviceDay.MINUTES - 10, faults));
    }

    @Test
    void aDeviceWithThreeFaultsInThirtyDaysNeedsAnRma() {
        fault(30, 1);
        fault(10, 1);
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF), "2 faults");
        fault(31, 5);
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF), "31 days ago is outside the window");
        fault(1, 1);
        List<Signal> signals = evaluate(RmaTrigger::new, AS_OF);
        assertEquals(1, signals.size(), "3 faults: the threshold");
        Signal s = signals.get(0);
        assertEquals("rma:d1@2025-01-01", s.episode());
        assertEquals("Replace device d1 (RMA)", s.title());
        assertEquals(Duration.ofDays(2), s.sla());
        assertTrue(s.evidence().startsWith("device d1 (EG-500, serial SN-d1): 3 faults and "), s.evidence());
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF.plusDays(1)), "the next day the fault of 30 days ago drops out");
        fault(0, 1);
        assertEquals(List.of(s.episode()), evaluate(RmaTrigger::new, AS_OF.plusDays(1)).stream().map(Signal::episode).toList(),
                "a new fault the next day: the same episode, so no second task");
    }

    @Test
    void aResolvedReplacementStartsAFreshEpisodeAndAnOpenOneHoldsItBack() {
        fault(5, 2);
        fault(3, 1);
        events.add(event("a", "r1", "d1", ServiceKind.REPLACEMENT, AS_OF.minusDays(2), null));
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF), "a replacement is already on its way");
        events.set(0, event("a", "r1", "d1", ServiceKind.REPLACEMENT, AS_OF.minusDays(4), AS_OF.minusDays(4)));
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF), "only the faults since the replacement count");
        fault(2, 1);
        fault(1, 1);
        assertEquals("rma:d1@" + AS_OF.minusDays(4), evaluate(RmaTrigger::new, AS_OF).get(0).episode());
    }

    @Test
    void lowUptimeOverEnoughDaysNeedsAnRmaToo() {
        for (int i = 1; i <= 6; i++) {
            days.add(new DeviceDay("a", "d1", AS_OF.minusDays(i), 1000, 0));
        }
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF), "6 days reported: fewer than the 7 needed");
        days.add(new DeviceDay("a", "d1", AS_OF.minusDays(7), 1000, 0));
        assertEquals(1, evaluate(RmaTrigger::new, AS_OF).size(), "7000 of 10080 minutes is below 90%");
        days.clear();
        for (int i = 1; i <= 10; i++) {
            days.add(new DeviceDay("a", "d1", AS_OF.minusDays(i), 1296, 0)); // exactly 90%
        }
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF), "90.00% is not below 90%");
        days.set(0, new DeviceDay("a", "d1", AS_OF.minusDays(1), 1295, 0));
        assertEquals(1, evaluate(RmaTrigger::new, AS_OF).size(), "one minute less is");
        devices.set(0, Fixtures.retired(devices.get(0), AS_OF.minusDays(1)));
        assertEquals(List.of(), evaluate(RmaTrigger::new, AS_OF), "a retired device needs no RMA");
    }

    @Test
    void aResolvedFieldVisitGetsAFollowUpWithinThreeDays() {
        LocalDate resolved = AS_OF.minusDays(10);
        events.add(event("a", "v1", "d1", ServiceKind.FIELD_SERVICE, resolved.minusDays(2), resolved));
        events.add(event("a", "v2", "d1", ServiceKind.FIELD_SERVICE, resolved.minusDays(2), null));
        events.add(event("a", "l1", null, ServiceKind.LOGISTICS, resolved.minusDays(2), resolved));
        assertEquals(List.of(), evaluate(FieldServiceFollowUpTrigger::new, resolved), "not before the resolution is known");
        Signal first = evaluate(FieldServiceFollowUpTrigger::new, resolved.plusDays(1)).get(0);
        assertEquals("follow-up:v1", first.episode());
        assertEquals(Duration.ofDays(3), first.sla());
        assertTrue(first.evidence().contains("resolved " + resolved + ": done"), first.evidence());
        assertEquals(List.of(first.episode()), evaluate(FieldServiceFollowUpTrigger::new, resolved.plusDays(3)).stream()
                .map(Signal::episode).toList(), "the same episode on the last day of the window");
        assertEquals(List.of(), evaluate(FieldServiceFollowUpTrigger::new, resolved.plusDays(4)), "too late to follow up");
    }

    @Test
    void aShipmentOpenLongerThanFiveDaysIsLate() {
        LocalDate opened = AS_OF.minusDays(20);
        events.add(event("a", "s1", "d1", ServiceKind.REPLACEMENT, opened, null));
        events.add(event("a", "v1", "d1", ServiceKind.FIELD_SERVICE, opened, null));
        assertEquals(List.of(), evaluate(LogisticsDelayTrigger::new, opened.plusDays(5)), "open 5 days: not yet late");
        List<Signal> late = evaluate(LogisticsDelayTrigger::new, opened.plusDays(6));
        assertEquals(1, late.size(), "open 6 days");
        assertEquals("shipment-late:s1", late.get(0).episode());
        assertEquals("Chase the late replacement shipment s1", late.get(0).title());
        assertEquals("shipment-late:s1", evaluate(LogisticsDelayTrigger::new, opened.plusDays(9)).get(0).episode());
        events.set(0, event("a", "s1", "d1", ServiceKind.REPLACEMENT, opened, opened.plusDays(7)));
        assertEquals(List.of(), evaluate(LogisticsDelayTrigger::new, opened.plusDays(9)), "delivered");
    }

    @Test
    void churnedAndOtherVerticalsAreLeftAlone() {
        fault(1, 5);
        FleetIndex index = Fixtures.index(Fixtures.fleet(devices, days, events));
        RmaTrigger t = new RmaTrigger(index, Fixtures.haas());
        assertEquals(1, t.evaluate(Fixtures.context("a", AS_OF)).size());
        var enterprise = Fixtures.account("a", io.tenure.api.account.Vertical.ENTERPRISE);
        assertEquals(List.of(), t.evaluate(io.tenure.api.playbook.PlaybookContext.of(Fixtures.history(enterprise, AS_OF))));
        var churned = new io.tenure.api.account.Account("a", "A", io.tenure.api.account.Vertical.HAAS, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), INSTALLED, io.tenure.api.account.JourneyStage.CHURNED,
                java.util.Optional.empty(), java.util.Optional.empty());
        assertEquals(List.of(), t.evaluate(io.tenure.api.playbook.PlaybookContext.of(Fixtures.history(churned, AS_OF))));
    }
}
