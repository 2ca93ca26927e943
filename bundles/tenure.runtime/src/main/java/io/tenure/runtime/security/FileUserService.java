package io.tenure.runtime.security;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.security.ApiToken;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.IssuedToken;
import io.tenure.api.security.Role;
import io.tenure.api.security.SecurityException;
import io.tenure.api.security.User;
import io.tenure.api.security.UserService;
import io.tenure.runtime.files.JsonFiles;
import io.tenure.runtime.modules.ModuleManager;

/**
 * Users and tokens kept in {@code data/security/users.json}: passwords as PBKDF2 hashes, token secrets as SHA-256
 * hashes (they are long random values, so a fast hash is enough). Verified passwords are remembered for a short
 * time by a hash of name and password, so HTTP Basic clients do not pay the slow hash on every request.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = UserService.class, immediate = true)
public class FileUserService implements UserService {
    /** Environment variable that sets the first admin's password. */
    public static final String ADMIN_PASSWORD_ENV = "TENURE_ADMIN_PASSWORD";
    /** The shortest password accepted; the launcher checks TENURE_ADMIN_PASSWORD against the same length. */
    static final int MIN_PASSWORD_LENGTH = 10;
    private static final Duration VERIFIED_CACHE = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(FileUserService.class);

    /** The file's shape. */
    static final class Stored {
        TreeMap<String, StoredUser> users = new TreeMap<>();
        TreeMap<String, StoredToken> tokens = new TreeMap<>();
    }

    static final class StoredUser {
        String role;
        String passwordHash;
        String created;
    }

    static final class StoredToken {
        String user;
        String label;
        String role;
        String secretHash;
        String created;
        String expires;
    }

    private final Path file;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final Stored stored;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> verifying = new ConcurrentHashMap<>();
    /** The first admin's slow hash, computed beside the rest of the start-up; null once the admin is stored. */
    private volatile CompletableFuture<String> firstAdminHash;

    /** Until when the first admin's hash waits for the runtime to be ready (a bound, not a schedule). */
    private static final long START_WAIT_MILLIS = 3_000;
    private final java.util.function.BooleanSupplier started;

    @Activate
    public FileUserService(BundleContext context) throws IOException {
        this(Path.of(context.getProperty(ModuleManager.DATA_PROPERTY)).resolve("security").resolve("users.json"),
                System.getenv(ADMIN_PASSWORD_ENV), PasswordHasher.DEFAULT_ITERATIONS, Clock.systemUTC(),
                () -> context.getBundle(0).getState() == org.osgi.framework.Bundle.ACTIVE && ready(context));
    }

    /**
     * Whether every registered readiness check is ready (or has failed): the first admin's hash takes a processor for
     * a while, and on a first start that would be taken from the store opening and the bundles getting ready.
     */
    private static boolean ready(BundleContext context) {
        try {
            for (org.osgi.framework.ServiceReference<io.tenure.api.readiness.ReadinessCheck> ref
                    : context.getServiceReferences(io.tenure.api.readiness.ReadinessCheck.class, null)) {
                io.tenure.api.readiness.ReadinessCheck check = context.getService(ref);
                if (check == null) {
                    continue;
                }
                try {
                    io.tenure.api.readiness.Readiness r = check.check();
                    if (!r.ready() && !r.failed()) {
                        return false;
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
            return true;
        } catch (org.osgi.framework.InvalidSyntaxException | RuntimeException e) {
            return true; // the wait is only a courtesy
        }
    }

    FileUserService(Path file, String adminPassword, int iterations, Clock clock) throws IOException {
        this(file, adminPassword, iterations, clock, () -> true);
    }

    /**
     * @param started whether the framework has finished starting and the runtime is ready: the first admin's slow hash
     *        waits for it (at most {@value #START_WAIT_MILLIS} ms), so on a first start it does not take a core from
     *        the bundles getting ready
     */
    FileUserService(Path file, String adminPassword, int iterations, Clock clock, java.util.function.BooleanSupplier started)
            throws IOException {
        this.started = started;
        this.file = file;
        this.hasher = new PasswordHasher(iterations);
        this.throttle = new LoginThrottle(5, clock);
        this.clock = clock;
        this.stored = JsonFiles.read(file, Stored.class, new Stored());
        if (stored.users.isEmpty()) {
            createFirstAdmin(adminPassword);
        }
    }

    private void createFirstAdmin(String adminPassword) throws IOException {
        boolean generated = adminPassword == null || adminPassword.isEmpty();
        String password = generated ? PasswordHasher.randomSecret(15) : adminPassword;
        try {
            checkPassword(password);
        } catch (SecurityException e) {
            LOG.error("No users can log in: {} is not usable: {}", ADMIN_PASSWORD_ENV, e.getMessage());
            throw new IOException(ADMIN_PASSWORD_ENV + " is not usable: " + e.getMessage());
        }
        firstAdminHash = CompletableFuture.supplyAsync(() -> {
            long until = System.currentTimeMillis() + START_WAIT_MILLIS;
            while (!started.getAsBoolean() && System.currentTimeMillis() < until) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return hasher.hash(password);
        }, runnable -> {
            Thread t = new Thread(runnable, "tenure-first-admin");
            t.setDaemon(true);
            t.start();
        });
        firstAdminHash.thenRun(() -> {
            awaitFirstAdmin();
            announceFirstAdmin(generated, password);
        });
    }

    /**
     * Stores the first admin once its hash is ready. Every public method calls this first, so no caller ever sees the
     * user list without the admin; the hash itself is computed without the lock, so waiting here cannot deadlock.
     */
    private void awaitFirstAdmin() {
        CompletableFuture<String> pending = firstAdminHash;
        if (pending == null) {
            return;
        }
        String hash = pending.join();
        synchronized (this) {
            if (firstAdminHash == null) {
                return;
            }
            StoredUser admin = new StoredUser();
            admin.role = Role.ADMIN.code();
            admin.passwordHash = hash;
            admin.created = clock.instant().toString();
            stored.users.put("admin", admin);
            firstAdminHash = null;
            try {
                save();
            } catch (SecurityException e) {
                LOG.error("Could not store the first admin user: {}", e.getMessage());
            }
        }
    }

    private static void announceFirstAdmin(boolean generated, String password) {
        if (generated) {
            // Printed once, on the console only: the password is not written to any file or log.
            System.out.println();
            System.out.println("  Created user 'admin' with the generated password: " + password);
            System.out.println("  It is shown only this once. Change it in the console or set " + ADMIN_PASSWORD_ENV
                    + " before the first start.");
            System.out.println();
        } else {
            LOG.info("Created user 'admin' with the password from {}", ADMIN_PASSWORD_ENV);
        }
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String name, String password) {
        awaitFirstAdmin();
        if (name == null || password == null) {
            return Optional.empty();
        }
        StoredUser user;
        synchronized (this) {
            user = stored.users.get(name);
        }
        String cacheKey = PasswordHasher.sha256(name + "\u0000" + password);
        Instant until = verified.get(cacheKey);
        if (user != null && until != null && clock.instant().isBefore(until)) {
            return Optional.of(new AuthenticatedUser(name, Role.parse(user.role), "password"));
        }
        if (throttle.isLocked(name)) {
            return Optional.empty();
        }
        if (user == null || !verifyOnce(cacheKey, password, user.passwordHash)) {
            throttle.failed(name);
            LOG.warn("Failed login for '{}'", name);
            return Optional.empty();
        }
        throttle.succeeded(name);
        verified.put(cacheKey, clock.instant().plus(VERIFIED_CACHE));
        return Optional.of(new AuthenticatedUser(name, Role.parse(user.role), "password"));
    }

    /**
     * Checks a password against its slow hash, once for all concurrent requests carrying the same credentials: a burst
     * of Basic-auth requests costs one hash, not one per request.
     */
    private boolean verifyOnce(String cacheKey, String password, String hash) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = verifying.putIfAbsent(cacheKey, mine);
        if (running != null) {
            return running.join();
        }
        try {
            boolean ok = hasher.verify(password, hash);
            mine.complete(ok);
            return ok;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            verifying.remove(cacheKey, mine);
        }
    }

    /** A stop right after the first start still stores the first admin, so its password stays valid. */
    @Deactivate
    void deactivate() {
        awaitFirstAdmin();
    }

    @Override
    public synchronized Optional<AuthenticatedUser> authenticateToken(String secret) {
        awaitFirstAdmin();
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        String hash = PasswordHasher.sha256(secret);
        for (StoredToken token : stored.tokens.values()) {
            if (token.secretHash.equals(hash)) {
                if (token.expires != null && !clock.instant().isBefore(Instant.parse(token.expires))) {
                    return Optional.empty();
                }
                StoredUser owner = stored.users.get(token.user);
                if (owner == null) {
                    return Optional.empty();
                }
                Role role = Role.parse(token.role);
                Role ownerRole = Role.parse(owner.role);
                return Optional.of(new AuthenticatedUser(token.user, ownerRole.includes(role) ? role : ownerRole, "token"));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<User> users() {
        awaitFirstAdmin();
        List<User> users = new ArrayList<>();
        stored.users.forEach((name, u) -> users.add(toUser(name, u)));
        return users;
    }

    @Override
    public synchronized Optional<User> user(String name) {
        awaitFirstAdmin();
        return Optional.ofNullable(stored.users.get(name)).map(u -> toUser(name, u));
    }

    @Override
    public synchronized User create(String name, String password, Role role) throws SecurityException {
        awaitFirstAdmin();
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new SecurityException("user name '" + name + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (stored.users.containsKey(name)) {
            throw new SecurityException("user '" + name + "' already exists");
        }
        checkPassword(password);
        StoredUser user = new StoredUser();
        user.role = role.code();
        user.passwordHash = hasher.hash(password);
        user.created = clock.instant().toString();
        stored.users.put(name, user);
        save();
        return toUser(name, user);
    }

    @Override
    public synchronized void changePassword(String name, String newPassword) throws SecurityException {
        awaitFirstAdmin();
        StoredUser user = existing(name);
        checkPassword(newPassword);
        user.passwordHash = hasher.hash(newPassword);
        verified.clear();
        save();
    }

    @Override
    public synchronized void changeRole(String name, Role role) throws SecurityException {
        awaitFirstAdmin();
        StoredUser user = existing(name);
        if (role != Role.ADMIN && Role.ADMIN.code().equals(user.role) && adminCount() == 1) {
            throw new SecurityException("user '" + name + "' is the last admin; make another user admin first");
        }
        user.role = role.code();
        verified.clear();
        save();
    }

    @Override
    public synchronized void delete(String name) throws SecurityException {
        awaitFirstAdmin();
        StoredUser user = existing(name);
        if (Role.ADMIN.code().equals(user.role) && adminCount() == 1) {
            throw new SecurityException("user '" + name + "' is the last admin and cannot be deleted");
        }
        stored.users.remove(name);
        stored.tokens.values().removeIf(t -> t.user.equals(name));
        verified.clear();
        save();
    }

    @Override
    public synchronized IssuedToken issueToken(String user, String label, Role role, Optional<Duration> validFor)
            throws SecurityException {
        StoredUser owner = existing(user);
        if (!Role.parse(owner.role).includes(role)) {
            throw new SecurityException("user '" + user + "' is " + owner.role + " and cannot issue a " + role.code() + " token");
        }
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new SecurityException("token label must be 1 to 100 characters");
        }
        String id = PasswordHasher.randomSecret(6);
        String secret = "tnr_" + PasswordHasher.randomSecret(32);
        StoredToken token = new StoredToken();
        token.user = user;
        token.label = label;
        token.role = role.code();
        token.secretHash = PasswordHasher.sha256(secret);
        token.created = clock.instant().toString();
        token.expires = validFor.map(d -> clock.instant().plus(d).toString()).orElse(null);
        stored.tokens.put(id, token);
        save();
        return new IssuedToken(toToken(id, token), secret);
    }

    @Override
    public synchronized List<ApiToken> tokens(String user) {
        awaitFirstAdmin();
        return stored.tokens.entrySet().stream().filter(e -> e.getValue().user.equals(user))
                .map(e -> toToken(e.getKey(), e.getValue())).toList();
    }

    @Override
    public synchronized boolean revokeToken(String user, String tokenId) {
        awaitFirstAdmin();
        StoredToken token = stored.tokens.get(tokenId);
        if (token == null || !token.user.equals(user)) {
            return false;
        }
        stored.tokens.remove(tokenId);
        try {
            save();
        } catch (SecurityException e) {
            stored.tokens.put(tokenId, token);
            throw new IllegalStateException(e.getMessage(), e);
        }
        return true;
    }

    private StoredUser existing(String name) throws SecurityException {
        StoredUser user = stored.users.get(name);
        if (user == null) {
            throw new SecurityException("no user '" + name + "'");
        }
        return user;
    }

    private long adminCount() {
        return stored.users.values().stream().filter(u -> Role.ADMIN.code().equals(u.role)).count();
    }

    private static void checkPassword(String password) throws SecurityException {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new SecurityException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 1024) {
            throw new SecurityException("password must have at most 1024 characters");
        }
    }

    private void save() throws SecurityException {
        try {
            JsonFiles.write(file, stored);
        } catch (IOException e) {
            throw new SecurityException("could not save users to " + file + ": " + e.getMessage());
        }
    }

    private static User toUser(String name, StoredUser u) {
        return new User(name, Role.parse(u.role), Instant.parse(u.created));
    }

    private static ApiToken toToken(String id, StoredToken t) {
        return new ApiToken(id, t.user, t.label, Role.parse(t.role), Instant.parse(t.created),
                Optional.ofNullable(t.expires).map(Instant::parse));
    }
}
