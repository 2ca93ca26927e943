package io.tenure.api.revenue;

/** Where an expansion opportunity stands. Written as lower-case codes. */
public enum OpportunityStage {
    IDENTIFIED, QUALIFIED, HANDED_TO_SALES, WON, LOST;
}
