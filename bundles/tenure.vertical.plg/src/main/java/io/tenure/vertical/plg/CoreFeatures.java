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
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.account.Vertical;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.engagement.UsageRollup;

/**
 * The features that count as core actions for activation: the configured list, or else the most used features (by
 * events) of the PLG workspaces over the last {@value #DERIVE_DAYS} days. The derived list is read from the store and
 * recomputed at most once an {@link #REFRESH} when usage changed; nothing is kept that the store does not hold.
 */
@Component(service = CoreFeatures.class)
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
    private volatile Ranking ranking;

    public CoreFeatures() {
        this.clock = Clock.systemUTC();
    }

    CoreFeatures(Plg plg, DataStore store, Clock clock) {
        this.plg = plg;
        this.store = store;
        this.clock = clock;
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

    private synchronized List<String> ranked() {
        Ranking r = ranking;
        Instant now = clock.instant();
        if (r != null && (r.at().plus(REFRESH).isAfter(now) || r.version() == store.version(UsageRollup.TYPE))) {
            return r.features();
        }
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
        ranking = new Ranking(version, now, rank(events, RANKED));
        return ranking.features();
    }

    /** The {@code n} features with the most events, most first; ties by name. */
    static List<String> rank(Map<String, Long> events, int n) {
        return events.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> e.getValue()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n).map(Map.Entry::getKey).toList();
    }
}
