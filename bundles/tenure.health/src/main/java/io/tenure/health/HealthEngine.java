package io.tenure.health;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.account.Contact;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.health.MeasureResult;
import io.tenure.api.module.ExtensionFaults;
import io.tenure.api.module.GuardedRun;
import io.tenure.api.data.EntityType;
import io.tenure.api.engagement.Interaction;
import io.tenure.api.engagement.SupportTicket;
import io.tenure.api.engagement.SurveyResponse;
import io.tenure.api.engagement.UsageRollup;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.health.HealthMeasure;
import io.tenure.api.health.HealthScore;
import io.tenure.api.revenue.Subscription;

/**
 * Scores accounts with every registered {@link HealthMeasure} and keeps the history: the day's scores of every
 * account are stored in {@code health_scores} by a recompute that runs on a schedule when the data behind them changed
 * (or the day did), once per cluster under a lock, and on demand.
 */
@Component(service = HealthEngine.class, configurationPid = HealthConfig.PID)
@Designate(ocd = HealthConfig.class)
public class HealthEngine {
    private static final Logger LOG = LoggerFactory.getLogger(HealthEngine.class);
    private static final List<EntityType<?>> INPUTS = List.of(io.tenure.api.account.Account.TYPE, Subscription.TYPE,
            UsageRollup.TYPE, SurveyResponse.TYPE, SupportTicket.TYPE, Interaction.TYPE, Contact.TYPE);

    private final List<HealthMeasure> measures = new CopyOnWriteArrayList<>();
    private final Clock clock;

    @Reference
    private DataStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ExtensionFaults faults;

    private volatile HealthScorer scorer;
    private ScheduledExecutorService scheduler;
    private volatile String lastInputs = "";
    /** The day of the last full recompute and the change-log marks of its inputs, for incremental runs. */
    private volatile LocalDate lastDay;
    private final Map<EntityType<?>, Long> marks = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile FullRun lastFull;
    private volatile java.time.Instant lastScheduledRun;

    public HealthEngine() {
        this.clock = Clock.systemUTC();
    }

