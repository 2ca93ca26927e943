package io.tenure.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tenure.api.security.IssuedToken;
import io.tenure.api.security.Role;
import io.tenure.api.security.SecurityException;

class FileUserServiceTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    private FileUserService service() throws Exception {
        return new FileUserService(dir.resolve("users.json"), "first-admin-pw", 1000, clock);
    }

    @Test
    void firstStartCreatesAdminFromTheGivenPasswordAndStoresOnlyAHash() throws Exception {
        FileUserService users = service();
        assertEquals(Role.ADMIN, users.authenticate("admin", "first-admin-pw").orElseThrow().role());
        assertTrue(users.authenticate("admin", "wrong-password").isEmpty());
        String file = Files.readString(dir.resolve("users.json"));
        assertFalse(file.contains("first-admin-pw"), file);
        assertTrue(file.contains("pbkdf2-sha256$1000$"), file);
        // a second start keeps the existing admin and ignores the variable
        FileUserService again = new FileUserService(dir.resolve("users.json"), "another-password", 1000, clock);
        assertTrue(again.authenticate("admin", "first-admin-pw").isPresent());
        assertTrue(again.authenticate("admin", "another-password").isEmpty());
    }

    @Test
    void generatedPasswordWhenNoneIsGiven() throws Exception {
        FileUserService users = new FileUserService(dir.resolve("u.json"), null, 1000, clock);
        assertEquals(1, users.users().size());
        assertTrue(users.authenticate("admin", "").isEmpty());
    }

    @Test
    void repeatedFailuresLockTheNameForGrowingPeriods() throws Exception {
        FileUserService users = service();
        for (int i = 0; i < 5; i++) {
            assertTrue(users.authenticate("admin", "guess-" + i).isEmpty());
        }
        // locked: even the right password is refused until the lock passes
        assertTrue(users.authenticate("admin", "first-admin-pw").isEmpty());
        clock.now = clock.now.plusSeconds(2);
        assertTrue(users.authenticate("admin", "first-admin-pw").isPresent());
    }

    @Test
    void usersAndRolesAreValidated() throws Exception {
        FileUserService users = service();
        users.create("cs.jane", "a-long-password", Role.CSM);
        assertThrows(SecurityException.class, () -> users.create("cs.jane", "a-long-password", Role.CSM));
        assertThrows(SecurityException.class, () -> users.create("Bad Name", "a-long-password", Role.CSM));
        assertThrows(SecurityException.class, () -> users.create("short", "short", Role.CSM));
        SecurityException last = assertThrows(SecurityException.class, () -> users.delete("admin"));
        assertTrue(last.getMessage().contains("last admin"));
        assertThrows(SecurityException.class, () -> users.changeRole("admin", Role.VIEWER));
        users.changePassword("cs.jane", "another-long-one");
        assertTrue(users.authenticate("cs.jane", "a-long-password").isEmpty());
        assertEquals(Role.CSM, users.authenticate("cs.jane", "another-long-one").orElseThrow().role());
    }

    @Test
    void tokensGrantAtMostTheOwnersRoleAndExpire() throws Exception {
        FileUserService users = service();
        users.create("viewer1", "a-long-password", Role.VIEWER);
        assertThrows(SecurityException.class, () -> users.issueToken("viewer1", "x", Role.ADMIN, Optional.empty()));
        IssuedToken token = users.issueToken("admin", "ci", Role.CSM, Optional.of(Duration.ofHours(1)));
        assertEquals(Role.CSM, users.authenticateToken(token.secret()).orElseThrow().role());
        assertFalse(Files.readString(dir.resolve("users.json")).contains(token.secret()));
        assertEquals(1, users.tokens("admin").size());
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertTrue(users.authenticateToken(token.secret()).isEmpty());
        assertTrue(users.revokeToken("admin", token.token().id()));
        assertTrue(users.tokens("admin").isEmpty());
        assertTrue(users.authenticateToken("tnr_unknown").isEmpty());
    }
}
