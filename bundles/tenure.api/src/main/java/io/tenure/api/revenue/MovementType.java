package io.tenure.api.revenue;

/** The kinds of dated ARR change in the movement ledger. Written as lower-case codes. */
public enum MovementType {
    NEW, EXPANSION, CONTRACTION, CHURN, REACTIVATION;
}
