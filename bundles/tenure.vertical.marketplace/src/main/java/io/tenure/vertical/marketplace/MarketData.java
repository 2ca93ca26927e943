package io.tenure.vertical.marketplace;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.data.DataStore;
import io.tenure.api.data.EntityType;
import io.tenure.api.data.Query;
import io.tenure.api.revenue.ArrMovement;

/**
 * The marketplace read once from the store and kept while the store's version of its entities stays the same, so a
 * health run over every account does not query per account. Also keeps the ARR movements of the accounts with a side,
 * for per-side retention. Versions are checked at most every {@value #CHECK_MILLIS} ms. The first load is made by the
 * first caller (others wait for it); later reloads run on a worker while callers keep the previous copy, so a measure
 * call never waits for a scan of a large marketplace (its time is limited).
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = MarketData.class)
public class MarketData {
    static final long CHECK_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(MarketData.class);

    /** One load: what was read and the store versions it was read at. */
    private record Loaded<T>(T value, List<Long> versions, Instant checked) {
    }

    @Reference
    private DataStore store;
    private final Clock clock;
    private final java.util.concurrent.Executor worker;
    private final java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Loaded<Market> market;
    private volatile Loaded<List<ArrMovement>> movements;

    public MarketData() {
        this.clock = Clock.systemUTC();
        this.worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tenure-marketplace-data");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads from {@code store}, checking its versions by {@code clock}; reloads run on the calling thread (tests). */
    MarketData(DataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.worker = Runnable::run;
    }

    /** Loads the marketplace on the worker as the bundle starts, so the first health run finds it loaded. */
    @org.osgi.service.component.annotations.Activate
    void activate() {
        worker.execute(this::reload);
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() throws InterruptedException {
        if (worker instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Fixed data, for tests: never reloads. */
    static MarketData fixed(Market market, List<ArrMovement> movements) {
        MarketData d = new MarketData(null, Clock.systemUTC());
        d.market = new Loaded<>(market, List.of(), Instant.MAX);
        d.movements = new Loaded<>(List.copyOf(movements), List.of(), Instant.MAX);
        return d;
    }

    /**
     * The marketplace as last loaded (empty while its entities are not in the store); when the store changed since, a
     * reload starts and the caller gets the previous copy.
     */
    Market current() {
        Loaded<Market> m = market;
        if (m != null && (store == null || clock.instant().isBefore(m.checked().plusMillis(CHECK_MILLIS)))) {
            return m.value();
        }
        if (m == null || m.versions().contains(-1L)) {
            return reload(); // never loaded, or its entities were not served yet: nothing worth serving meanwhile
        }
        if (reloading.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    try {
                        reload();
                    } finally {
                        reloading.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                reloading.set(false); // stopping
            }
        }
        return market.value();
    }

    private Market reload() {
        synchronized (this) {
            Loaded<Market> m = market;
            if (m != null && clock.instant().isBefore(m.checked().plusMillis(CHECK_MILLIS))) {
                return m.value();
            }
            List<Long> versions = versions(MarketplaceSide.TYPE, MarketplaceOrder.TYPE, MarketplaceListing.TYPE);
            if (m != null && m.versions().equals(versions)) {
                market = new Loaded<>(m.value(), versions, clock.instant());
                return m.value();
            }
            // -1: an entity the store does not serve yet (at start the reader runs before this bundle's entities are
            // registered): empty until the versions change, without a warning about the expected
            Market loaded = versions.contains(-1L) ? Market.EMPTY : load();
            market = new Loaded<>(loaded, versions, clock.instant());
            return loaded;
        }
    }

    /** The ARR movements of every account with a side row, in store order. */
    List<ArrMovement> movements() {
        Loaded<List<ArrMovement>> m = movements;
        if (m != null && store == null) {
            return m.value();
        }
        synchronized (this) {
            List<Long> versions = versions(MarketplaceSide.TYPE, ArrMovement.TYPE);
            m = movements;
            if (m != null && m.versions().equals(versions)) {
                return m.value();
            }
            Market current = current();
            Set<String> accounts = new HashSet<>(current.everOn(Side.BUYER));
            accounts.addAll(current.everOn(Side.SELLER));
            List<ArrMovement> list = new ArrayList<>();
            if (!accounts.isEmpty()) {
                store.repository(ArrMovement.TYPE).scan(Query.all(), mv -> {
                    if (accounts.contains(mv.accountId())) {
                        list.add(mv);
                    }
                });
            }
            movements = new Loaded<>(List.copyOf(list), versions, clock.instant());
            return movements.value();
        }
    }

    private List<Long> versions(EntityType<?>... types) {
        List<Long> out = new ArrayList<>();
        for (EntityType<?> t : types) {
            try {
                out.add(store.version(t));
            } catch (RuntimeException e) {
                out.add(-1L);
            }
        }
        return out;
    }

    private Market load() {
        try {
            List<MarketplaceSide> sides = new ArrayList<>();
            store.repository(MarketplaceSide.TYPE).scan(Query.all(), sides::add);
            List<MarketplaceOrder> orders = new ArrayList<>();
            store.repository(MarketplaceOrder.TYPE).scan(Query.all(), orders::add);
            List<MarketplaceListing> listings = new ArrayList<>();
            store.repository(MarketplaceListing.TYPE).scan(Query.all(), listings::add);
            return new Market(sides, orders, listings);
        } catch (RuntimeException e) {
            LOG.warn("The marketplace entities cannot be read yet ({}); the marketplace is empty until they can", e.toString());
            return Market.EMPTY;
        }
    }
}
