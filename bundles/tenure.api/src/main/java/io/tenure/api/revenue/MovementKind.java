package io.tenure.api.revenue;

/** The finer kind of a movement: what expanded or contracted (seat, tier, cross_sell, usage), or how an account churned (voluntary, involuntary). Written as lower-case codes. */
public enum MovementKind {
    SEAT, TIER, CROSS_SELL, USAGE, VOLUNTARY, INVOLUNTARY;
}
