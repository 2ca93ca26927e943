package io.tenure.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.ingest.EventLedger;
import io.tenure.api.ingest.HeldEvent;
import io.tenure.api.ingest.IngestEvent;
import io.tenure.api.ingest.SourceStats;

/**
 * Applies the write-ahead log to the store, in order, one transaction per batch of events (the ledger moves the
 * journal's position in the same transaction, so a batch is applied exactly once however often it is read). When
 * the store refuses or is away, the same batch is tried again with a growing pause; the log keeps everything until
 * then. Applied segments are deleted once their position has been committed for a while (H2 writes its commits to
 * disk within about a second; the log covers that window).
 */
final class Drainer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
    /** How long an applied position must have been committed before its log segments go. */
    static final Duration KEEP_APPLIED = Duration.ofSeconds(30);
    private static final Duration RELEASE_EVERY = Duration.ofSeconds(10);
    private static final Duration FORGET_EVERY = Duration.ofHours(1);
    private static final int MAX_BATCH_BYTES = 32 << 20;

    private final WriteAheadLog log;
    private final EventLedger ledger;
    private final DataStore store;
    private final EventMapper mapper;
    private final Settings settings;
    private final String journal;
    private final Clock clock;
    private volatile boolean running = true;
    private volatile long applied = -1;
    private final Deque<long[]> appliedAt = new ArrayDeque<>(); // [epoch millis, position]
    private long lastHousekeeping;
    private final Pace pace = new Pace();

    /** Where the drain's time goes, logged every 10 s while it works: reading the log, mapping, applying to the store. */
    private static final class Pace {
        private long events;
        private long batches;
        private long read;
        private long map;
        private long apply;
        private long since = System.nanoTime();

        void add(long n, long readNanos, long mapNanos, long applyNanos) {
            events += n;
            batches++;
            read += readNanos;
            map += mapNanos;
            apply += applyNanos;
            long now = System.nanoTime();
            if (now - since >= 10_000_000_000L) {
                LOG.info("Drained {} events in {} batches in the last {} s ({} events/s): reading the log {} ms, mapping {} ms, "
                        + "applying to the store {} ms", events, batches, (now - since) / 1_000_000_000L,
                        events * 1_000_000_000L / (now - since), read / 1_000_000, map / 1_000_000, apply / 1_000_000);
                events = 0;
                batches = 0;
                read = 0;
                map = 0;
                apply = 0;
                since = now;
            }
        }
    }
    private Instant lastRelease = Instant.EPOCH;
    private Instant lastForget = Instant.EPOCH;
    private long accountsVersion = -1;
    private volatile boolean membershipsChanged;
    private volatile String lastError = "";
    private final Object pause = new Object();

    private final Duration keepApplied;

    Drainer(WriteAheadLog log, EventLedger ledger, DataStore store, Settings settings, String journal, Clock clock,
            Duration keepApplied) {
        this.keepApplied = keepApplied;
        this.log = log;
        this.ledger = ledger;
        this.store = store;
        this.mapper = new EventMapper(settings);
        this.settings = settings;
        this.journal = journal;
        this.clock = clock;
    }

    private final Object progress = new Object();

    /**
     * Waits until {@code caughtUp} holds (checked after every applied batch) or {@code millis} have passed.
     *
     * @return whether it holds
     */
    boolean awaitProgress(java.util.function.BooleanSupplier caughtUp, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (progress) {
            while (!caughtUp.getAsBoolean()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || !running) {
                    return caughtUp.getAsBoolean();
                }
                progress.wait(left);
            }
            return true;
        }
    }

    /** The position applied to the store, or -1 before the drain has read it. */
    long applied() {
        return applied;
    }

    String lastError() {
        return lastError;
    }

    /** Stops after the batch in hand; wakes a drain pausing after an error (never interrupts a database call). */
    void stop() {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
    }

    /** A batch read from the log and mapped, ready to apply. */
    private record Prepared(long end, int received, List<IngestEvent> events, List<SourceStats.Rejection> rejections,
            EventLedger.Prepared ahead, long readNanos, long mapNanos) {
    }

    /**
     * Reading and mapping the next batch runs on a thread of its own while the batch before it is applied (both use a
     * processor most of the time), so the next batch's mapping sees the memberships and contacts of the batch being
     * applied through {@link #inFlightMembers} and {@link #inFlightContacts} until that one has committed.
     */
    @Override
    public void run() {
        long backoff = 100;
        WriteAheadLog.Reader reader = null;
        java.util.concurrent.ExecutorService mapping = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tenure-ingest-map");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<Prepared> next = null;
        try {
            while (running) {
                try {
                    if (reader == null) {
                        long position = ledger.position(journal);
                        if (position < log.start()) {
                            LOG.error("The store has applied the log {} up to {}, but the log starts at {}; continuing there",
                                    journal, position, log.start());
                            position = log.start();
                        }
                        applied = position;
                        reader = log.reader(position);
                    }
                    WriteAheadLog.Reader from = reader;
                    Prepared batch = next != null ? await(next) : prepare(from);
                    next = null;
                    if (batch == null) {
                        housekeeping();
                        log.awaitBeyond(reader.position(), 200);
                    } else {
                        inFlight(batch);
                        next = mapping.submit(() -> prepare(from));
                        EventLedger.Applied done = apply(batch);
                        if (done.deduplicated() > 0 && batch.events().stream().anyMatch(e -> e.effect() != IngestEvent.Effect.USAGE)) {
                            // a repeated group, alias or identify call changed nothing in the store, yet the read-ahead
                            // was mapped with it: map the next batch again
                            settle(next);
                            next = null;
                            closeQuietly(reader);
                            reader = log.reader(batch.end());
                        }
                        if (clock.millis() - lastHousekeeping > 1000) {
                            housekeeping(); // under a steady load too: applied segments go, held events are released
                        }
                    }
                    backoff = 100;
                    lastError = "";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (IOException | DataException | RuntimeException e) {
                    lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                    if (backoff >= 1600) {
                        LOG.warn("Applying the ingestion log to the store failed, retrying in {} ms: {}", backoff, lastError);
                    }
                    settle(next); // the reader is the mapping thread's while it reads ahead
                    next = null;
                    inFlightMembers.clear();
                    inFlightContacts.clear();
                    closeQuietly(reader);
                    reader = null;
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        } finally {
            settle(next);
            mapping.shutdownNow();
            closeQuietly(reader);
        }
    }

    private static Prepared await(java.util.concurrent.Future<Prepared> next) throws IOException, DataException,
            InterruptedException {
        try {
            return next.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof DataException data) {
                throw data;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for a read-ahead to finish, whatever its outcome. */
    private static void settle(java.util.concurrent.Future<Prepared> next) {
        if (next == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                next.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The memberships (user → account) of the batch being applied, for mapping the next one. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> inFlightMembers = new java.util.concurrent.ConcurrentHashMap<>();
    /** The contacts (account, contact id) of the batch being applied, for mapping the next one. */
    private final java.util.concurrent.ConcurrentHashMap<List<String>, Contact> inFlightContacts = new java.util.concurrent.ConcurrentHashMap<>();

    private void inFlight(Prepared batch) {
        for (IngestEvent e : batch.events()) {
            if (e.effect() == IngestEvent.Effect.MEMBERSHIP && e.accountId().isPresent()) {
                inFlightMembers.put(e.userId().orElseThrow(), e.accountId().get());
            } else if (e.contact().isPresent()) {
                Contact c = e.contact().get();
                inFlightContacts.put(List.of(c.accountId(), c.id()), c);
            }
        }
    }

    /** Reads and maps one batch. @return null when there was nothing to read */
    private Prepared prepare(WriteAheadLog.Reader reader) throws IOException {
        long t0 = System.nanoTime();
        List<EventMapper.Received> received = new ArrayList<>();
        List<SourceStats.Rejection> rejections = new ArrayList<>();
        long end = -1;
        long bytes = 0;
        while (received.size() < settings.drainBatchEvents() && bytes < MAX_BATCH_BYTES) {
            Optional<WriteAheadLog.Entry> entry = reader.next();
            if (entry.isEmpty()) {
                break;
            }
            bytes += entry.get().payload().length;
            end = entry.get().end();
            LogRecord record = LogRecord.decode(entry.get().payload());
            if (record instanceof LogRecord.Events e) {
                for (LogRecord.Event event : e.events()) {
                    received.add(EventMapper.Received.of(e.sourceId(), e.receivedAt(), event));
                }
            } else if (record instanceof LogRecord.Rejection r) {
                rejections.add(new SourceStats.Rejection(r.sourceId(), r.at(), r.events(), r.reason()));
            }
        }
        if (end < 0) {
            return null;
        }
        long t1 = System.nanoTime();
        List<IngestEvent> events = List.copyOf(mapper.map(received, this::members, this::contact));
        // The store's share of the work that needs no transaction (message keys, usage sums) also runs here.
        EventLedger.Prepared ahead = ledger.prepare(events);
        return new Prepared(end, received.size(), events, rejections, ahead, t1 - t0, System.nanoTime() - t1);
    }

    /** The accounts of users: those of the batch being applied, then the store's. */
    private Map<String, String> members(java.util.Collection<String> users) {
        Map<String, String> found = new java.util.HashMap<>();
        List<String> ask = new ArrayList<>();
        for (String u : users) {
            String account = inFlightMembers.get(u);
            if (account != null) {
                found.put(u, account);
            } else {
                ask.add(u);
            }
        }
        if (!ask.isEmpty()) {
            found.putAll(ledger.accountsOfUsers(ask));
        }
        return found;
    }

    /** Applies one prepared batch; the batch's memberships and contacts are then the store's. */
    private EventLedger.Applied apply(Prepared batch) throws DataException {
        if (batch.events().stream().anyMatch(e -> e.effect() == IngestEvent.Effect.MEMBERSHIP)) {
            membershipsChanged = true;
        }
        long t0 = System.nanoTime();
        EventLedger.Applied done = ledger.apply(journal, batch.end(), batch.events(), batch.rejections(), batch.ahead());
        applied = batch.end();
        synchronized (progress) {
            progress.notifyAll();
        }
        inFlightMembers.clear();
        inFlightContacts.clear();
        pace.add(batch.received(), batch.readNanos(), batch.mapNanos(), System.nanoTime() - t0);
        synchronized (appliedAt) {
            appliedAt.addLast(new long[] { clock.millis(), batch.end() });
        }
        return done;
    }

    private Optional<Contact> contact(String account, String id) {
        Contact inFlight = inFlightContacts.get(List.of(account, id));
        return inFlight != null ? Optional.of(inFlight) : store.repository(Contact.TYPE).get(List.of(account, id));
    }

    /** Deletes applied segments, releases held events whose account appeared, forgets old message ids. */
    private void housekeeping() throws DataException {
        long safe = -1;
        long now = clock.millis();
        lastHousekeeping = now;
        synchronized (appliedAt) {
            while (!appliedAt.isEmpty() && appliedAt.peekFirst()[0] <= now - keepApplied.toMillis()) {
                safe = appliedAt.pollFirst()[1];
            }
        }
        if (safe >= 0) {
            log.deleteBefore(safe);
        }
        Instant at = clock.instant();
        if (at.isAfter(lastRelease.plus(RELEASE_EVERY))) {
            lastRelease = at;
            long version = store.version(Account.TYPE);
            if (version != accountsVersion || membershipsChanged) {
                accountsVersion = version;
                membershipsChanged = false;
                releaseHeld();
            }
        }
        if (at.isAfter(lastForget.plus(FORGET_EVERY))) {
            lastForget = at;
            ledger.forget(at.minus(Duration.ofHours(settings.dedupeWindowHours())));
        }
    }

    /** Maps the held events again and applies those whose account now exists. @return how many were released */
    synchronized long releaseHeld() throws DataException {
        long released = 0;
        while (true) {
            List<HeldEvent> held = ledger.held(Optional.empty(), 1000);
            if (held.isEmpty()) {
                return released;
            }
            List<EventMapper.Received> received = new ArrayList<>();
            for (HeldEvent h : held) {
                received.add(mapper.held(h.sourceId(), h.receivedAt(), h.messageId(), h.json()));
            }
            List<IngestEvent> mapped = mapper.map(received, ledger::accountsOfUsers, this::contact);
            Map<Long, IngestEvent> byId = new LinkedHashMap<>();
            for (int i = 0; i < held.size(); i++) {
                byId.put(held.get(i).id(), mapped.get(i));
            }
            long now = ledger.release(byId);
            released += now;
            if (held.size() < 1000 || now == 0) {
                return released;
            }
        }
    }

    private static void closeQuietly(WriteAheadLog.Reader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // reopened on the next round
            }
        }
    }

    private void sleep(long millis) {
        synchronized (pause) {
            try {
                if (running) {
                    pause.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
