package io.tenure.api.readiness;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as a service by any bundle that needs time before it can serve (a database migration, a
 * warm-up). {@code GET /health} answers 200 only when every registered check is ready, and lists each.
 * A check must answer quickly and must not throw; a check that throws counts as not ready.
 */
@ConsumerType
public interface ReadinessCheck {
    /** Service property naming the feature the check belongs to, shown in {@code /health}. */
    String FEATURE_PROPERTY = "tenure.feature";

    /** A stable name, e.g. {@code store}. */
    String name();

    Readiness check();
}
