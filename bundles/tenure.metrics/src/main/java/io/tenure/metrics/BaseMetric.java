package io.tenure.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.metrics.ReportingPeriod;

/** What every Tenure metric shares: its name, title and definition, and the period parameters most of them take. */
abstract class BaseMetric implements Metric {
    static final List<MetricParameter> PERIOD = List.of(new MetricParameter("from", "first day of the period, YYYY-MM-DD "
            + "(or give period)", false), new MetricParameter("to", "day after the period, YYYY-MM-DD (or give period)", false),
            new MetricParameter("period", "a quarter (2026-Q1), month (2026-03) or year (2026) instead of from and to", false));

    private final String name;
    private final String title;
    private final String definition;

    BaseMetric(String name, String title, String definition) {
        this.name = name;
        this.title = title;
        this.definition = definition;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String definition() {
        return definition;
    }

    /** The length of [from, to) in years of 365 days. */
    static java.math.BigDecimal years(LocalDate from, LocalDate to) {
        return java.math.BigDecimal.valueOf(java.time.temporal.ChronoUnit.DAYS.between(from, to))
                .divide(java.math.BigDecimal.valueOf(365), 6, java.math.RoundingMode.HALF_EVEN);
    }

    /**
     * The period [from, to) of the request: {@code period} (2026-Q1, 2026-03 or 2026) or {@code from} and {@code to}.
     *
     * @throws MetricException when both or neither are given, a date is bad, or they are not in order
     */
    static LocalDate[] period(MetricRequest request) throws MetricException {
        ReportingPeriod p = request.period(Optional.empty());
        return new LocalDate[] { p.from(), p.to() };
    }
}
