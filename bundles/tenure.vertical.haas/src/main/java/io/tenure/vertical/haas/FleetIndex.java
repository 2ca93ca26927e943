package io.tenure.vertical.haas;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;

/**
 * The fleets of every account, read from the store in three scans and shared by the measures, triggers, metric and
 * page, so a health run over 100K accounts never queries per account. The copy is rebuilt when
 * {@link DataStore#version} of a fleet entity changes, checked at most every {@link #CHECK_NANOS} ns. Daily rollups
 * older than the configured history are not read. The first read is made by the first caller (others wait for it);
 * later rereads run on a worker of the index while callers keep the previous copy, so a measure call never waits for
 * a scan of a large fleet (its time is limited).
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = FleetIndex.class)
public class FleetIndex {
    static final long CHECK_NANOS = 2_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(FleetIndex.class);

    /** A fleet with the entity versions it was read at and when they were last compared. */
    private record Snapshot(Fleet fleet, long[] versions, long checkedAt) {
    }

    @Reference
    private DataStore store;
    @Reference
    private Haas haas;

    private final Clock clock;
    private final LongSupplier nanos;
    private final java.util.concurrent.Executor worker;
    private final java.util.concurrent.atomic.AtomicBoolean rereading = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Snapshot snapshot;

    public FleetIndex() {
        this.clock = Clock.systemUTC();
        this.nanos = System::nanoTime;
        this.worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tenure-haas-fleet-index");
            t.setDaemon(true);
            return t;
        });
    }

    /** For tests: rereads run on the calling thread. */
    FleetIndex(DataStore store, Haas haas, Clock clock, LongSupplier nanos) {
        this.store = store;
        this.haas = haas;
        this.clock = clock;
        this.nanos = nanos;
        this.worker = Runnable::run;
    }

    /** Reads the fleet on the worker as the bundle starts, so the first health run finds it read. */
    @org.osgi.service.component.annotations.Activate
    void activate() {
        worker.execute(() -> refresh(nanos.getAsLong()));
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() throws InterruptedException {
        if (worker instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * The fleets as last read; when the store changed since, a reread starts and the caller gets the previous copy
     * (the first caller waits for the first read). Empty while the store cannot serve the fleet entities.
     */
    public Fleet fleet() {
        Snapshot s = snapshot;
        long now = nanos.getAsLong();
        if (s != null && now - s.checkedAt() < CHECK_NANOS) {
            return s.fleet();
        }
        if (s == null || (s.versions().length > 0 && s.versions()[0] < 0)) {
            return refresh(now); // never read, or the last read failed: nothing worth serving meanwhile
        }
        if (rereading.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    try {
                        refresh(nanos.getAsLong());
                    } finally {
                        rereading.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                rereading.set(false); // stopping
            }
        }
        return snapshot.fleet();
    }

    private synchronized Fleet refresh(long now) {
        Snapshot s = snapshot;
        if (s != null && now - s.checkedAt() < CHECK_NANOS) {
            return s.fleet();
        }
        try {
            long[] versions = versions();
            if (s != null && Arrays.equals(versions, s.versions())) {
                snapshot = new Snapshot(s.fleet(), versions, now);
                return s.fleet();
            }
            Fleet fleet = read();
            snapshot = new Snapshot(fleet, versions, now);
            return fleet;
        } catch (RuntimeException e) {
            // the store may not serve the fleet entities yet (they register when this bundle starts): try again later
            LOG.debug("The fleet could not be read yet: {}", e.getMessage());
            Fleet last = s == null ? Fleet.EMPTY : s.fleet();
            snapshot = new Snapshot(last, new long[] { -1 }, now);
            return last;
        }
    }

    private long[] versions() {
        long[] v = new long[HaasEntities.TYPES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = store.version(HaasEntities.TYPES.get(i));
        }
        return v;
    }

    private Fleet read() {
        Fleet.Builder b = new Fleet.Builder();
        Query all = Query.all();
        store.repository(Device.TYPE).scan(all, b::device);
        LocalDate from = LocalDate.now(clock).minusDays(haas.config().historyDays());
        store.repository(DeviceDay.TYPE).scan(all.since("date", from.toString()), b::day);
        store.repository(ServiceEvent.TYPE).scan(all, b::event);
        Fleet fleet = b.build();
        LOG.debug("Read the fleets of {} accounts", fleet.accounts());
        return fleet;
    }
}
