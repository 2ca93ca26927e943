package io.tenure.vertical.marketplace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tenure.api.revenue.ArrMovement;

/**
 * Period retention of one side, exactly as DOMAIN.md §3 defines it, over the accounts of that side only: the cohort is
 * the side's accounts with ARR &gt; 0 just before {@code from} (the sum of their movements dated before it); only their
 * movements inside [from, to) count, so new logos and everything they do are left out. Expansion includes a cohort
 * account's reactivations (and a second "new"), as in the core retention metric. Sums are exact minor units.
 */
final class SideRetention {
    /** Scale of the ratios (1.234567 = 123.4567%), as in the core retention metric. */
    static final int RATIO_SCALE = 6;

    private SideRetention() {
    }

    /** The figures of one side for one period; amounts in minor units of {@code currency}. */
    record Retention(String currency, int cohortAccounts, int retainedAccounts, long startingArr, long expansionArr,
            long contractionArr, long churnedArr, long endingArr) {

        /** (starting + expansion − contraction − churn) ÷ starting; null without a cohort. */
        BigDecimal nrr() {
            return ratio(startingArr + expansionArr - contractionArr - churnedArr, startingArr);
        }

        /** (starting − contraction − churn) ÷ starting, never above 1; null without a cohort. */
        BigDecimal grr() {
            return ratio(startingArr - contractionArr - churnedArr, startingArr);
        }

        /** Cohort accounts with ARR &gt; 0 at the end ÷ cohort accounts; null without a cohort. */
        BigDecimal logoRetention() {
            return ratio(retainedAccounts, cohortAccounts);
        }
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * @param movements the ledger (any accounts; others are ignored)
     * @param side the accounts of the side
     * @throws IllegalStateException when the side's movements mix currencies
     */
    static Retention compute(List<ArrMovement> movements, Set<String> side, LocalDate from, LocalDate to) {
        Set<String> currencies = new TreeSet<>();
        Map<String, Long> start = new HashMap<>();
        for (ArrMovement m : movements) {
            if (side.contains(m.accountId())) {
                currencies.add(m.amount().currency().getCurrencyCode());
                if (m.date().isBefore(from)) {
                    start.merge(m.accountId(), m.signedAmount().minorUnits(), Long::sum);
                }
            }
        }
        if (currencies.size() > 1) {
            throw new IllegalStateException("the ARR movements of the side's accounts mix currencies " + currencies
                    + "; retention needs one reporting currency");
        }
        Set<String> cohort = new HashSet<>();
        start.forEach((a, arr) -> {
            if (arr > 0) {
                cohort.add(a);
            }
        });
        long expansion = 0;
        long contraction = 0;
        long churn = 0;
        Map<String, Long> end = new HashMap<>();
        for (String a : cohort) {
            end.put(a, start.get(a));
        }
        for (ArrMovement m : movements) {
            if (!cohort.contains(m.accountId()) || m.date().isBefore(from) || !m.date().isBefore(to)) {
                continue;
            }
            long amount = m.amount().minorUnits();
            switch (m.type()) {
                case EXPANSION, REACTIVATION, NEW -> expansion += amount;
                case CONTRACTION -> contraction += amount;
                case CHURN -> churn += amount;
            }
            end.merge(m.accountId(), m.signedAmount().minorUnits(), Long::sum);
        }
        long starting = cohort.stream().mapToLong(start::get).sum();
        long ending = end.values().stream().mapToLong(Long::longValue).sum();
        int retained = (int) end.values().stream().filter(v -> v > 0).count();
        return new Retention(currencies.isEmpty() ? "USD" : currencies.iterator().next(), cohort.size(), retained, starting,
                expansion, contraction, churn, ending);
    }
}
