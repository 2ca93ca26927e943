package io.tenure.api.revenue;

/** Who drove a movement. Written as lower-case codes. */
public enum MovementSource {
    CS_LED, SALES_LED, SELF_SERVE;
}
