package io.tenure.vertical.marketplace;

import java.math.BigDecimal;
import java.util.Optional;

import io.tenure.api.account.JourneyStage;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;

/** Which paying accounts get a CSM's side play and which the long-tail tech-touch one. */
final class Paying {
    private Paying() {
    }

    /** The account's ARR as of the context's day; empty when it has no active contract or has churned. */
    static Optional<Money> arr(PlaybookContext context) {
        if (context.account().stage() == JourneyStage.CHURNED) {
            return Optional.empty();
        }
        return context.history().arr().filter(Money::isPositive);
    }

    /** Whether {@code arr} is below the tech-touch ceiling (in major units of its currency). */
    static boolean longTail(Money arr, Marketplace.Config c) {
        return arr.toBigDecimal().compareTo(BigDecimal.valueOf(c.techTouchArr())) < 0;
    }

    /** The quarter holding the context's day, e.g. {@code 2026-Q2}: one episode a quarter for a lasting situation. */
    static String quarter(PlaybookContext context) {
        return ReportingPeriod.Length.QUARTER.holding(context.asOf()).label();
    }
}
