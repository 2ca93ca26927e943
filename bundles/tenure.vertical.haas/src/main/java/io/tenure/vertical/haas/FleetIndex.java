package io.tenure.vertical.haas;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;

/**
 * The fleets of every account, read from the store in three scans and shared by the measures, triggers, metric and
 * page, so a health run over 100K accounts never queries per account. The copy is rebuilt when
 * {@link DataStore#version} of a fleet entity changes, checked at most every {@link #CHECK_NANOS} ns. Daily rollups
 * older than the configured history are not read.
 */
@Component(service = FleetIndex.class)
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
    private volatile Snapshot snapshot;

    public FleetIndex() {
        this.clock = Clock.systemUTC();
        this.nanos = System::nanoTime;
    }

    FleetIndex(DataStore store, Haas haas, Clock clock, LongSupplier nanos) {
        this.store = store;
        this.haas = haas;
        this.clock = clock;
        this.nanos = nanos;
    }

    /** The fleets as last read, reread first when the store changed since; empty while the store cannot serve them. */
    public Fleet fleet() {
        Snapshot s = snapshot;
        long now = nanos.getAsLong();
        if (s != null && now - s.checkedAt() < CHECK_NANOS) {
            return s.fleet();
        }
        return refresh(now);
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
