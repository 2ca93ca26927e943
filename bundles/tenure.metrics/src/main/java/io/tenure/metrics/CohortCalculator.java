package io.tenure.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.account.Account;
import io.tenure.api.revenue.MovementType;

/**
 * Cohort retention: accounts grouped by the period of their first new-logo movement (acquisition), their ARR followed
 * at the end of every later complete period. At age k (periods after acquisition): NRR_k = cohort ARR at the end of
 * period k ÷ cohort ARR at the end of the acquisition period; GRR_k = Σ min(account ARR at k, its ARR at acquisition)
 * ÷ the same denominator (expansion ignored, contraction and churn counted). A cohort is degraded at an age where its
 * GRR is more than {@code tolerance} below the average of the older cohorts at the same age.
 */
public final class CohortCalculator {
    private CohortCalculator() {
    }

    /** One acquisition cohort: its label, size, starting ARR (minor units) and its ratios by age. */
    public record Cohort(String label, LocalDate start, int accounts, long initialArr, List<BigDecimal> grr,
            List<BigDecimal> nrr, List<Integer> degradedAges) {
    }

    public static List<Cohort> compute(RevenueLedger ledger, ReportingPeriod.Length by, LocalDate asOf, Predicate<Account> filter,
            BigDecimal tolerance) {
        int n = ledger.accounts.size();
        int[] acquiredDay = new int[n];
        java.util.Arrays.fill(acquiredDay, Integer.MAX_VALUE);
        int asOfDay = RevenueLedger.epochDay(asOf);
        for (int i = 0; i < ledger.size(); i++) {
            int a = ledger.account[i];
            if (ledger.type(i) == MovementType.NEW && ledger.day[i] < acquiredDay[a] && ledger.day[i] <= asOfDay) {
                acquiredDay[a] = ledger.day[i];
            }
        }
        int first = Integer.MAX_VALUE;
        boolean[] included = new boolean[n];
        for (int a = 0; a < n; a++) {
            included[a] = acquiredDay[a] != Integer.MAX_VALUE && filter.test(ledger.accounts.get(a));
            if (included[a]) {
                first = Math.min(first, acquiredDay[a]);
            }
        }
        if (first == Integer.MAX_VALUE) {
            return List.of();
        }
        // complete periods from the first acquisition to as-of
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate s = by.holding(LocalDate.ofEpochDay(first)).from(); !by.holding(s).to().isAfter(asOf.plusDays(1));
                s = by.holding(s).to()) {
            starts.add(s);
        }
        int periods = starts.size();
        int[] cohortOf = new int[n];
        for (int a = 0; a < n; a++) {
            cohortOf[a] = included[a] ? indexOf(starts, by.holding(LocalDate.ofEpochDay(acquiredDay[a])).from()) : -1;
        }
        long[][] nrrSum = new long[periods][];
        long[][] grrSum = new long[periods][];
        long[] initial = new long[n];
        long[] initialSum = new long[periods];
        int[] size = new int[periods];
        for (int c = 0; c < periods; c++) {
            nrrSum[c] = new long[periods - c];
            grrSum[c] = new long[periods - c];
        }
        long[] arr = new long[n];
        int i = 0;
        for (int p = 0; p < periods; p++) {
            int end = RevenueLedger.epochDay(by.holding(starts.get(p)).to());
            for (; i < ledger.size() && ledger.day[i] < end; i++) {
                arr[ledger.account[i]] += ledger.signed(i);
            }
            for (int a = 0; a < n; a++) {
                int c = cohortOf[a];
                if (c < 0 || c > p) {
                    continue;
                }
                if (c == p) {
                    initial[a] = Math.max(0, arr[a]);
                    initialSum[c] += initial[a];
                    size[c]++;
                }
                long now = Math.max(0, arr[a]);
                nrrSum[c][p - c] += now;
                grrSum[c][p - c] += Math.min(now, initial[a]);
            }
        }
        List<Cohort> cohorts = new ArrayList<>();
        for (int c = 0; c < periods; c++) {
            if (size[c] == 0) {
                continue;
            }
            List<BigDecimal> grr = new ArrayList<>();
            List<BigDecimal> nrr = new ArrayList<>();
            for (int age = 0; age < periods - c; age++) {
                grr.add(RetentionCalculator.ratio(grrSum[c][age], initialSum[c]));
                nrr.add(RetentionCalculator.ratio(nrrSum[c][age], initialSum[c]));
            }
            cohorts.add(new Cohort(by.holding(starts.get(c)).label(), starts.get(c), size[c], initialSum[c], grr, nrr,
                    new ArrayList<>()));
        }
        flagDegraded(cohorts, tolerance);
        return cohorts;
    }

    private static void flagDegraded(List<Cohort> cohorts, BigDecimal tolerance) {
        for (int c = 1; c < cohorts.size(); c++) {
            Cohort cohort = cohorts.get(c);
            for (int age = 0; age < cohort.grr().size(); age++) {
                BigDecimal sum = BigDecimal.ZERO;
                int older = 0;
                for (int o = 0; o < c; o++) {
                    BigDecimal v = cohorts.get(o).grr().get(age);
                    if (v != null) {
                        sum = sum.add(v);
                        older++;
                    }
                }
                BigDecimal mine = cohort.grr().get(age);
                if (older > 0 && mine != null && mine.compareTo(sum.divide(BigDecimal.valueOf(older), RetentionCalculator.RATIO_SCALE,
                        java.math.RoundingMode.HALF_EVEN).subtract(tolerance)) < 0) {
                    cohort.degradedAges().add(age);
                }
            }
        }
    }

    private static int indexOf(List<LocalDate> starts, LocalDate start) {
        int i = java.util.Collections.binarySearch(starts, start);
        return i >= 0 ? i : -1;
    }
}
