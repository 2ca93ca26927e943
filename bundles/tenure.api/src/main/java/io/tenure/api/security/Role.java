package io.tenure.api.security;

import java.util.Locale;

/**
 * What a user may do. Roles are ordered: an admin may do everything a CSM may, a CSM everything a viewer may.
 */
public enum Role {
    /** Read-only access to accounts, metrics and the console. */
    VIEWER,
    /** Works accounts and tasks. */
    CSM,
    /** Manages modules, configuration, users and ingestion sources. */
    ADMIN;

    /** Whether this role includes the rights of {@code other}. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the bad value and the accepted ones */
    public static Role parse(String code) {
        if (code != null) {
            for (Role role : values()) {
                if (role.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("role '" + code + "' is not one of admin, csm, viewer");
    }
}
