package io.tenure.runtime.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per user name: after {@code freeAttempts} consecutive failures each further attempt
 * locks the name for twice as long as the last (1 s, 2 s, 4 s ... up to 5 minutes). A success resets the count.
 */
final class LoginThrottle {
    private static final Duration MAX_LOCK = Duration.ofMinutes(5);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int freeAttempts;
    private final Clock clock;

    LoginThrottle(int freeAttempts, Clock clock) {
        this.freeAttempts = freeAttempts;
        this.clock = clock;
    }

    boolean isLocked(String name) {
        Failures f = failures.get(name);
        return f != null && clock.instant().isBefore(f.lockedUntil());
    }

    void failed(String name) {
        failures.compute(name, (n, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            Instant until = clock.instant();
            if (count >= freeAttempts) {
                long seconds = Math.min(MAX_LOCK.toSeconds(), 1L << Math.min(20, count - freeAttempts));
                until = until.plusSeconds(seconds);
            }
            return new Failures(count, until);
        });
    }

    void succeeded(String name) {
        failures.remove(name);
    }
}
