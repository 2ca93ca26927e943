package io.tenure.api.engagement;

/** How severe a support ticket is. Written as lower-case codes. */
public enum TicketSeverity {
    LOW, NORMAL, HIGH, URGENT;
}
