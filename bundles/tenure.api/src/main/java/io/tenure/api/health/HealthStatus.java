package io.tenure.api.health;

/**
 * The status of a health score (defaults: green at 70 or more, red below 40); {@code UNKNOWN} when there is no data to
 * score (never green). Written as lower-case codes.
 */
public enum HealthStatus {
    GREEN, YELLOW, RED, UNKNOWN;
}
