package io.tenure.vertical.haas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The settings: DOMAIN defaults, and every bad value refused with its name, value and range. */
class ConfigTest {
    @Test
    void defaultsFollowTheBrief() {
        Haas.Config c = Fixtures.haas().config();
        assertEquals(99.5, c.uptimeTargetPercent());
        assertEquals(30, c.windowDays());
        assertEquals(180, c.firmwareAgeLimitDays());
        assertEquals(3, c.rmaFaults());
        assertEquals(3, c.followUpDays());
    }

    @Test
    void outOfRangeValuesAreRefusedByName() {
        assertEquals("io.tenure.vertical.haas windowDays 6 is not between 7 and 180", assertThrows(IllegalArgumentException.class,
                () -> Fixtures.haas(Map.of("windowDays", 6))).getMessage());
        assertEquals("io.tenure.vertical.haas uptimeTargetPercent 100.5 is not between 50.0 and 100.0",
                assertThrows(IllegalArgumentException.class, () -> Fixtures.haas(Map.of("uptimeTargetPercent", 100.5))).getMessage());
        assertEquals("io.tenure.vertical.haas uptimeFloorPercent 99.5 must be below uptimeTargetPercent 99.5",
                assertThrows(IllegalArgumentException.class, () -> Fixtures.haas(Map.of("uptimeFloorPercent", 99.5))).getMessage());
        assertEquals("io.tenure.vertical.haas faultRateGood 3.0 must be below faultRateBad 3.0",
                assertThrows(IllegalArgumentException.class, () -> Fixtures.haas(Map.of("faultRateGood", 3.0))).getMessage());
        assertEquals("io.tenure.vertical.haas rmaMinDays 31 is not between 1 and 30", assertThrows(IllegalArgumentException.class,
                () -> Fixtures.haas(Map.of("rmaMinDays", 31))).getMessage());
        assertEquals("io.tenure.vertical.haas defaultUnitCost -1 is not between 0 and 10000000",
                assertThrows(IllegalArgumentException.class, () -> Fixtures.haas(Map.of("defaultUnitCost", -1L))).getMessage());
        assertEquals(7, Fixtures.haas(Map.of("windowDays", 7)).config().windowDays(), "the bound itself is accepted");
    }
}
