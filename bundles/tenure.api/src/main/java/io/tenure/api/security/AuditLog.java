package io.tenure.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who changed what, and when: every state-changing call of the REST API and the console (module toggles and uploads,
 * settings, users and tokens, imports, task outcomes), refused ones included. Kept on disk under the data directory.
 */
@ProviderType
public interface AuditLog {

    /** One thing someone did. */
    record Entry(Instant at, String user, String action, String target, int status, String detail) {
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * Records one action.
     *
     * @param user who did it
     * @param action what, e.g. {@code POST /api/v1/modules/console/stop} or {@code console: stop console}
     * @param target the module, setting, user or record it was done to
     * @param status the HTTP status it ended with (2xx done, 4xx refused)
     * @param detail anything else worth keeping (never a password or a token)
     */
    void record(String user, String action, String target, int status, String detail);

    /** The newest entries first, at most {@code limit}, only those of {@code user} when given. */
    List<Entry> recent(int limit, Optional<String> user);
}
