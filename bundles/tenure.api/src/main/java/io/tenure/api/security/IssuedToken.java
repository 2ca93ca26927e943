package io.tenure.api.security;

/**
 * A freshly issued token: the secret is returned exactly once and stored only as a hash.
 *
 * @param token the listing entry
 * @param secret the value to send as {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(ApiToken token, String secret) {
}
