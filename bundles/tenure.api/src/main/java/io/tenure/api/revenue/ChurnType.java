package io.tenure.api.revenue;

/** How revenue was lost: an account left by choice or by failed payment, or reduced its contract. Written as lower-case codes. */
public enum ChurnType {
    VOLUNTARY, INVOLUNTARY, DOWNGRADE;
}
