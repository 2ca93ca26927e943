package io.tenure.api.security;

import java.time.Instant;
import java.util.Optional;

/**
 * A bearer token as listed to its owner: never the secret itself, which is shown once when issued.
 *
 * @param id the token's public identifier
 * @param user the owner
 * @param label what the owner called it
 * @param role the role the token grants (never more than the owner's)
 * @param created when it was issued
 * @param expires when it stops working, if ever
 */
public record ApiToken(String id, String user, String label, Role role, Instant created, Optional<Instant> expires) {
}
