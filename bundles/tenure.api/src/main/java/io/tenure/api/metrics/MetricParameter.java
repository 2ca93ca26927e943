package io.tenure.api.metrics;

/**
 * A parameter a metric takes.
 *
 * @param name as written in the query string, e.g. {@code from}
 * @param description what it means and its format
 * @param required whether the metric needs it
 */
public record MetricParameter(String name, String description, boolean required) {
}
