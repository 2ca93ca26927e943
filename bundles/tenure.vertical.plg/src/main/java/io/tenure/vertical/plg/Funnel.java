package io.tenure.vertical.plg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.tenure.api.account.Account;
import io.tenure.api.revenue.ArrMovement;
import io.tenure.api.revenue.Subscription;

/**
 * The conversion funnel of the trials started in a period: trials, activated in their window, product-qualified
 * during the trial, paid (converted by the as-of day); and the workspaces product-qualified today.
 *
 * @param trials the trials started in the period, by start date then account
 * @param current the free or trial workspaces product-qualified on the as-of day, most valuable first
 */
record Funnel(List<Trial> trials, List<Current> current) {

    /** One trial of the cohort and how far down the funnel it went. */
    record Trial(Account account, Subscription trial, boolean activated, boolean pql, Optional<ArrMovement> conversion) {
        long daysToConvert() {
            return conversion.map(m -> ChronoUnit.DAYS.between(trial.start(), m.date())).orElseThrow();
        }
    }

    /** A workspace product-qualified today. */
    record Current(Account account, Workspaces.Pql pql) {
    }

    static Funnel of(PlgBook book, Plg.Config c, List<String> core, LocalDate from, LocalDate to, LocalDate asOf) {
        List<Trial> trials = new ArrayList<>();
        List<Current> current = new ArrayList<>();
        for (Account a : book.accounts().values()) {
            List<Subscription> subs = book.subscriptionsOf(a.id());
            for (Subscription s : subs) {
                if (Workspaces.isTrial(s) && !s.start().isBefore(from) && s.start().isBefore(to) && s.start().isBefore(asOf)) {
                    trials.add(new Trial(a, s, Workspaces.activated(c, core, s, book.usageOf(a.id()), asOf),
                            Workspaces.reachedPql(c, s, book.usageOf(a.id()), asOf),
                            Workspaces.conversion(s, book.newMovementsOf(a.id())).filter(m -> m.date().isBefore(asOf))));
                }
            }
            Workspaces.pql(c, subs, book.usageOf(a.id()), asOf).ifPresent(p -> current.add(new Current(a, p)));
        }
        trials.sort(Comparator.comparing((Trial t) -> t.trial().start()).thenComparing(t -> t.account().id()));
        current.sort(Comparator.comparing((Current p) -> p.pql().value()).reversed().thenComparing(p -> p.account().id()));
        return new Funnel(List.copyOf(trials), List.copyOf(current));
    }

    long activated() {
        return trials.stream().filter(Trial::activated).count();
    }

    long productQualified() {
        return trials.stream().filter(Trial::pql).count();
    }

    long converted() {
        return trials.stream().filter(t -> t.conversion().isPresent()).count();
    }

    /** The median days from trial start to conversion over the converted trials; empty without one. */
    Optional<BigDecimal> medianDaysToConvert() {
        long[] days = trials.stream().filter(t -> t.conversion().isPresent()).mapToLong(Trial::daysToConvert).sorted().toArray();
        if (days.length == 0) {
            return Optional.empty();
        }
        int mid = days.length / 2;
        return Optional.of(days.length % 2 == 1 ? BigDecimal.valueOf(days[mid]).setScale(1)
                : BigDecimal.valueOf(days[mid - 1] + days[mid]).divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY));
    }

    static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }
}
