package io.tenure.playbooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.account.Account;
import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.module.ExtensionFaults;
import io.tenure.api.module.GuardedRun;
import io.tenure.api.health.AccountHistories;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.money.Money;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.revenue.ChurnRecord;
import io.tenure.api.playbook.Signal;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;

/**
 * Runs every registered {@link PlaybookTrigger} over every account and turns each new signal into a task: the account's
 * CSM (or the configured owner) must act by the trigger's SLA; a signal of an episode that already has a task does not
 * fire again; an expansion signal worth the hand-off threshold goes to sales. Open tasks past their due time are
 * escalated once, and every churn or contraction gets its post-mortem record. Runs hourly (once per cluster) and on
 * demand.
 */
@Component(service = PlaybookEngine.class, configurationPid = PlaybookEngine.PID)
@Designate(ocd = PlaybookEngine.Config.class)
public class PlaybookEngine {
    public static final String PID = "io.tenure.playbooks";
    /** Service property of a trigger whose settings live under another PID than its component name (e.g. a vertical's). */
    public static final String SETTINGS_PID = "tenure.settings.pid";
    private static final Logger LOG = LoggerFactory.getLogger(PlaybookEngine.class);

    @ObjectClassDefinition(name = "Tenure playbooks", description = "Who answers for accounts without a CSM and for overdue tasks.")
    public @interface Config {
        @AttributeDefinition(name = "Owner of unassigned accounts")
        String unassignedOwner() default "cs-leadership";

        @AttributeDefinition(name = "Escalate overdue tasks to")
        String escalationOwner() default "cs-leadership";

        @AttributeDefinition(name = "Escalation SLA (hours)", min = "1", max = "720")
        int escalationHours() default 24;

        @AttributeDefinition(name = "Run every (minutes)", min = "1", max = "1440")
        int runMinutes() default 60;

        @AttributeDefinition(name = "Sales owner", description = "Who expansion signals above the hand-off threshold go to.")
        String salesOwner() default "sales";

        @AttributeDefinition(name = "Hand-off to sales from (ARR)", description = "Expansion in reach at or above this (in the "
                + "account's currency) goes to the sales owner instead of the CSM.", min = "0")
        long salesHandoffArr() default 25_000;

        @AttributeDefinition(name = "Disabled triggers", description = "Names of triggers that do not run, e.g. usage_plateau.")
        String[] disabledTriggers() default {};

        @AttributeDefinition(name = "Trigger time limit (ms)", description = "A trigger call on one account that takes longer "
                + "is abandoned and the trigger skipped for the rest of the run.", min = "10", max = "600000")
        int triggerTimeLimitMillis() default 5_000;
    }

    /** What a run did: the accounts evaluated, the tasks created and escalated, the post-mortem records filed, failures per trigger. */
    public record Run(int accounts, List<Task> created, List<Task> escalated, int postmortems, Map<String, Integer> failures,
            long millis, Set<String> timedOut) {
    }

    private final List<PlaybookTrigger> triggers = new CopyOnWriteArrayList<>();
    private final Map<PlaybookTrigger, String> settingsPids = new ConcurrentHashMap<>();
    private final Clock clock;

    @Reference
    private DataStore store;
    @Reference
    private AccountHistories histories;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ExtensionFaults faults;

    private ExtensionFaults faults() {
        ExtensionFaults f = faults;
        return f == null ? ExtensionFaults.NONE : f;
    }

    private volatile Config config;
    private ScheduledExecutorService scheduler;

    public PlaybookEngine() {
        this.clock = Clock.systemUTC();
    }

