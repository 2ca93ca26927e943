package io.tenure.api.revenue;

/** The state of a subscription. Written as lower-case codes. */
public enum SubscriptionStatus {
    TRIAL, ACTIVE, CANCELLED, EXPIRED;
}
