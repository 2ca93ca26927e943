package io.tenure.vertical.marketplace;

/** How an order ended: fulfilled, cancelled by the seller, or disputed by the buyer. Written as lower-case codes. */
public enum OrderStatus {
    FULFILLED, CANCELLED, DISPUTED;

    /** Whether the order hurt its buyer (cancelled or disputed). */
    public boolean problem() {
        return this != FULFILLED;
    }
}
