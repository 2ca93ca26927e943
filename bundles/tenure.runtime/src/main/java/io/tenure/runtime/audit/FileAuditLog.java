package io.tenure.runtime.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.tenure.api.security.AuditLog;
import io.tenure.runtime.modules.ModuleManager;

/**
 * The audit log as JSON lines in {@code data/audit/audit.jsonl}, each entry forced to disk before the call returns; the
 * file is rotated at {@value #ROTATE_BYTES} bytes (the old one kept beside it with its date), and the newest
 * {@value #KEPT} entries are held in memory for reading.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = AuditLog.class)
public class FileAuditLog implements AuditLog {
    static final long ROTATE_BYTES = 10L * 1024 * 1024;
    static final int KEPT = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    private static final Gson GSON = new Gson();

    private final Path file;
    private final Clock clock;
    private final long rotateBytes;
    private final Deque<Entry> newest = new ArrayDeque<>();
    private FileChannel channel;

    @Activate
    public FileAuditLog(BundleContext context) throws IOException {
        this(Path.of(context.getProperty(ModuleManager.DATA_PROPERTY)).resolve("audit").resolve("audit.jsonl"), Clock.systemUTC(), ROTATE_BYTES);
    }

    FileAuditLog(Path file, Clock clock, long rotateBytes) throws IOException {
        this.file = file;
        this.clock = clock;
        this.rotateBytes = rotateBytes;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            int line = 0;
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    remember(parse(text));
                } catch (RuntimeException e) {
                    LOG.warn("{} line {} is not an audit entry, left out: {}", file, line, e.getMessage());
                }
            }
        }
        open();
    }

    private void open() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Deactivate
    synchronized void close() throws IOException {
        channel.close();
    }

    @Override
    public synchronized void record(String user, String action, String target, int status, String detail) {
        Entry e = new Entry(clock.instant(), user, action, target, status, detail);
        JsonObject json = new JsonObject();
        json.addProperty("at", e.at().toString());
        json.addProperty("user", e.user());
        json.addProperty("action", e.action());
        json.addProperty("target", e.target());
        json.addProperty("status", e.status());
        json.addProperty("detail", e.detail());
        byte[] line = (GSON.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (channel.size() > 0 && channel.size() + line.length > rotateBytes) {
                rotate();
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException ex) {
            throw new UncheckedIOException("could not write the audit log " + file + ": " + ex.getMessage(), ex);
        }
        remember(e);
    }

    private void rotate() throws IOException {
        channel.close();
        String stamp = clock.instant().toString().replace(':', '-');
        Path old = file.resolveSibling("audit-" + stamp + ".jsonl");
        for (int i = 1; Files.exists(old); i++) {
            old = file.resolveSibling("audit-" + stamp + "-" + i + ".jsonl");
        }
        Files.move(file, old, StandardCopyOption.ATOMIC_MOVE);
        open();
    }

    private void remember(Entry e) {
        newest.addFirst(e);
        if (newest.size() > KEPT) {
            newest.removeLast();
        }
    }

    @Override
    public synchronized List<Entry> recent(int limit, Optional<String> user) {
        List<Entry> out = new ArrayList<>();
        for (Iterator<Entry> it = newest.iterator(); it.hasNext() && out.size() < limit;) {
            Entry e = it.next();
            if (user.isEmpty() || user.get().equals(e.user())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Entry parse(String text) {
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        return new Entry(Instant.parse(o.get("at").getAsString()), o.get("user").getAsString(), o.get("action").getAsString(),
                o.get("target").getAsString(), o.get("status").getAsInt(), o.has("detail") ? o.get("detail").getAsString() : "");
    }
}
