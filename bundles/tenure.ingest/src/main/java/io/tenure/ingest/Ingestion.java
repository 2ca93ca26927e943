package io.tenure.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;

import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.ingest.EventLedger;
import io.tenure.api.ingest.Source;

/**
 * Event ingestion on one node: receives Segment calls, commits their events to the write-ahead log under
 * {@code data/ingest/} before answering, and drains the log into the store in the background (see {@link Drainer}).
 * Past capacity it answers 429 (too many calls waiting for the log) or 503 (too much received but not yet stored,
 * or the component stopping) with {@code Retry-After}, instead of queueing without bound.
 *
 * <p>Stopping the bundle stops taking calls, lets the calls already in the log's queue commit, and stops the drain;
 * whatever was acknowledged is in the log and is applied when ingestion starts again.
 */
@Component(service = Ingestion.class, configurationPid = IngestConfig.PID)
@Designate(ocd = IngestConfig.class)
public class Ingestion {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
    static final String SUCCESS = "{\"success\":true}";
    private static final Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long SOURCE_CACHE_MILLIS = 5_000;

    @Reference
    private EventLedger ledger;

    @Reference
    private DataStore store;

    private Settings settings;
    private EventMapper mapper;
    private WriteAheadLog log;
    private Drainer drainer;
    private Thread drainThread;
    private String journal;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;
    /** Whether the HTTP server serves the tracking API with this instance (its servlet is initialised). */
    private volatile boolean served;
    /** Why ingestion is not running (its configuration is not valid), or null while it runs. */
    private volatile String invalid;
    private final Map<String, CachedSource> sources = new ConcurrentHashMap<>();

    private record CachedSource(Optional<Source> source, long loaded) {
    }

    /** What the HTTP layer answers. */
    record Answer(int status, Map<String, String> headers, String json) {
        static Answer ok() {
            return new Answer(200, Map.of(), SUCCESS);
        }

        static Answer error(int status, String code, String message, List<String> details, Map<String, String> headers) {
            Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            error.put("details", details);
            return new Answer(status, headers, GSON.toJson(Map.of("error", error)));
        }
    }

    public Ingestion() {
    }

    /** Ingestion over a ledger and store, with its log in {@code dir} (tests and benchmarks). */
    Ingestion(EventLedger ledger, DataStore store, Settings settings, Path dir) throws IOException {
        this(ledger, store, settings, dir, Drainer.KEEP_APPLIED);
    }

    Ingestion(EventLedger ledger, DataStore store, Settings settings, Path dir, java.time.Duration keepApplied) throws IOException {
        this.ledger = ledger;
        this.store = store;
        start(settings, dir, keepApplied);
    }

    @Activate
    void activate(BundleContext context, IngestConfig config) throws IOException {
        Path data = Path.of(Optional.ofNullable(context.getProperty("tenure.data")).orElse("data"));
        Settings checked;
        try {
            checked = Settings.of(config);
        } catch (IllegalArgumentException e) {
            // Active without a log: calls are answered 503 with the reason, /health and the sources API report it.
            invalid = e.getMessage();
            LOG.error("Ingestion does not start: {}", invalid);
            return;
        }
        start(checked, data.resolve("ingest"), Drainer.KEEP_APPLIED);
    }

    private void start(Settings settings, Path dir, java.time.Duration keepApplied) throws IOException {
        this.settings = settings;
        this.mapper = new EventMapper(settings);
        Path wal = dir.resolve("wal");
        Files.createDirectories(wal);
        // The journal's name goes with its log: a fresh log directory is a fresh journal in the store.
        Path id = wal.resolve("journal-id");
        if (!Files.exists(id)) {
            Files.writeString(id, "node-" + UUID.randomUUID());
        }
        journal = Files.readString(id).strip();
        log = new WriteAheadLog(wal, settings.segmentBytes());
        drainer = new Drainer(log, ledger, store, settings, journal, Clock.systemUTC(), keepApplied);
        drainThread = new Thread(drainer, "tenure-ingest-drain");
        drainThread.setDaemon(true);
        drainThread.start();
        LOG.info("Ingestion ready: log {} (journal {})", wal, journal);
    }

