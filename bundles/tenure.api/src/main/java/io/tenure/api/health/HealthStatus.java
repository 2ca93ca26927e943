package io.tenure.api.health;

/** The status of a health score (defaults: green at 70 or more, red below 40). Written as lower-case codes. */
public enum HealthStatus {
    GREEN, YELLOW, RED;
}
