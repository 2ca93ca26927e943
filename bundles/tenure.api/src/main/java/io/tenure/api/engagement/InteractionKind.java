package io.tenure.api.engagement;

/** How the vendor and the customer met. Written as lower-case codes. */
public enum InteractionKind {
    CALL, MEETING, EMAIL, QBR, NOTE;
}
