package io.tenure.vertical.haas;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tenure.api.money.Money;
import io.tenure.api.revenue.ArrMovement;

/**
 * Gross-margin retention of hardware-as-a-service accounts over a period [from, to), from the ARR movement ledger
 * and the fleets' per-unit marginal cost.
 *
 * <p>For each account: ARR at the start = its movements dated before {@code from}; ARR at the end = that plus its
 * movements in [from, to). Fleet cost on a day = the yearly unit cost of each device in its fleet that day (the
 * configured default for a device without one). Margin = ARR − fleet cost, taken on the day before {@code from}
 * (start) and the day before {@code to} (end).
 *
 * <p>The cohort is the accounts with ARR &gt; 0 at the start, as for GRR (DOMAIN.md §3); new logos signed in the
 * period are left out. GRR with margin = Σ kept ÷ Σ starting margin over the cohort accounts whose starting margin is
 * positive, where kept = min(starting margin, max(0, ending margin)): like GRR it never rises above 100% (expansion
 * does not count) and an account cannot lose more than the margin it had; a churned account keeps nothing. Cohort
 * accounts whose fleet cost already met or exceeded their ARR at the start have no margin to retain and are counted
 * apart. All sums are exact minor units; ratios have six decimals.
 */
final class MarginRetention {
    static final int SCALE = 6;

    private MarginRetention() {
    }

    /** One account over the period, amounts in minor units. */
    record AccountPeriod(String accountId, long startArr, long endArr, long expansion, long contraction, long churn,
            long startCost, long endCost) {
        long startMargin() {
            return startArr - startCost;
        }

        long endMargin() {
            return endArr - endCost;
        }

        long keptMargin() {
            return Math.min(startMargin(), Math.max(0, endMargin()));
        }

        boolean inCohort() {
            return startArr > 0;
        }
    }

    /** The period's figures; amounts in minor units of {@code currency}. */
    record Result(LocalDate from, LocalDate to, String currency, List<AccountPeriod> accounts, int cohortAccounts,
            int retainedAccounts, long startingArr, long contractionArr, long churnedArr, long startingCost,
            int marginAccounts, long startingMargin, long keptMargin, long marginLostToChurn, long marginLostToContraction,
            int accountsWithoutMargin, long marginOfAccountsWithoutMargin) {

        /** §3 GRR on ARR for the same cohort: (starting − contraction − churn) ÷ starting. */
        Optional<BigDecimal> grr() {
            return ratio(startingArr - contractionArr - churnedArr, startingArr);
        }

        /** Σ kept margin ÷ Σ starting margin. */
        Optional<BigDecimal> grrMargin() {
            return ratio(keptMargin, startingMargin);
        }

        Optional<BigDecimal> logoRetention() {
            return ratio(retainedAccounts, cohortAccounts);
        }
    }

    static Optional<BigDecimal> ratio(long numerator, long denominator) {
        return denominator <= 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_EVEN));
    }

    /**
     * @param movements the ledger of the accounts to include, by account id (every account with a movement is included)
     * @param fleet the fleets (accounts without one have no fleet cost)
     * @param defaultUnitCost the yearly cost of a device without one; its currency is the ledger's
     */
    static Result compute(Map<String, List<ArrMovement>> movements, Fleet fleet, LocalDate from, LocalDate to,
            Money defaultUnitCost) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        String currency = defaultUnitCost.currency().getCurrencyCode();
        List<AccountPeriod> periods = new ArrayList<>();
        for (Map.Entry<String, List<ArrMovement>> e : movements.entrySet()) {
            periods.add(period(e.getKey(), e.getValue(), fleet, from, to, defaultUnitCost));
        }
        periods.sort(java.util.Comparator.comparing(AccountPeriod::accountId));
        int cohort = 0;
        int retained = 0;
        long startArr = 0;
        long contraction = 0;
        long churn = 0;
        long startCost = 0;
        int marginAccounts = 0;
        long startMargin = 0;
        long kept = 0;
        long lostToChurn = 0;
        long lostToContraction = 0;
        int withoutMargin = 0;
        long marginWithout = 0;
        for (AccountPeriod p : periods) {
            if (!p.inCohort()) {
                continue;
            }
            cohort++;
            retained += p.endArr() > 0 ? 1 : 0;
            startArr += p.startArr();
            contraction += p.contraction();
            churn += p.churn();
            startCost += p.startCost();
            if (p.startMargin() <= 0) {
                withoutMargin++;
                marginWithout += p.startMargin();
                continue;
            }
            marginAccounts++;
            startMargin += p.startMargin();
            kept += p.keptMargin();
            long lost = p.startMargin() - p.keptMargin();
            if (p.endArr() <= 0) {
                lostToChurn += lost;
            } else {
                lostToContraction += lost;
            }
        }
        return new Result(from, to, currency, List.copyOf(periods), cohort, retained, startArr, contraction, churn, startCost,
                marginAccounts, startMargin, kept, lostToChurn, lostToContraction, withoutMargin, marginWithout);
    }

    private static AccountPeriod period(String accountId, Collection<ArrMovement> movements, Fleet fleet, LocalDate from,
            LocalDate to, Money defaultUnitCost) {
        long start = 0;
        long change = 0;
        long expansion = 0;
        long contraction = 0;
        long churn = 0;
        for (ArrMovement m : movements) {
            if (!m.amount().currency().equals(defaultUnitCost.currency()) || !m.date().isBefore(to)) {
                continue;
            }
            long signed = m.signedAmount().minorUnits();
            if (m.date().isBefore(from)) {
                start += signed;
                continue;
            }
            change += signed;
            switch (m.type()) {
                case EXPANSION, REACTIVATION, NEW -> expansion += m.amount().minorUnits();
                case CONTRACTION -> contraction += m.amount().minorUnits();
                case CHURN -> churn += m.amount().minorUnits();
            }
        }
        if (start <= 0) {
            // not in the cohort: what it does in the period is not retention
            expansion = contraction = churn = 0;
        }
        Optional<AccountFleet> f = fleet.of(accountId);
        long startCost = f.map(a -> a.cost(from.minusDays(1), defaultUnitCost).minorUnits()).orElse(0L);
        long endCost = f.map(a -> a.cost(to.minusDays(1), defaultUnitCost).minorUnits()).orElse(0L);
        return new AccountPeriod(accountId, start, start + change, expansion, contraction, churn, startCost, endCost);
    }
}
