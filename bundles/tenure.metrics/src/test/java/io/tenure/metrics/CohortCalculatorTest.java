package io.tenure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

class CohortCalculatorTest {
    private final List<Account> accounts = new ArrayList<>();
    private final List<ArrMovement> movements = new ArrayList<>();

    private void move(String account, String date, MovementType type, MovementKind kind, long dollars) {
        if (accounts.stream().noneMatch(a -> a.id().equals(account))) {
            accounts.add(new Account(account, account, Vertical.PLG, Optional.empty(), Optional.empty(), Optional.empty(),
                    LocalDate.parse(date), JourneyStage.ADOPTION, Optional.empty(), Optional.empty()));
        }
        movements.add(new ArrMovement(account, "m" + movements.size(), LocalDate.parse(date), type, Optional.ofNullable(kind),
                Money.ofMinor(dollars * 100, "USD"), MovementSource.CS_LED, Optional.empty()));
    }

    @Test
    void followsEachCohortByAgeIgnoringExpansionInGrrAndFlagsTheOneBelowItsElders() {
        // 2024-Q1: two accounts of 100; one expands by 50 in Q2, the other contracts by 10 in Q3
        move("a", "2024-01-10", MovementType.NEW, null, 100);
        move("b", "2024-02-10", MovementType.NEW, null, 100);
        move("a", "2024-05-01", MovementType.EXPANSION, MovementKind.SEAT, 50);
        move("b", "2024-08-01", MovementType.CONTRACTION, MovementKind.SEAT, 10);
        // 2024-Q2: one account of 200 that churns in its first quarter after acquisition
        move("c", "2024-04-05", MovementType.NEW, null, 200);
        move("c", "2024-07-15", MovementType.CHURN, MovementKind.VOLUNTARY, 200);
        List<CohortCalculator.Cohort> cohorts = CohortCalculator.compute(RevenueLedger.of(accounts, movements), io.tenure.api.metrics.ReportingPeriod.Length.QUARTER,
                LocalDate.of(2024, 12, 31), a -> true, new BigDecimal("0.02"));
        assertEquals(List.of("2024-Q1", "2024-Q2"), cohorts.stream().map(CohortCalculator.Cohort::label).toList());
        CohortCalculator.Cohort q1 = cohorts.get(0);
        assertEquals(2, q1.accounts());
        assertEquals(20_000, q1.initialArr());
        assertEquals(List.of(d("1"), d("1"), d("0.95"), d("0.95")), q1.grr(), "Q2 expansion is not counted; Q3 contraction is");
        assertEquals(List.of(d("1"), d("1.25"), d("1.2"), d("1.2")), q1.nrr());
        CohortCalculator.Cohort q2 = cohorts.get(1);
        assertEquals(List.of(d("1"), d("0"), d("0")), q2.grr());
        assertEquals(List.of(1, 2), q2.degradedAges(), "below the older cohort at ages 1 and 2");
        assertEquals(List.of(), q1.degradedAges());
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v).setScale(RetentionCalculator.RATIO_SCALE);
    }
}
