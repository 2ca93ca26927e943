package io.tenure.api.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Users, their passwords (salted slow hashes) and API tokens. There is no default password: the first start
 * creates {@code admin} from {@code TENURE_ADMIN_PASSWORD} or from a generated password printed once.
 * Repeated failed logins for a name are slowed down.
 */
@ProviderType
public interface UserService {

    /** Checks a name and password; empty if either is wrong or the name is temporarily locked out. */
    Optional<AuthenticatedUser> authenticate(String name, String password);

    /** Checks a bearer token's secret; empty if unknown, revoked or expired. */
    Optional<AuthenticatedUser> authenticateToken(String secret);

    List<User> users();

    Optional<User> user(String name);

    /** @throws SecurityException if the name is taken or invalid, or the password is too weak */
    User create(String name, String password, Role role) throws SecurityException;

    /** @throws SecurityException if the user does not exist or the password is too weak */
    void changePassword(String name, String newPassword) throws SecurityException;

    /** @throws SecurityException if the user does not exist or it would remove the last admin */
    void changeRole(String name, Role role) throws SecurityException;

    /** Deletes a user and revokes the user's tokens. @throws SecurityException for the last admin */
    void delete(String name) throws SecurityException;

    /**
     * Issues a bearer token for {@code user} with at most the user's role.
     *
     * @param validFor how long it works; empty for no expiry
     * @throws SecurityException if the user does not exist or {@code role} exceeds the user's role
     */
    IssuedToken issueToken(String user, String label, Role role, Optional<Duration> validFor) throws SecurityException;

    List<ApiToken> tokens(String user);

    /** Revokes a token of {@code user}; false if there was none with that id. */
    boolean revokeToken(String user, String tokenId);
}
