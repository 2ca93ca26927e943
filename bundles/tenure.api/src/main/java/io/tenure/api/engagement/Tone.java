package io.tenure.api.engagement;

/** The tone or mood of a ticket or an interaction. Written as lower-case codes. */
public enum Tone {
    POSITIVE, NEUTRAL, NEGATIVE;
}
