package io.tenure.api.journey;

/** The four handoffs of the journey. Written as lower-case codes. */
public enum HandoffKind {
    SALES_TO_CS, SERVICES_TO_CS, CS_TO_SALES, CS_TO_MARKETING;
}
