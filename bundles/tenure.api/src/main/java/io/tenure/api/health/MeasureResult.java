package io.tenure.api.health;

/**
 * What a measure found: a score 0–100 and a short explanation with the figures behind it.
 *
 * @param score 0 (worst) to 100 (best)
 * @param detail for people, e.g. "42 of 60 seats active in the last 30 days"
 */
public record MeasureResult(double score, String detail) {
    public MeasureResult {
        if (Double.isNaN(score) || score < 0 || score > 100) {
            throw new IllegalArgumentException("score " + score + " is not between 0 and 100");
        }
    }
}
