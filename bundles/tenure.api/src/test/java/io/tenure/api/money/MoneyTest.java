package io.tenure.api.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesMajorUnitsExactly() {
        Money m = Money.parse("12000.50", "usd");
        assertEquals(1_200_050, m.minorUnits());
        assertEquals("USD", m.currency().getCurrencyCode());
        assertEquals("12000.50", m.toDecimalString());
        assertEquals(Money.parse("0.1", "USD").plus(Money.parse("0.2", "USD")), Money.parse("0.3", "USD"));
    }

    @Test
    void respectsCurrencyPrecision() {
        assertEquals(1500, Money.parse("1500", "JPY").minorUnits());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse("1.5", "JPY"));
        assertTrue(e.getMessage().contains("0 decimal places"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1.005", "USD"));
        assertEquals(100, Money.parse("1.000", "USD").minorUnits());
    }

    @Test
    void refusesBadInputWithTheValueInTheMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Money.parse("12,5", "USD"))
                .getMessage().contains("'12,5'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Money.parse("1", "XYZ1"))
                .getMessage().contains("'XYZ1'"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("99999999999999999999", "USD"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThrows(IllegalArgumentException.class,
                () -> Money.parse("1", "USD").plus(Money.parse("1", "EUR")));
        assertThrows(IllegalArgumentException.class,
                () -> Money.parse("1", "USD").compareTo(Money.parse("1", "EUR")));
    }

    @Test
    void arithmeticOverflowIsAnErrorNotAWrap() {
        Money max = new Money(Long.MAX_VALUE, Money.currency("USD"));
        assertThrows(ArithmeticException.class, () -> max.plus(Money.ofMinor(1, "USD")));
    }
}