    @Deactivate
    void deactivate() throws IOException {
        closing = true;
        if (log == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.close();
        drainer.stop();
        try {
            drainThread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String journal() {
        return journal;
    }

    /** Told by the tracking servlet when the HTTP server has initialised it with this instance, or destroyed it. */
    void served(boolean serving) {
        served = serving;
    }

    /** @return whether the tracking API is served by this instance now */
    boolean served() {
        return served;
    }

    /** @return why ingestion is not running (its configuration is not valid), if it is not */
    Optional<String> invalid() {
        return Optional.ofNullable(invalid);
    }

    /** Bytes received and committed to the log but not yet applied to the store (0 while not running). */
    long backlogBytes() {
        if (log == null) {
            return 0;
        }
        long applied = drainer.applied();
        return applied < 0 ? log.durablePosition() - log.start() : log.durablePosition() - applied;
    }

    /** @return the drain's latest error, or why ingestion is not running; empty when all is well */
    String drainError() {
        String reason = invalid;
        return reason != null ? reason : drainer.lastError();
    }

    /**
     * Applies the held events whose account now exists.
     *
     * @return how many were applied
     * @throws IllegalStateException when ingestion is not running (its configuration is not valid)
     */
    long releaseHeld() throws DataException {
        String reason = invalid;
        if (reason != null) {
            throw new IllegalStateException("ingestion is not running: " + reason);
        }
        return drainer.releaseHeld();
    }

    EventLedger ledger() {
        return ledger;
    }

    /** Forgets cached sources, after a change made here (other nodes see it within seconds). */
    void sourcesChanged() {
        sources.clear();
    }

    /**
     * One Segment call.
     *
     * @param path the path below {@code /v1/}, e.g. {@code batch} or {@code import/}
     */
    Answer receive(String method, String path, Optional<String> authorization, Optional<String> contentEncoding,
            long contentLength, InputStream body) {
        if (!"POST".equals(method)) {
            return Answer.error(405, "method_not_allowed", method + " is not supported: the tracking API takes POST",
                    List.of(), Map.of("Allow", "POST"));
        }
        String call = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Optional<EventType> single;
        if (call.equals("batch") || call.equals("import")) {
            single = Optional.empty();
        } else {
            single = EventType.of(call);
            if (single.isEmpty()) {
                return Answer.error(404, "not_found", "no tracking call /v1/" + path + "; the calls are track, identify, "
                        + "group, page, screen, alias, batch and import", List.of(), Map.of());
            }
        }
        String reason = invalid;
        if (reason != null) {
            return Answer.error(503, "unavailable", "ingestion is not running: " + reason, List.of(),
                    Map.of("Retry-After", "30"));
        }
        if (closing) {
            return Answer.error(503, "unavailable", "ingestion is stopping; retry shortly", List.of(), Map.of("Retry-After", "5"));
        }
        if (backlogBytes() > settings.maxBacklogBytes()) {
            return Answer.error(503, "behind", "ingestion is " + (backlogBytes() >> 20) + " MB behind the store; retry later",
                    List.of(), Map.of("Retry-After", "5"));
        }
        if (inFlight.incrementAndGet() > settings.maxPendingRequests()) {
            inFlight.decrementAndGet();
            return Answer.error(429, "too_many_requests", "too many calls are waiting to be written; retry shortly",
                    List.of(), Map.of("Retry-After", "1"));
        }
        try {
            pace();
            return receive(single, authorization, contentEncoding, contentLength, body);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Past {@code paceBacklogMb} not yet stored, a call waits (before its body is read, so the client's connection
     * slows too) until the drain has brought the backlog under it again, at most {@link #PACE_WAIT_MILLIS} (or half
     * the commit timeout): the intake then runs at the store's pace and leaves the processors to the drain, rather
     * than running ahead and leaving a backlog behind. The hard limit (503 past {@code maxBacklogMb}) stays.
     */
    private void pace() {
        long limit = settings.paceBacklogBytes();
        if (limit >= settings.maxBacklogBytes() || backlogBytes() <= limit) {
            return;
        }
        paced.incrementAndGet();
        try {
            drainer.awaitProgress(() -> backlogBytes() <= limit, Math.min(PACE_WAIT_MILLIS, settings.commitTimeoutMs() / 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The longest a call waits for the store to catch up. */
    static final long PACE_WAIT_MILLIS = 1000;
    private final java.util.concurrent.atomic.AtomicLong paced = new java.util.concurrent.atomic.AtomicLong();

    /** How many calls have waited for the store to catch up since the start. */
    long paced() {
        return paced.get();
    }

    private Answer receive(Optional<EventType> single, Optional<String> authorization, Optional<String> contentEncoding,
            long contentLength, InputStream body) {
        int limit = single.isPresent() ? EventParser.MAX_EVENT_BYTES : EventParser.MAX_REQUEST_BYTES;
        Optional<String> basicKey = authorization.flatMap(Ingestion::basicUser);
        byte[] bytes;
        int length;
        try {
            if (contentLength > limit) {
                throw EventParser.tooLarge(single, contentLength);
            }
            InputStream in = body;
            if (contentEncoding.isPresent() && !contentEncoding.get().isBlank()
                    && !contentEncoding.get().equalsIgnoreCase("identity")) {
                if (!contentEncoding.get().equalsIgnoreCase("gzip")) {
                    return rejected(basicKey, 1, 415, "unsupported_media_type", "Content-Encoding '"
                            + contentEncoding.get() + "' is not supported: send gzip or nothing", List.of());
                }
                in = new GZIPInputStream(body, 8192);
            }
            bytes = new byte[(int) Math.min(limit + 1L, contentLength > 0 && contentEncoding.isEmpty() ? contentLength : limit + 1L)];
            length = 0;
            int n;
            while (length < bytes.length && (n = in.read(bytes, length, bytes.length - length)) > 0) {
                length += n;
            }
            if (length > limit) {
                throw EventParser.tooLarge(single, -1); // not read further: its size is of no use and may be huge
            }
        } catch (EventParser.BadRequest e) {
            return rejected(basicKey, e.events, 400, "too_large", e.getMessage(), e.problems);
        } catch (java.util.zip.ZipException e) {
            return rejected(basicKey, 1, 400, "bad_request", "the body is not valid gzip: " + e.getMessage(), List.of());
        } catch (IOException e) {
            return Answer.error(400, "bad_request", "the body could not be read: " + e.getMessage(), List.of(), Map.of());
        }
        EventParser.Parsed parsed;
        try {
            parsed = EventParser.parse(single, bytes, length, mapper);
        } catch (EventParser.BadRequest e) {
            return rejected(basicKey.isPresent() ? basicKey : EventParser.writeKeyOf(bytes, length), e.events, 400,
                    "bad_request", e.getMessage(), e.problems);
        }
        Optional<String> key = basicKey.or(parsed::writeKey);
        if (key.isEmpty()) {
            return Answer.error(401, "unauthorized", "send the source's write key as the HTTP Basic user name (empty "
                    + "password) or as \"writeKey\" in the body", List.of(), Map.of("WWW-Authenticate", "Basic realm=\"Tenure ingest\""));
        }
        Optional<Source> source = source(key.get());
        if (source.isEmpty()) {
            return Answer.error(401, "unauthorized", "the write key is not the key of any source (was it rotated?)",
                    List.of(), Map.of("WWW-Authenticate", "Basic realm=\"Tenure ingest\""));
        }
        if (!source.get().enabled()) {
            return rejected(key, parsed.events().size(), 403, "forbidden", "source '" + source.get().id()
                    + "' is disabled", List.of());
        }
        if (parsed.events().isEmpty()) {
            return Answer.ok();
        }
        try {
            log.append(new LogRecord.Events(source.get().id(), Clock.systemUTC().instant(), parsed.events()).encode(),
                    settings.commitTimeoutMs());
            return Answer.ok();
        } catch (InterruptedIOException e) {
            return Answer.error(503, "unavailable", "the events were not stored (" + e.getMessage() + "); send them again",
                    List.of(), Map.of("Retry-After", "5"));
        } catch (IOException e) {
            return Answer.error(503, "unavailable", "the events were not stored: " + e.getMessage(), List.of(),
                    Map.of("Retry-After", "30"));
        }
    }

    /** A refused call: counted against its source when the key names one (without waiting for the log). */
    private Answer rejected(Optional<String> key, long events, int status, String code, String message, List<String> details) {
        key.flatMap(this::source).ifPresent(s -> {
            try {
                log.append(new LogRecord.Rejection(s.id(), Clock.systemUTC().instant(), events, message).encode(), 0);
            } catch (IOException e) {
                // not waiting: the count follows with the next commit
            }
        });
        return Answer.error(status, code, message, details, Map.of());
    }

    private Optional<Source> source(String writeKey) {
        String hash = hash(writeKey);
        long now = System.currentTimeMillis();
        CachedSource cached = sources.get(hash);
        if (cached == null || now - cached.loaded() > SOURCE_CACHE_MILLIS) {
            cached = new CachedSource(ledger.sourceByKeyHash(hash), now);
            if (sources.size() > 10_000) {
                sources.clear(); // a flood of wrong keys does not grow the cache without bound
            }
            sources.put(hash, cached);
        }
        return cached.source();
    }

    static Optional<String> basicUser(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.isEmpty() ? Optional.empty() : Optional.of(user);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String hash(String writeKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(writeKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new write key: 32 random letters and digits, like Segment's. */
    static String newWriteKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    /** Creates a source; returns it with its write key (shown once). */
    record NewKey(Source source, String writeKey) {
    }

    NewKey createSource(String id, String name) throws DataException {
        String key = newWriteKey();
        java.time.Instant now = Clock.systemUTC().instant();
        Source source = ledger.saveSource(new Source(id.toLowerCase(Locale.ROOT), name, hash(key), true, now, now));
        sourcesChanged();
        return new NewKey(source, key);
    }

    void close() throws IOException {
        deactivate();
    }
}
