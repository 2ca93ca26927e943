package io.tenure.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;

import io.tenure.api.account.Account;
import io.tenure.api.revenue.MovementKind;
import io.tenure.api.revenue.MovementSource;
import io.tenure.api.revenue.MovementType;

/**
 * Period retention over the ledger, exactly as DOMAIN.md §3 defines it. The cohort is the accounts with ARR > 0 just
 * before {@code from}; only their movements inside [from, to) count, so new logos signed in the period and everything
 * they do are left out. All sums are exact integers of minor units; ratios are computed from them.
 */
public final class RetentionCalculator {
    /** Scale of the ratios in answers (1.234567 = 123.4567%). */
    public static final int RATIO_SCALE = 6;

    private RetentionCalculator() {
    }

    /** The figures of one period. Amounts in minor units of {@code currency}. */
    public record Retention(LocalDate from, LocalDate to, String currency, int cohortAccounts, int retainedAccounts,
            long startingArr, long expansionArr, long contractionArr, long churnedArr, long endingArr,
            Map<MovementKind, Long> expansionByKind, long reactivationArr, Map<MovementSource, Long> expansionBySource,
            long involuntaryChurnArr, long voluntaryChurnArr, int involuntaryChurnLogos, int voluntaryChurnLogos,
            int contractedLogos, long newLogoArr, int newLogos, long totalStartingArr, long totalEndingArr) {

        /** (starting + expansion − contraction − churn) ÷ starting; null without a cohort. */
        public BigDecimal nrr() {
            return ratio(startingArr + expansionArr - contractionArr - churnedArr, startingArr);
        }

        /** (starting − contraction − churn) ÷ starting; never above 1; null without a cohort. */
        public BigDecimal grr() {
            return ratio(startingArr - contractionArr - churnedArr, startingArr);
        }

        public BigDecimal logoRetention() {
            return ratio(retainedAccounts, cohortAccounts);
        }

        /** Growth of all ARR (cohort, new logos and returning accounts) over the period: end ÷ start − 1. */
        public BigDecimal arrGrowth() {
            return ratio(totalEndingArr - totalStartingArr, totalStartingArr);
        }

        /** expansion ÷ (expansion + new-logo ARR); null when neither happened. */
        public BigDecimal expansionShareOfGrowth() {
            return ratio(expansionArr, expansionArr + newLogoArr);
        }
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    public static Retention compute(RevenueLedger ledger, LocalDate from, LocalDate to, Predicate<Account> filter) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        int n = ledger.accounts.size();
        boolean[] included = new boolean[n];
        for (int a = 0; a < n; a++) {
            included[a] = filter.test(ledger.accounts.get(a));
        }
        int fromDay = RevenueLedger.epochDay(from);
        int toDay = RevenueLedger.epochDay(to);
        long[] start = new long[n];
        long[] change = new long[n];
        byte[] churned = new byte[n]; // 1 voluntary, 2 involuntary (the last churn in the period)
        boolean[] contracted = new boolean[n];
        long expansion = 0;
        long contraction = 0;
        long churn = 0;
        long reactivation = 0;
        long involuntary = 0;
        long voluntary = 0;
        long newLogoArr = 0;
        int newLogos = 0;
        long outside = 0; // in-period change of accounts outside the cohort (new logos, returning accounts)
        Map<MovementKind, Long> byKind = new EnumMap<>(MovementKind.class);
        Map<MovementSource, Long> bySource = new EnumMap<>(MovementSource.class);
        int i = 0;
        int size = ledger.size();
        for (; i < size && ledger.day[i] < fromDay; i++) {
            int a = ledger.account[i];
            if (included[a]) {
                start[a] += ledger.signed(i);
            }
        }
        for (; i < size && ledger.day[i] < toDay; i++) {
            int a = ledger.account[i];
            if (!included[a]) {
                continue;
            }
            MovementType type = ledger.type(i);
            long amount = ledger.amount[i];
            if (start[a] <= 0) {
                outside += ledger.signed(i);
                if (type == MovementType.NEW) {
                    newLogoArr += amount;
                    newLogos++;
                }
                continue;
            }
            change[a] += ledger.signed(i);
            switch (type) {
                case EXPANSION, REACTIVATION -> {
                    expansion += amount;
                    if (type == MovementType.REACTIVATION) {
                        reactivation += amount;
                    } else {
                        ledger.kind(i).ifPresent(k -> byKind.merge(k, amount, Long::sum));
                    }
                    bySource.merge(ledger.source(i), amount, Long::sum);
                }
                case CONTRACTION -> {
                    contraction += amount;
                    contracted[a] = true;
                }
                case CHURN -> {
                    churn += amount;
                    boolean invol = ledger.kind(i).filter(MovementKind.INVOLUNTARY::equals).isPresent();
                    if (invol) {
                        involuntary += amount;
                    } else {
                        voluntary += amount;
                    }
                    churned[a] = (byte) (invol ? 2 : 1);
                }
                case NEW -> {
                    // a second "new" on an account that already pays is growth of that account
                    expansion += amount;
                    bySource.merge(ledger.source(i), amount, Long::sum);
                }
            }
        }
        int cohort = 0;
        int retained = 0;
        int involuntaryLogos = 0;
        int voluntaryLogos = 0;
        int contractedLogos = 0;
        long startingArr = 0;
        long endingArr = 0;
        for (int a = 0; a < n; a++) {
            if (start[a] <= 0) {
                continue;
            }
            cohort++;
            startingArr += start[a];
            long end = start[a] + change[a];
            endingArr += end;
            if (end > 0) {
                retained++;
            } else if (churned[a] == 2) {
                involuntaryLogos++;
            } else if (churned[a] == 1) {
                voluntaryLogos++;
            }
            if (contracted[a]) {
                contractedLogos++;
            }
        }
        long totalStart = 0;
        for (int a = 0; a < n; a++) {
            totalStart += Math.max(0, start[a]);
        }
        return new Retention(from, to, ledger.currency, cohort, retained, startingArr, expansion, contraction, churn, endingArr,
                byKind, reactivation, bySource, involuntary, voluntary, involuntaryLogos, voluntaryLogos, contractedLogos,
                newLogoArr, newLogos, totalStart, endingArr + outside);
    }
}
