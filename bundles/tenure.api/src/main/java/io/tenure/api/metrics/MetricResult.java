package io.tenure.api.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of a metric: its values (field names are part of the REST contract), the definition it follows and the
 * inputs it used. Money values are decimal strings in major units beside a {@code currency}; ratios are numbers
 * (1.2 for 120%).
 *
 * @param metric the metric's name
 * @param values the figures, in order
 * @param definition the exact definition
 * @param inputs what went in: parameters, counts, sums, assumptions
 */
public record MetricResult(String metric, Map<String, Object> values, String definition, Map<String, Object> inputs) {

    public MetricResult {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** The JSON body: the values, then {@code definition} and {@code inputs}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(values);
        body.put("definition", definition);
        body.put("inputs", inputs);
        return body;
    }
}
