package io.tenure.api.metrics;

/** A metric request that cannot be answered: a bad parameter (400) or data that does not allow it (422). */
public class MetricException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean badParameter;

    public MetricException(String message, boolean badParameter) {
        super(message);
        this.badParameter = badParameter;
    }

    public static MetricException parameter(String message) {
        return new MetricException(message, true);
    }

    public static MetricException data(String message) {
        return new MetricException(message, false);
    }

    /** Whether the caller sent a bad parameter (otherwise the data cannot answer). */
    public boolean badParameter() {
        return badParameter;
    }
}
