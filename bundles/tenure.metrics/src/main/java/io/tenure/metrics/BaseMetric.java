package io.tenure.metrics;

import java.time.LocalDate;
import java.util.List;

import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricParameter;
import io.tenure.api.metrics.MetricRequest;

/** What every Tenure metric shares: its name, title and definition, and the period parameters most of them take. */
abstract class BaseMetric implements Metric {
    static final List<MetricParameter> PERIOD = List.of(new MetricParameter("from", "first day of the period, YYYY-MM-DD", true),
            new MetricParameter("to", "day after the period, YYYY-MM-DD", true));

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

    /** The period [from, to) of the request. @throws MetricException when a date is missing, bad, or not in order */
    static LocalDate[] period(MetricRequest request) throws MetricException {
        LocalDate from = request.date("from");
        LocalDate to = request.date("to");
        if (!from.isBefore(to)) {
            throw MetricException.parameter("from " + from + " must be before to " + to);
        }
        return new LocalDate[] { from, to };
    }
}
