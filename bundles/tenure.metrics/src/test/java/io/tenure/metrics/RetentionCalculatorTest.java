package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tenure.api.account.Account;
import io.tenure.api.account.JourneyStage;
import io.tenure.api.account.Vertical;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;

/** The worked examples of DOMAIN.md §3, reproduced exactly. */
class RetentionCalculatorTest {
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 1, 1);

    private final List<Account> accounts = new ArrayList<>();
    private final List<ArrMovement> movements = new ArrayList<>();

    private void account(String id, Vertical vertical, LocalDate signed) {
        accounts.add(new Account(id, id, vertical, Optional.empty(), Optional.empty(), Optional.empty(), signed,
                JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
    }

    private void move(String account, LocalDate date, MovementType type, MovementKind kind, long dollars) {
        movements.add(new ArrMovement(account, "m" + movements.size(), date, type, Optional.ofNullable(kind),
                Money.ofMinor(dollars * 100, "USD"), MovementSource.CS_LED, Optional.empty()));
    }

    @Test
    void startingHundredMillionWithEightChurnThreeContractionThirtyOneExpansionIsNrr120Grr89() {
        for (int i = 0; i < 100; i++) {
            account("a" + i, Vertical.ENTERPRISE, LocalDate.of(2023, 6, 1));
            move("a" + i, LocalDate.of(2023, 6, 1), MovementType.NEW, null, 1_000_000);
        }
        for (int i = 0; i < 8; i++) {
            move("a" + i, LocalDate.of(2025, 3, 1), MovementType.CHURN, MovementKind.VOLUNTARY, 1_000_000);
        }
        for (int i = 10; i < 16; i++) {
            move("a" + i, LocalDate.of(2025, 5, 1), MovementType.CONTRACTION, MovementKind.SEAT, 500_000);
        }
        for (int i = 20; i < 51; i++) {
            move("a" + i, LocalDate.of(2025, 7, 1), MovementType.EXPANSION, MovementKind.TIER, 1_000_000);
        }
        account("newco", Vertical.ENTERPRISE, LocalDate.of(2025, 2, 1));
        move("newco", LocalDate.of(2025, 2, 1), MovementType.NEW, null, 5_000_000);
        move("newco", LocalDate.of(2025, 9, 1), MovementType.EXPANSION, MovementKind.SEAT, 2_000_000);
        move("a99", TO, MovementType.CHURN, MovementKind.VOLUNTARY, 1_000_000); // the day after the period
        RetentionCalculator.Retention r = RetentionCalculator.compute(RevenueLedger.of(accounts, movements), FROM, TO, a -> true);
        assertEquals(100, r.cohortAccounts());
        assertEquals(10_000_000_000L, r.startingArr());
        assertEquals(3_100_000_000L, r.expansionArr(), "newco's expansion is not the cohort's");
        assertEquals(new BigDecimal("1.200000"), r.nrr());
        assertEquals(new BigDecimal("0.890000"), r.grr());
        assertEquals(new BigDecimal("0.920000"), r.logoRetention());
        assertEquals(Band.STRONG, Band.ofNrr(r.nrr()), "120% is the top of strong; best in class is above");
        assertEquals(Band.ACCEPTABLE, Band.ofGrr(r.grr()));
        assertEquals(8, r.voluntaryChurnLogos());
        assertEquals(6, r.contractedLogos());
        assertEquals(500_000_000L, r.newLogoArr());
        assertEquals(new BigDecimal("0.861111"), r.expansionShareOfGrowth(), "31 / (31 + 5)");
    }

    @Test
    void hundredCustomersAtFiftyThousandGrowFifteenPercentWithFifteenPercentChurnAndTwentyFiveWithFive() {
        assertEquals(new BigDecimal("0.150000"), growth(15));
        assertEquals(new BigDecimal("0.250000"), growth(5));
    }

    private BigDecimal growth(int churnedCustomers) {
        accounts.clear();
        movements.clear();
        for (int i = 0; i < 100; i++) {
            account("c" + i, Vertical.PLG, LocalDate.of(2024, 1, 1));
            move("c" + i, LocalDate.of(2024, 1, 1), MovementType.NEW, null, 50_000);
        }
        for (int i = 0; i < churnedCustomers; i++) {
            move("c" + i, LocalDate.of(2025, 6, 1), MovementType.CHURN, MovementKind.INVOLUNTARY, 50_000);
        }
        for (int i = 0; i < 30; i++) { // +30% new-logo ARR: $1.5M
            account("n" + i, Vertical.PLG, LocalDate.of(2025, 4, 1));
            move("n" + i, LocalDate.of(2025, 4, 1), MovementType.NEW, null, 50_000);
        }
        RetentionCalculator.Retention r = RetentionCalculator.compute(RevenueLedger.of(accounts, movements), FROM, TO, a -> true);
        assertEquals(500_000_000L, r.startingArr());
        assertEquals(churnedCustomers, r.involuntaryChurnLogos());
        return r.arrGrowth();
    }

    @Test
    void filtersCutTheCohortAndAnEmptyCohortHasNoRatios() {
        account("e", Vertical.ENTERPRISE, LocalDate.of(2024, 2, 1));
        move("e", LocalDate.of(2024, 2, 1), MovementType.NEW, null, 1_000);
        account("p", Vertical.PLG, LocalDate.of(2024, 5, 1));
        move("p", LocalDate.of(2024, 5, 1), MovementType.NEW, null, 333);
        move("p", LocalDate.of(2025, 5, 1), MovementType.CONTRACTION, MovementKind.SEAT, 111);
        RevenueLedger ledger = RevenueLedger.of(accounts, movements);
        RetentionCalculator.Retention plg = RetentionCalculator.compute(ledger, FROM, TO, a -> a.vertical() == Vertical.PLG);
        assertEquals(1, plg.cohortAccounts());
        assertEquals(new BigDecimal("0.666667"), plg.grr(), "222 / 333, exact sums then one rounding");
        RetentionCalculator.Retention none = RetentionCalculator.compute(ledger, FROM, TO, a -> a.vertical() == Vertical.HAAS);
        assertEquals(0, none.cohortAccounts());
        assertNull(none.nrr());
        assertNull(none.grr());
    }
}
