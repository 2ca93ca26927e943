package io.tenure.vertical.plg;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.LoggerFactory;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.UsageRollup;

/**
 * The features that count as core actions for activation: the configured list, or else the most used features (by
 * events) of the PLG workspaces over the last {@value #DERIVE_DAYS} days. The derived list is read from the store on a
 * worker of its own — at activation, then at most once an {@link #REFRESH} when usage changed — so a health measure
 * or trigger asking for it never waits for the scan (on a large base it takes seconds, longer than a measure call may
 * take); until the first scan is done the derived list is empty and the measures say so.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = CoreFeatures.class)
public class CoreFeatures {
    static final int DERIVE_DAYS = 90;
    static final Duration REFRESH = Duration.ofHours(1);
    /** The longest ranking kept: the most {@code coreFeatureCount} may ask for. */
    private static final int RANKED = 50;

    private record Ranking(long version, Instant at, List<String> features) {
    }

    @Reference
    private Plg plg;
    @Reference
    private DataStore store;

    private final Clock clock;
    private final java.util.concurrent.Executor worker;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Ranking ranking;

    public CoreFeatures() {
        this.clock = Clock.systemUTC();
        this.worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tenure-plg-core-features");
            t.setDaemon(true);
            return t;
        });
    }

    /** For tests: the scan runs on the calling thread. */
    CoreFeatures(Plg plg, DataStore store, Clock clock) {
        this.plg = plg;
        this.store = store;
        this.clock = clock;
        this.worker = Runnable::run;
    }

    @org.osgi.service.component.annotations.Activate
    void activate() {
        refreshIfStale();
    }

    @org.osgi.service.component.annotations.Deactivate
    void deactivate() throws InterruptedException {
        if (worker instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The core features now, configured or derived; empty when nothing is configured and no PLG usage is stored. */
    List<String> current() {
        Plg.Config c = plg.config();
        List<String> listed = Plg.configuredCore(c);
        if (!listed.isEmpty()) {
            return listed;
        }
        List<String> ranked = ranked();
        return ranked.subList(0, Math.min(c.coreFeatureCount(), ranked.size()));
    }

    private List<String> ranked() {
        refreshIfStale();
        Ranking r = ranking;
        return r == null ? List.of() : r.features();
    }

    /** Starts a scan on the worker when there is no ranking yet, or it is an hour old and usage changed since. */
    private void refreshIfStale() {
        Ranking r = ranking;
        Instant now = clock.instant();
        if (r != null && (r.at().plus(REFRESH).isAfter(now) || r.version() == store.version(UsageRollup.TYPE))) {
            return;
        }
        if (refreshing.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    try {
                        ranking = scan(clock.instant());
                    } catch (RuntimeException e) {
                        LoggerFactory.getLogger(CoreFeatures.class).warn("The core features could not be derived: {}",
                                e.toString());
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshing.set(false); // stopping
            }
        }
    }

    private Ranking scan(Instant now) {
        long version = store.version(UsageRollup.TYPE);
        Set<String> workspaces = new HashSet<>();
        store.repository(Account.TYPE).scan(Query.all().where("vertical", Vertical.PLG.code()), a -> workspaces.add(a.id()));
        Map<String, Long> events = new HashMap<>();
        LocalDate since = LocalDate.ofInstant(now, clock.getZone()).minusDays(DERIVE_DAYS);
        store.repository(UsageRollup.TYPE).scan(Query.all().since("date", since.toString()), u -> {
            if (!u.feature().equals(UsageRollup.ALL_FEATURES) && workspaces.contains(u.accountId())) {
                events.merge(u.feature(), u.events(), Long::sum);
            }
        });
        return new Ranking(version, now, rank(events, RANKED));
    }

    /** The {@code n} features with the most events, most first; ties by name. */
    static List<String> rank(Map<String, Long> events, int n) {
        return events.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> e.getValue()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n).map(Map.Entry::getKey).toList();
    }
}
