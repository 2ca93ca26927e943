package io.tenure.playbooks.triggers;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import io.tenure.api.health.AccountHistory;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;

/**
 * What the default triggers share: the settings PID they are configured under ({@code io.tenure.playbooks.<name>}),
 * and episode keys by calendar period so a lasting condition is raised once a period, not every day.
 */
abstract class Trigger implements PlaybookTrigger {
    static final String PID_PREFIX = "io.tenure.playbooks.";

    private final String name;
    private final String playbook;

    Trigger(String name, String playbook) {
        this.name = name;
        this.playbook = playbook;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String playbook() {
        return playbook;
    }

    static String quarter(LocalDate day) {
        return ReportingPeriod.Length.QUARTER.holding(day).label();
    }

    static String month(LocalDate day) {
        return ReportingPeriod.Length.MONTH.holding(day).label();
    }

    static LocalDate day(java.time.Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    static Duration hours(int h) {
        return Duration.ofHours(h);
    }

    static Duration days(int d) {
        return Duration.ofDays(d);
    }

    /** {@code percent} of the account's ARR, the expansion in reach when a signal has no better estimate. */
    static Optional<Money> shareOfArr(AccountHistory h, int percent) {
        return h.arr().map(a -> a.times(java.math.BigDecimal.valueOf(percent, 2)));
    }

    /** Whether the account is gone: churned now, so no play but re-engagement applies. */
    static boolean churned(PlaybookContext c) {
        return c.account().stage() == io.tenure.api.account.JourneyStage.CHURNED;
    }
}