    public PlaybookEngine(DataStore store, AccountHistories histories, Config config, List<PlaybookTrigger> triggers, Clock clock) {
        this.store = store;
        this.histories = histories;
        this.config = config;
        this.triggers.addAll(triggers);
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTrigger(PlaybookTrigger trigger, Map<String, Object> properties) {
        // where the trigger's settings live: its own property, or else its component's configuration
        Object name = properties.getOrDefault(SETTINGS_PID, properties.get("component.name"));
        if (name instanceof String pid) {
            settingsPids.put(trigger, pid);
        }
        triggers.add(trigger);
    }

    void removeTrigger(PlaybookTrigger trigger) {
        triggers.remove(trigger);
        settingsPids.remove(trigger);
    }

    /** The configuration PID a trigger's settings live under (its component name), if it was registered by DS. */
    public Optional<String> settingsPid(PlaybookTrigger trigger) {
        return Optional.ofNullable(settingsPids.get(trigger));
    }

    @Activate
    void activate(Config changed) {
        validate(changed);
        config = changed;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenure-playbooks");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runIfDue, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** How often the scheduler looks for new data. */
    static final long CHECK_SECONDS = 30;
    /** What the triggers read; a change to any of them is new data (tasks and post-mortems are the engine's own output). */
    private static final List<io.tenure.api.data.EntityType<?>> INPUTS = List.of(Account.TYPE,
            io.tenure.api.revenue.Subscription.TYPE, io.tenure.api.revenue.ArrMovement.TYPE,
            io.tenure.api.engagement.UsageRollup.TYPE, io.tenure.api.engagement.SurveyResponse.TYPE,
            io.tenure.api.engagement.SupportTicket.TYPE, io.tenure.api.engagement.Interaction.TYPE,
            io.tenure.api.account.Contact.TYPE, io.tenure.api.journey.Milestone.TYPE, io.tenure.api.account.StageChange.TYPE,
            io.tenure.api.health.HealthScore.TYPE);
    private volatile String lastInputs = "";
    private volatile Instant lastRun = Instant.EPOCH;
    /** Where the change log of each input stood when the last run read it (empty before the first full run). */
    private final Map<io.tenure.api.data.EntityType<?>, Long> marks = new ConcurrentHashMap<>();
    private volatile Run lastScheduled;

    /**
     * The scheduled check, once per cluster: every {@code runMinutes} (and on the first check) a full run over every
     * account, for the signals that time brings (renewals coming closer, tasks falling overdue); in between, when the
     * triggers' inputs changed, a run over only the accounts whose data changed (the change log names them) — or a
     * full one when the log no longer reaches back or most accounts changed.
     */
    boolean runIfDue() {
        try {
            String inputs = INPUTS.stream().map(t -> t.name() + ":" + store.version(t)).reduce("", String::concat);
            Instant now = clock.instant();
            boolean due = now.isAfter(lastRun.plus(Duration.ofMinutes(config.runMinutes())));
            if (inputs.equals(lastInputs) && !due) {
                return false;
            }
            Optional<AutoCloseable> lock = store.tryLock("tenure-playbooks");
            if (lock.isEmpty()) {
                return false; // another node is at it
            }
            try (AutoCloseable held = lock.get()) {
                Map<io.tenure.api.data.EntityType<?>, Long> upTo = new java.util.HashMap<>();
                Optional<Set<String>> changed = due || marks.isEmpty() ? Optional.empty() : changedAccounts(upTo);
                if (changed.isEmpty()) {
                    INPUTS.forEach(t -> upTo.put(t, store.changesSince(t, Long.MAX_VALUE).upTo()));
                    lastScheduled = run();
                    lastRun = now;
                } else {
                    lastScheduled = run(changed.get());
                }
                marks.putAll(upTo);
                lastInputs = inputs;
                return true;
            }
        } catch (Exception e) {
            LOG.warn("Playbook run failed: {}", e.getMessage());
            return false;
        }
    }

    /** The last run the schedule made (full or of the changed accounts), if any. */
    Optional<Run> lastScheduled() {
        return Optional.ofNullable(lastScheduled);
    }

    /**
     * The accounts whose inputs changed since the marks, noting where the log now stands in {@code upTo}; empty when
     * a full run is the better answer (the log was pruned past the marks, or over a fifth of the accounts, and over
     * 1,000, changed).
     */
    private Optional<Set<String>> changedAccounts(Map<io.tenure.api.data.EntityType<?>, Long> upTo) {
        Set<String> changed = new java.util.HashSet<>();
        for (io.tenure.api.data.EntityType<?> type : INPUTS) {
            io.tenure.api.data.DataStore.Changes c = store.changesSince(type, marks.getOrDefault(type, 0L));
            if (!c.complete()) {
                return Optional.empty();
            }
            changed.addAll(c.accountIds());
            upTo.put(type, c.upTo());
        }
        long accounts = store.repository(Account.TYPE).count(io.tenure.api.data.Query.all());
        return changed.size() > Math.max(1_000, accounts / 5) ? Optional.empty() : Optional.of(changed);
    }

    @Modified
    void modified(Config changed) {
        validate(changed);
        config = changed;
    }

    /** @throws IllegalArgumentException naming the setting that is out of range */
    static void validate(Config c) {
        Settings.range(PID, "escalationHours", c.escalationHours(), 1, 720);
        Settings.range(PID, "runMinutes", c.runMinutes(), 1, 1440);
        Settings.range(PID, "triggerTimeLimitMillis", c.triggerTimeLimitMillis(), 10, 600_000);
        if (c.salesHandoffArr() < 0) {
            throw new IllegalArgumentException(PID + " salesHandoffArr " + c.salesHandoffArr() + " is negative");
        }
        for (String name : List.of(c.unassignedOwner(), c.escalationOwner(), c.salesOwner())) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(PID + ": the owners (unassigned, escalation, sales) must not be blank");
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public List<PlaybookTrigger> triggers() {
        return List.copyOf(triggers);
    }

    /** Whether a trigger of that name runs (registered and not disabled). */
    public boolean enabled(String trigger) {
        return !java.util.Arrays.asList(config.disabledTriggers()).contains(trigger);
    }

    public Config config() {
        return config;
    }

    /**
     * Evaluates every enabled trigger on every account now, files the missing post-mortem records, creates the new
     * tasks and escalates the overdue ones.
     */
    public Run run() throws DataException {
        return run(Optional.empty());
    }

    /** Runs every trigger on the named accounts only (those whose data changed); escalations and post-mortems as ever. */
    public Run run(Set<String> accounts) throws DataException {
        return run(Optional.of(accounts));
    }

    private Run run(Optional<Set<String>> only) throws DataException {
        long started = System.nanoTime();
        Config cfg = config;
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<PlaybookTrigger> active = triggers.stream().filter(t -> enabled(t.name())).toList();
        // the rest of what the triggers see is read beside the histories
        java.util.concurrent.CompletableFuture<Contexts> reading = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> Contexts.read(store, today));
        Map<String, AccountHistory> all;
        if (only.isEmpty()) {
            all = histories.all(today, today);
        } else {
            all = new java.util.HashMap<>();
            for (String id : only.get()) {
                histories.of(id, today).ifPresent(h -> all.put(id, h));
            }
        }
        Contexts contexts;
        try {
            contexts = reading.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        List<ChurnRecord> drafts = Postmortems.drafts(contexts.movements(), contexts.churnRecords());
        if (!drafts.isEmpty()) {
            store.saveAll(ChurnRecord.TYPE, drafts);
            contexts.addChurnRecords(drafts);
        }
        Set<String> existing = contexts.taskKeys();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        GuardedRun guard = new GuardedRun("playbook run", Duration.ofMillis(cfg.triggerTimeLimitMillis()),
                new GuardedRun.Listener() {
                    @Override
                    public void timedOut(String trigger, Object history, Duration limit) {
                        LOG.error("Trigger {} did not answer within {} ms: skipped for the rest of this run, its worker "
                                + "abandoned", trigger, limit.toMillis());
                        active.stream().filter(t -> t.name().equals(trigger)).findFirst()
                                .ifPresent(t -> faults().timedOut(t, trigger, "playbook trigger", limit));
                    }

                    @Override
                    public void failed(Object history, RuntimeException error) {
                        LOG.error("Playbook evaluation failed on {}: {}", history, error.toString());
                    }
                });
        List<Task> created;
        try {
            created = guard.run(all.values(), Runtime.getRuntime().availableProcessors(),
                    h -> tasks(contexts.of(h), active, now, existing, failures, cfg, guard));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("the playbook run was interrupted");
        }
        List<Task> escalated = new ArrayList<>();
        for (Task t : contexts.allTasks()) {
            String id = "esc-" + digest(t.id());
            if (t.overdue(now) && !t.playbook().equals("escalation") && !existing.contains(Contexts.key(t.accountId(), id))) {
                escalated.add(new Task(t.accountId(), id, "escalation", "Overdue: " + t.title(), cfg.escalationOwner(), now,
                        now.plus(Duration.ofHours(cfg.escalationHours())), TaskStatus.OPEN, Optional.empty(),
                        Optional.of("task " + t.id() + " of " + t.owner() + " was due " + t.due())));
            }
        }
        List<Task> save = new ArrayList<>(created);
        save.addAll(escalated);
        if (!save.isEmpty()) {
            store.saveAll(Task.TYPE, save);
        }
        Run run = new Run(all.size(), created, escalated, drafts.size(), Map.copyOf(failures), (System.nanoTime() - started) / 1_000_000,
                guard.timedOut());
        LOG.info("Playbooks: {} accounts{}, {} new tasks, {} escalations, {} post-mortem records in {} ms", run.accounts(),
                only.isPresent() ? " (those whose data changed)" : "", created.size(), escalated.size(), drafts.size(), run.millis());
        return run;
    }

    /** The new tasks of one account: a task per signal whose episode has none yet. */
    private List<Task> tasks(PlaybookContext context, List<PlaybookTrigger> active, Instant now, Set<String> existing,
            Map<String, Integer> failures, Config cfg, GuardedRun guard) {
        List<Task> out = new ArrayList<>();
        Account account = context.account();
        for (PlaybookTrigger trigger : active) {
            if (!guard.allowed(trigger.name())) {
                continue;
            }
            List<Signal> signals;
            guard.enter(trigger.name());
            try {
                signals = trigger.evaluate(context);
            } catch (RuntimeException e) {
                if (failures.merge(trigger.name(), 1, Integer::sum) == 1) {
                    LOG.warn("Trigger {} failed on {}: {}", trigger.name(), account.id(), e.toString());
                }
                faults().failed(trigger, trigger.name(), "playbook trigger", e);
                continue;
            } finally {
                guard.exit();
            }
            for (Signal s : signals) {
                String id = trigger.name() + "-" + digest(s.episode());
                if (existing.contains(Contexts.key(account.id(), id))) {
                    continue;
                }
                String owner = s.owner().orElse(account.owner().orElse(cfg.unassignedOwner()));
                String title = s.title();
                String evidence = s.evidence();
                if (s.expansionArr().isPresent()) {
                    Money value = s.expansionArr().get();
                    Money threshold = Money.ofMinor(Math.multiplyExact(cfg.salesHandoffArr(),
                            (long) Math.pow(10, Math.max(0, value.currency().getDefaultFractionDigits()))), value.currency().getCurrencyCode());
                    evidence += "; expansion in reach " + value.toDecimalString() + " " + value.currency();
                    if (value.compareTo(threshold) >= 0 && s.owner().isEmpty()) { // a trigger's own owner stays
                        owner = cfg.salesOwner();
                        title = "Hand to sales: " + title;
                        evidence += " (hand-off threshold " + threshold.toDecimalString() + ")";
                    }
                }
                out.add(new Task(account.id(), id, trigger.playbook(), title, owner, now, now.plus(s.sla()), TaskStatus.OPEN,
                        Optional.empty(), Optional.of(evidence)).withSteps(trigger.steps()));
            }
        }
        return out;
    }

    private static String digest(String episode) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(episode.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
