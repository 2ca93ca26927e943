package io.tenure.api.metrics;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A metric: computed from the store for a request's parameters and as-of date, answered with its exact definition and
 * the inputs it used, so a CFO can check it. Register it as a service; {@link #name()} is its path under
 * {@code /api/v1/metrics/}.
 */
@ConsumerType
public interface Metric {

    /** Stable name, lower case, e.g. {@code retention}. */
    String name();

    /** Title for people, e.g. "Net and gross revenue retention". */
    String title();

    /** The exact definition, in words and formulas. */
    String definition();

    /** The parameters it takes. */
    List<MetricParameter> parameters();

    /**
     * @throws MetricException naming the parameter that is missing or wrong, or why the data cannot answer
     */
    MetricResult compute(MetricRequest request) throws MetricException;
}
