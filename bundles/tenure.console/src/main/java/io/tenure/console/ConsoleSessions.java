package io.tenure.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tenure.api.security.AuthenticatedUser;

/**
 * Console sessions: a random id in an HttpOnly, SameSite=Strict cookie, a CSRF token per session, and an idle
 * timeout. Kept in memory: a restart logs everybody out, which is the safe failure.
 */
final class ConsoleSessions {
    static final String COOKIE = "TENURE_SESSION";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One logged-in browser. */
    record Session(String id, AuthenticatedUser user, String csrfToken, Instant lastSeen) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    ConsoleSessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    Session open(AuthenticatedUser user) {
        Session session = new Session(random(), new AuthenticatedUser(user.name(), user.role(), "session"), random(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    Optional<Session> find(String id) {
        return find(id, true);
    }

    /**
     * The session without counting this request as activity: the console script's polling must not keep an
     * unattended browser logged in past the idle timeout.
     */
    Optional<Session> peek(String id) {
        return find(id, false);
    }

    private Optional<Session> find(String id, boolean touch) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(session.lastSeen().plus(idle))) {
            sessions.remove(id);
            return Optional.empty();
        }
        if (!touch) {
            return Optional.of(session);
        }
        Session touched = new Session(session.id(), session.user(), session.csrfToken(), clock.instant());
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
