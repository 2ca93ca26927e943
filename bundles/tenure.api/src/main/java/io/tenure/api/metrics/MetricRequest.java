package io.tenure.api.metrics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one metric call, as given, and the date the answer is as of (today unless the caller asks for a
 * past date: every metric can be recomputed as it stood then).
 */
public record MetricRequest(Map<String, String> parameters, LocalDate asOf) {

    public MetricRequest {
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(parameters.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    public String required(String name) throws MetricException {
        return text(name).orElseThrow(() -> MetricException.parameter(name + " is required"));
    }

    public LocalDate date(String name) throws MetricException {
        return parseDate(name, required(name));
    }

    public Optional<LocalDate> optionalDate(String name) throws MetricException {
        Optional<String> t = text(name);
        return t.isEmpty() ? Optional.empty() : Optional.of(parseDate(name, t.get()));
    }

    /**
     * The period the call asks for: {@code period} (a quarter 2026-Q1, a month 2026-03 or a year 2026), or {@code from}
     * and {@code to} (the day after); with neither, {@code otherwise} when the metric has a default.
     *
     * @throws MetricException when both are given, neither is (and there is no default), a date is bad, or the dates
     *         are not in order
     * @since 1.1
     */
    public ReportingPeriod period(Optional<ReportingPeriod> otherwise) throws MetricException {
        Optional<String> period = text("period");
        boolean dates = text("from").isPresent() || text("to").isPresent();
        if (period.isPresent() && dates) {
            throw MetricException.parameter("give either period or from and to, not both");
        }
        try {
            if (period.isPresent()) {
                return ReportingPeriod.parse(period.get());
            }
            if (!dates && otherwise.isPresent()) {
                return otherwise.get();
            }
            return ReportingPeriod.between(date("from"), date("to"));
        } catch (IllegalArgumentException e) {
            throw MetricException.parameter(e.getMessage());
        }
    }

    private static LocalDate parseDate(String name, String text) throws MetricException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw MetricException.parameter(name + " '" + text + "' is not a date like 2026-01-31");
        }
    }

    /** A decimal parameter. */
    public Optional<java.math.BigDecimal> decimal(String name) throws MetricException {
        Optional<String> t = text(name);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new java.math.BigDecimal(t.get()));
        } catch (NumberFormatException e) {
            throw MetricException.parameter(name + " '" + t.get() + "' is not a decimal number");
        }
    }
}
