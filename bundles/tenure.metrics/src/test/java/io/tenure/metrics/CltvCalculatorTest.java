package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** CLTV worked examples of DOMAIN.md §3. */
class CltvCalculatorTest {

    private static CltvCalculator.Cltv cltv(String revenue, String churn, String margin, Optional<String> discount,
            Optional<String> cac) {
        return CltvCalculator.compute(new CltvCalculator.Inputs(new BigDecimal(revenue), CltvCalculator.rate(churn),
                CltvCalculator.rate(margin), Optional.empty(), discount.map(CltvCalculator::rate), cac.map(BigDecimal::new),
                Optional.empty()));
    }

    @Test
    void twelveThousandAtTenPercentChurnAndSeventyFivePercentMarginIsNinetyThousand() {
        CltvCalculator.Cltv c = cltv("12000", "10%", "0.75", Optional.empty(), Optional.of("30000"));
        assertEquals(new BigDecimal("90000.00"), c.churnBased());
        assertEquals(new BigDecimal("90000.00"), c.simple());
        assertEquals(new BigDecimal("10"), c.lifespanYears());
        assertEquals(new BigDecimal("3.0000"), c.ltvToCac().orElseThrow());
    }

    @Test
    void sevenPercentChurnIs128571() {
        assertEquals(new BigDecimal("128571.43"), cltv("12000", "0.07", "75%", Optional.empty(), Optional.empty()).churnBased());
    }

    @Test
    void discountingAtTheCostOfCapitalLowersTheValue() {
        // 9,000 of margin a year, 10% churn, 10% cost of capital: 9000 / (0.1 + 0.1)
        assertEquals(new BigDecimal("45000.00"), cltv("12000", "0.1", "0.75", Optional.of("10%"), Optional.empty())
                .discounted().orElseThrow());
    }

    @Test
    void refusesRatesOutsideTheirRange() {
        assertThrows(IllegalArgumentException.class, () -> cltv("12000", "0", "0.75", Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> cltv("12000", "0.1", "1.5", Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> CltvCalculator.rate("ten"));
    }
}
