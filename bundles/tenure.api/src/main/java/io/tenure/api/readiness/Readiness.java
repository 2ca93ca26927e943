package io.tenure.api.readiness;

/**
 * The answer of one readiness check.
 *
 * @param ready whether the component can serve
 * @param detail a short human-readable explanation, e.g. {@code "migrations applied"} or what is missing
 */
public record Readiness(boolean ready, String detail) {
    public static Readiness ready(String detail) {
        return new Readiness(true, detail);
    }

    public static Readiness notReady(String detail) {
        return new Readiness(false, detail);
    }
}
