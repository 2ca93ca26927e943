package io.tenure.api.security;

import java.time.Instant;

/**
 * A user as listed to administrators; the password hash never leaves the security implementation.
 *
 * @param name the login name
 * @param role what the user may do
 * @param created when the user was created
 */
public record User(String name, Role role, Instant created) {
}
