package io.tenure.ingest;

import java.util.Locale;
import java.util.Optional;

/** The calls of Segment's tracking API. */
enum EventType {
    TRACK, IDENTIFY, GROUP, PAGE, SCREEN, ALIAS;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<EventType> of(String name) {
        for (EventType t : values()) {
            if (t.wireName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
