package io.tenure.runtime.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tenure.api.security.AuditLog;

/** Entries survive a restart, come back newest first, a damaged line is skipped, and the file rotates. */
class FileAuditLogTest {

    @Test
    void entriesAreKeptAcrossRestartsNewestFirst(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit").resolve("audit.jsonl");
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        FileAuditLog log = new FileAuditLog(file, clock, FileAuditLog.ROTATE_BYTES);
        log.record("admin", "POST /api/v1/modules/console/stop", "modules/console", 200, "");
        log.record("vera", "POST /api/v1/modules/console/stop", "modules/console", 403, "");
        log.record("admin", "PUT /api/v1/settings/io.tenure.health", "settings/io.tenure.health", 200, "weights");
        log.close();
        Files.writeString(file, "not json\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        FileAuditLog again = new FileAuditLog(file, clock, FileAuditLog.ROTATE_BYTES);
        List<AuditLog.Entry> recent = again.recent(10, Optional.empty());
        assertEquals(3, recent.size(), "the damaged line is left out");
        assertEquals("PUT /api/v1/settings/io.tenure.health", recent.get(0).action());
        assertEquals(List.of(403), again.recent(10, Optional.of("vera")).stream().map(AuditLog.Entry::status).toList());
        assertEquals(1, again.recent(1, Optional.empty()).size());
        again.close();
    }

    @Test
    void theFileRotatesWhenFull(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        FileAuditLog log = new FileAuditLog(file, Clock.systemUTC(), 300);
        for (int i = 0; i < 10; i++) {
            log.record("admin", "POST /api/v1/import/accounts", "import/accounts", 200, "entry " + i);
        }
        log.close();
        try (var files = Files.list(dir)) {
            assertTrue(files.filter(f -> f.getFileName().toString().startsWith("audit-")).count() >= 1, "rotated files kept");
        }
        assertTrue(Files.size(file) <= 300, "the live file stays under the limit");
        assertEquals(10, log.recent(100, Optional.empty()).size(), "all entries still readable from memory");
    }
}
