package io.tenure.vertical.haas;

import static io.tenure.vertical.haas.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.data.EntityType;
import io.tenure.api.data.FieldType;
import io.tenure.api.data.Row;
import io.tenure.api.money.Money;

/** The fleet entities: their descriptions follow the store's rules and every record survives toRow/fromRow. */
class EntitiesTest {
    private static final Device FULL = new Device("acct-1", "d-1", "EG-500", Optional.of("SN-1"), LocalDate.of(2025, 1, 5),
            Optional.of(LocalDate.of(2026, 2, 1)), Optional.of("4.2"), Optional.of(LocalDate.of(2025, 12, 1)),
            Optional.of(LocalDate.of(2025, 12, 10)), DeviceStatus.RETIRED, Optional.of(Money.ofMinor(60_050, "EUR")));

    @Test
    void theTypesAreAccountScopedPrefixedAndKeyedBeyondTheAccount() {
        assertEquals(List.of("haas_devices", "haas_device_days", "haas_service_events"),
                new HaasEntities().types().stream().map(EntityType::name).toList());
        for (EntityType<?> t : HaasEntities.TYPES) {
            assertTrue(t.name().matches("haas_[a-z0-9_]+") && t.name().length() <= 48, t.name());
            assertTrue(t.accountScoped(), t.name());
            assertTrue(t.key().size() >= 2 && t.key().get(0).equals(EntityType.ACCOUNT_ID), t.name() + " " + t.key());
            t.fields().forEach(f -> assertTrue(f.name().matches("[a-z][a-z0-9_]*"), f.name()));
        }
        assertEquals(List.of("account_id", "device_id", "date"), DeviceDay.TYPE.key());
        assertEquals(FieldType.MONEY, Device.TYPE.field("unit_cost").orElseThrow().type());
        assertEquals(List.of("field_service", "logistics", "rma", "replacement", "firmware_update"),
                ServiceEvent.TYPE.field("kind").orElseThrow().codes());
    }

    @Test
    void everyRecordRoundTripsThroughItsRow() {
        assertEquals(FULL, Device.TYPE.fromRow(Device.TYPE.toRow(FULL)));
        assertEquals("600.50", ((Money) Device.TYPE.toRow(FULL).values().get("unit_cost")).toDecimalString());
        assertEquals("EUR", Device.TYPE.toRow(FULL).values().get("currency"));
        assertEquals("retired", Device.TYPE.toRow(FULL).values().get("status"));
        Device bare = new Device("acct-1", "d-2", "EG-500", Optional.empty(), AS_OF, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DeviceStatus.IN_REPAIR, Optional.empty());
        assertEquals(bare, Device.TYPE.fromRow(Device.TYPE.toRow(bare)));
        assertEquals(List.of("account_id", "device_id", "model", "installed_on", "status"),
                List.copyOf(Device.TYPE.toRow(bare).values().keySet().stream().sorted(
                        java.util.Comparator.comparing(k -> Device.TYPE.fields().stream().map(f -> f.name()).toList().indexOf(k)))
                        .toList()));
        DeviceDay day = new DeviceDay("acct-1", "d-1", AS_OF, 1380, 2);
        assertEquals(day, DeviceDay.TYPE.fromRow(DeviceDay.TYPE.toRow(day)));
        ServiceEvent open = new ServiceEvent("acct-1", "e-1", Optional.empty(), ServiceKind.LOGISTICS, AS_OF, Optional.empty(),
                Optional.empty());
        assertEquals(open, ServiceEvent.TYPE.fromRow(ServiceEvent.TYPE.toRow(open)));
        assertFalse(ServiceEvent.TYPE.toRow(open).values().containsKey("resolved"), "absent values are left out");
        ServiceEvent visit = Fixtures.event("acct-1", "e-2", "d-1", ServiceKind.FIELD_SERVICE, AS_OF, AS_OF.plusDays(2));
        assertEquals(visit, ServiceEvent.TYPE.fromRow(ServiceEvent.TYPE.toRow(visit)));
    }

    @Test
    void defaultsApplyWhenOptionalValuesAreMissing() {
        Device d = Device.TYPE.fromRow(new Row(Map.of("account_id", "a", "device_id", "d", "model", "m", "installed_on", AS_OF)));
        assertEquals(DeviceStatus.ACTIVE, d.status());
        assertEquals(0, DeviceDay.TYPE.fromRow(new Row(Map.of("account_id", "a", "device_id", "d", "date", AS_OF,
                "uptime_minutes", 1440L))).faults());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertEquals("uptime_minutes 1441 is not between 0 and 1440", assertThrows(IllegalArgumentException.class,
                () -> new DeviceDay("a", "d", AS_OF, 1441, 0)).getMessage());
        assertEquals("retired_on is required when status is retired", assertThrows(IllegalArgumentException.class,
                () -> new Device("a", "d", "m", Optional.empty(), AS_OF, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), DeviceStatus.RETIRED, Optional.empty())).getMessage());
        assertEquals("retired_on 2026-05-31 is before installed_on 2026-06-01", assertThrows(IllegalArgumentException.class,
                () -> new Device("a", "d", "m", Optional.empty(), AS_OF, Optional.of(AS_OF.minusDays(1)), Optional.empty(),
                        Optional.empty(), Optional.empty(), DeviceStatus.RETIRED, Optional.empty())).getMessage());
        assertEquals("unit_cost -1.00 is negative", assertThrows(IllegalArgumentException.class,
                () -> new Device("a", "d", "m", Optional.empty(), AS_OF, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), DeviceStatus.ACTIVE, Optional.of(Money.ofMinor(-100, "USD")))).getMessage());
        assertEquals("resolved 2026-05-31 is before opened 2026-06-01", assertThrows(IllegalArgumentException.class,
                () -> Fixtures.event("a", "e", null, ServiceKind.RMA, AS_OF, AS_OF.minusDays(1))).getMessage());
        assertEquals("kind 'repair' is not one of field_service, logistics, rma, replacement, firmware_update",
                assertThrows(IllegalArgumentException.class, () -> ServiceEvent.TYPE.fromRow(new Row(Map.of("account_id", "a",
                        "event_id", "e", "kind", "repair", "opened", AS_OF)))).getMessage());
    }

    @Test
    void aDeviceIsInTheFleetFromItsInstallationToTheDayBeforeItsRetirement() {
        assertFalse(FULL.inFleetOn(LocalDate.of(2025, 1, 4)));
        assertTrue(FULL.inFleetOn(LocalDate.of(2025, 1, 5)));
        assertTrue(FULL.inFleetOn(LocalDate.of(2026, 1, 31)));
        assertFalse(FULL.inFleetOn(LocalDate.of(2026, 2, 1)));
    }
}
