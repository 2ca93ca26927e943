package io.tenure.api.readiness;

/**
 * The answer of one readiness check.
 *
 * @param ready whether the component can serve
 * @param failed whether it cannot become ready without someone fixing something (a changed migration, an
 *        unreachable database): the launcher stops instead of waiting
 * @param detail a short human-readable explanation, e.g. {@code "migrations applied"} or what is missing
 */
public record Readiness(boolean ready, boolean failed, String detail) {
    public static Readiness ready(String detail) {
        return new Readiness(true, false, detail);
    }

    public static Readiness notReady(String detail) {
        return new Readiness(false, false, detail);
    }

    public static Readiness failed(String detail) {
        return new Readiness(false, true, detail);
    }
}
