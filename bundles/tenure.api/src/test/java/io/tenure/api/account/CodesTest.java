package io.tenure.api.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tenure.api.security.Role;

class CodesTest {

    @Test
    void parsesCodesCaseAndDashInsensitively() {
        assertEquals(Vertical.HAAS, Vertical.parse(" HaaS "));
        assertEquals(Segment.MID_MARKET, Segment.parse("mid-market"));
        assertEquals(JourneyStage.RENEWAL_EXPANSION, JourneyStage.parse("renewal_expansion"));
        assertEquals("tech_touch", TouchModel.TECH_TOUCH.code());
    }

    @Test
    void unknownCodeNamesTheValueAndTheChoices() {
        String message = assertThrows(IllegalArgumentException.class, () -> Vertical.parse("retail")).getMessage();
        assertEquals("vertical 'retail' is not one of enterprise, plg, marketplace, haas", message);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Role.parse(null)).getMessage().contains("admin"));
    }

    @Test
    void rolesAreOrdered() {
        assertTrue(Role.ADMIN.includes(Role.CSM));
        assertTrue(Role.CSM.includes(Role.VIEWER));
        assertTrue(!Role.VIEWER.includes(Role.CSM));
    }
}