    public HealthEngine(DataStore store, HealthConfig config, List<HealthMeasure> measures, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.scorer = new HealthScorer(config);
        this.measures.addAll(measures);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMeasure(HealthMeasure measure) {
        measures.add(measure);
    }

    void removeMeasure(HealthMeasure measure) {
        measures.remove(measure);
    }

    @Activate
    void activate(HealthConfig config) {
        configure(config);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenure-health-recompute");
            t.setDaemon(true);
            return t;
        });
        // the first check soon after the start (a new or demo store gets its scores within a minute), then every
        // minute; a run happens when the inputs changed and recomputeMinutes passed since the last one, or the day changed
        scheduler.scheduleWithFixedDelay(this::recomputeIfChanged, 30, 60, TimeUnit.SECONDS);
    }

    @Modified
    void configure(HealthConfig config) {
        HealthScorer.validate(config);
        scorer = new HealthScorer(config);
        lastInputs = ""; // new weights: the next run rescores everything
        lastDay = null;
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public HealthScorer scorer() {
        return scorer;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public List<HealthMeasure> measures() {
        List<HealthMeasure> list = new ArrayList<>(measures);
        list.sort(Comparator.comparing((HealthMeasure m) -> m.dimension()).thenComparing(HealthMeasure::name));
        return list;
    }

    /** Scores one account now, each measure call time-limited (see {@link #guarded}). */
    public HealthScorer.Scored score(AccountHistory history) {
        return within("health score", (guard, calls) -> scorer.score(history, measures(), calls));
    }

    /**
     * Runs {@code work} on a guarded worker: every measure call made through the {@link HealthScorer.Calls} it is given
     * is timed against the configured limit; a measure that outlives it is abandoned, reported, and the work done again
     * without it.
     */
    public <R> R within(String what, java.util.function.BiFunction<GuardedRun, HealthScorer.Calls, R> work) {
        GuardedRun guard = guarded(what);
        HealthScorer.Calls calls = calls(guard);
        try {
            List<R> out = guard.run(List.of(what), 1, x -> List.of(work.apply(guard, calls)));
            if (out.isEmpty()) {
                throw new IllegalStateException(what + " failed; see the log");
            }
            return out.get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted");
        }
    }

    /** A guarded run whose timeouts are logged and reported against the measure's bundle. */
    GuardedRun guarded(String what) {
        List<HealthMeasure> current = measures();
        return new GuardedRun(what, java.time.Duration.ofMillis(scorer.config().measureTimeLimitMillis()),
                new GuardedRun.Listener() {
                    @Override
                    public void timedOut(String measure, Object item, java.time.Duration limit) {
                        LOG.error("Health measure {} did not answer within {} ms: left out for the rest of the {}",
                                measure, limit.toMillis(), what);
                        current.stream().filter(m -> m.name().equals(measure)).findFirst()
                                .ifPresent(m -> faults().timedOut(m, measure, "health measure", limit));
                    }

                    @Override
                    public void failed(Object item, RuntimeException error) {
                        LOG.error("{} failed on {}: {}", what, item, error.toString());
                    }
                });
    }

    /** Measure calls timed by {@code guard}; a measure that throws is reported against its bundle. */
    HealthScorer.Calls calls(GuardedRun guard) {
        return new HealthScorer.Calls() {
            @Override
            public Optional<MeasureResult> call(HealthMeasure measure, AccountHistory history) {
                if (!guard.allowed(measure.name())) {
                    return Optional.empty();
                }
                guard.enter(measure.name());
                try {
                    return measure.score(history);
                } finally {
                    guard.exit();
                }
            }

            @Override
            public void failed(HealthMeasure measure, RuntimeException error) {
                faults().failed(measure, measure.name(), "health measure", error);
            }
        };
    }

    /** Where faults of measures are reported (set by DS; tests set it here). */
    void reportTo(ExtensionFaults target) {
        faults = target;
    }

    private ExtensionFaults faults() {
        ExtensionFaults f = faults;
        return f == null ? ExtensionFaults.NONE : f;
    }

    /** Scores every account as of {@code asOf} and stores the scores. @return how many were stored */
    public long recompute(LocalDate asOf) throws DataException {
        Map<EntityType<?>, Long> now = new java.util.HashMap<>();
        for (EntityType<?> t : INPUTS) {
            now.put(t, store.changesSince(t, Long.MAX_VALUE).upTo());
        }
        long stored = recomputeAll(asOf);
        marks.putAll(now);
        lastDay = asOf;
        return stored;
    }

    /**
     * Rescores only the accounts whose inputs changed since the last run of the same day (the change log names them);
     * everything when the day changed, the log no longer reaches back, or most accounts changed.
     *
     * @return how many scores were stored
     */
    public long recomputeChanged(LocalDate asOf) throws DataException {
        if (!asOf.equals(lastDay) || marks.isEmpty()) {
            return recompute(asOf);
        }
        java.util.Set<String> changed = new java.util.HashSet<>();
        Map<EntityType<?>, Long> now = new java.util.HashMap<>();
        for (EntityType<?> t : INPUTS) {
            io.tenure.api.data.DataStore.Changes c = store.changesSince(t, marks.getOrDefault(t, 0L));
            if (!c.complete()) {
                return recompute(asOf);
            }
            changed.addAll(c.accountIds());
            now.put(t, c.upTo());
        }
        List<HealthMeasure> current = measures();
        HealthScorer s = scorer;
        GuardedRun guard = guarded("health rescore");
        HealthScorer.Calls calls = calls(guard);
        List<HealthScore> scores = guarded(guard, changed, id -> Histories.of(store, id, asOf)
                .map(h -> List.of(s.score(h, current, calls).score())).orElse(List.of()));
        long stored = scores.isEmpty() ? 0 : store.saveAll(HealthScore.TYPE, scores);
        marks.putAll(now);
        LOG.info("Health rescored {} changed accounts as of {}", stored, asOf);
        return stored;
    }

    private long recomputeAll(LocalDate asOf) throws DataException {
        long started = System.nanoTime();
        Map<String, AccountHistory> histories = Histories.all(store, asOf);
        long read = System.nanoTime();
        List<HealthMeasure> current = measures();
        HealthScorer s = scorer;
        GuardedRun guard = guarded("health recompute");
        HealthScorer.Calls calls = calls(guard);
        List<HealthScore> scores = guarded(guard, histories.values(), h -> List.of(s.score(h, current, calls).score()));
        long scored = System.nanoTime();
        long stored = store.saveAll(HealthScore.TYPE, scores);
        lastFull = new FullRun(asOf, stored, millis(read - started), millis(scored - read), millis(System.nanoTime() - scored));
        LOG.info("Health recomputed for {} accounts as of {} in {} ms (read {} ms, score {} ms, store {} ms)", stored, asOf,
                millis(System.nanoTime() - started), lastFull.readMillis(), lastFull.scoreMillis(), lastFull.storeMillis());
        return stored;
    }

    private static <T> List<HealthScore> guarded(GuardedRun guard, java.util.Collection<T> items,
            java.util.function.Function<T, List<HealthScore>> work) throws DataException {
        try {
            return guard.run(items, Runtime.getRuntime().availableProcessors(), work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("the health recompute was interrupted");
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** The last full recompute, if any has run: when, how many scores, and where its time went. */
    public Optional<FullRun> lastFullRun() {
        return Optional.ofNullable(lastFull);
    }

    /** One full recompute: the day scored, the scores stored, and the time spent in each phase. */
    public record FullRun(LocalDate asOf, long stored, long readMillis, long scoreMillis, long storeMillis) {
        public long totalMillis() {
            return readMillis + scoreMillis + storeMillis;
        }
    }

    /** The scheduled run: recomputes today's scores when the inputs or the day changed, once per cluster. */
    void recomputeIfChanged() {
        try {
            String inputs = today() + INPUTS.stream().map(t -> ":" + store.version(t)).reduce("", String::concat);
            if (inputs.equals(lastInputs)) {
                return;
            }
            java.time.Instant now = clock.instant();
            java.time.Instant last = lastScheduledRun;
            if (last != null && today().equals(lastDay)
                    && now.isBefore(last.plus(java.time.Duration.ofMinutes(scorer.config().recomputeMinutes())))) {
                return; // changed, but the last run is recent: the next check after recomputeMinutes takes it
            }
            Optional<AutoCloseable> lock = store.tryLock("tenure-health-recompute");
            if (lock.isEmpty()) {
                return; // another node is at it
            }
            try (AutoCloseable held = lock.get()) {
                recomputeChanged(today());
                lastInputs = inputs;
                lastScheduledRun = now;
            }
        } catch (Exception e) {
            LOG.warn("Scheduled health recompute failed: {}", e.getMessage());
        }
    }
}
