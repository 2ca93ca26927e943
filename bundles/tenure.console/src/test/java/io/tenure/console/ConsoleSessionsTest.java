package io.tenure.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/** Sessions end after the idle time, and the script's polling does not count as activity. */
class ConsoleSessionsTest {
    private Instant now = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void pollingDoesNotKeepASessionAlive() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        ConsoleSessions sessions = new ConsoleSessions(Duration.ofMinutes(30), clock);
        String id = sessions.open(new AuthenticatedUser("ana", Role.ADMIN, "password")).id();
        for (int i = 0; i < 35; i++) {
            now = now.plus(Duration.ofMinutes(1));
            if (i < 29) {
                assertTrue(sessions.peek(id).isPresent(), "minute " + i);
            }
        }
        assertTrue(sessions.peek(id).isEmpty(), "idle for 35 minutes although polled");
        String other = sessions.open(new AuthenticatedUser("ben", Role.ADMIN, "password")).id();
        now = now.plus(Duration.ofMinutes(20));
        assertTrue(sessions.find(other).isPresent());
        now = now.plus(Duration.ofMinutes(20));
        assertTrue(sessions.find(other).isPresent(), "a page view counts as activity");
    }
}
