package io.tenure.playbooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.data.DataException;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.health.AccountHistories;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.playbook.PlaybookTrigger;
import io.tenure.api.playbook.Signal;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;

/**
 * Runs every registered {@link PlaybookTrigger} over every account and turns each new signal into a task: the account's
 * CSM (or the configured owner) must act by the trigger's SLA; a signal of an episode that already has a task does not
 * fire again. Open tasks past their due time are escalated once. Runs hourly (once per cluster) and on demand.
 */
@Component(service = PlaybookEngine.class, configurationPid = PlaybookEngine.PID)
@Designate(ocd = PlaybookEngine.Config.class)
public class PlaybookEngine {
    public static final String PID = "io.tenure.playbooks";
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
    }

    /** What a run did. */
    public record Run(int accounts, List<Task> created, List<Task> escalated) {
    }

    private final List<PlaybookTrigger> triggers = new CopyOnWriteArrayList<>();
    private final Clock clock;

    @Reference
    private DataStore store;
    @Reference
    private AccountHistories histories;

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
    void addTrigger(PlaybookTrigger trigger) {
        triggers.add(trigger);
    }

    void removeTrigger(PlaybookTrigger trigger) {
        triggers.remove(trigger);
    }

    @Activate
    void activate(Config changed) {
        config = changed;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenure-playbooks");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Optional<AutoCloseable> lock = store.tryLock("tenure-playbooks");
                if (lock.isPresent()) {
                    try (AutoCloseable held = lock.get()) {
                        run();
                    }
                }
            } catch (Exception e) {
                LOG.warn("Playbook run failed: {}", e.getMessage());
            }
        }, 2, Math.max(1, changed.runMinutes()), TimeUnit.MINUTES);
    }

    @Modified
    void modified(Config changed) {
        config = changed;
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

    /** Evaluates every trigger on every account now, creates the new tasks and escalates the overdue ones. */
    public Run run() throws DataException {
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Task> created = new ArrayList<>();
        java.util.Map<String, AccountHistory> all = histories.all(today, today);
        for (AccountHistory h : all.values()) {
            for (PlaybookTrigger trigger : triggers) {
                List<Signal> signals;
                try {
                    signals = trigger.evaluate(h);
                } catch (RuntimeException e) {
                    LOG.warn("Trigger {} failed on {}: {}", trigger.name(), h.account().id(), e.getMessage());
                    continue;
                }
                for (Signal s : signals) {
                    String id = trigger.name() + "-" + digest(s.episode());
                    if (store.repository(Task.TYPE).get(List.of(h.account().id(), id)).isEmpty()) {
                        created.add(new Task(h.account().id(), id, trigger.playbook(), s.title(),
                                h.account().owner().orElse(config.unassignedOwner()), now, now.plus(s.sla()), TaskStatus.OPEN,
                                Optional.empty(), Optional.of(s.evidence())));
                    }
                }
            }
        }
        List<Task> escalated = new ArrayList<>();
        List<Task> open = new ArrayList<>();
        store.repository(Task.TYPE).forEach(Query.all().where("status", "open"), open::add);
        store.repository(Task.TYPE).forEach(Query.all().where("status", "in_progress"), open::add);
        for (Task t : open) {
            String id = "esc-" + digest(t.id());
            if (t.overdue(now) && !t.playbook().equals("escalation")
                    && store.repository(Task.TYPE).get(List.of(t.accountId(), id)).isEmpty()) {
                escalated.add(new Task(t.accountId(), id, "escalation", "Overdue: " + t.title(), config.escalationOwner(), now,
                        now.plus(java.time.Duration.ofHours(config.escalationHours())), TaskStatus.OPEN, Optional.empty(),
                        Optional.of("task " + t.id() + " of " + t.owner() + " was due " + t.due())));
            }
        }
        List<Task> all2 = new ArrayList<>(created);
        all2.addAll(escalated);
        if (!all2.isEmpty()) {
            store.saveAll(Task.TYPE, all2);
            LOG.info("Playbooks: {} new tasks, {} escalations", created.size(), escalated.size());
        }
        return new Run(all.size(), created, escalated);
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
