package io.tenure.api.health;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One measure of health, registered as a service: Tenure's defaults, a vertical's or a partner's. Measures of a
 * dimension are averaged (weighted by {@link #weight()}) into its sub-score; the composite weighs the three
 * sub-scores. A measure without data for an account answers empty and is left out.
 * <p>
 * A recompute scores many accounts side by side: {@link #score} is called from several threads at once, so a measure
 * keeps no per-call state in fields.
 */
@ConsumerType
public interface HealthMeasure {

    /** Stable name, e.g. {@code seat_utilisation}; shown in explanations and the backtest. */
    String name();

    Dimension dimension();

    /** Relative weight within its dimension (default 1). */
    default double weight() {
        return 1.0;
    }

    /** The score as of {@link AccountHistory#asOf()}, using only records dated before it; empty without data. */
    Optional<MeasureResult> score(AccountHistory history);
}
