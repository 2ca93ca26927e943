package io.tenure.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the console's long operations (an import, a health recompute) in the background, so the request that starts
 * one returns at once and the page shows its progress. At most one job of each kind runs at a time; the last
 * {@value #KEPT} jobs are kept in memory until the console stops.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = JobRunner.class)
public class JobRunner {
    /** How many jobs, finished or not, are remembered. */
    static final int KEPT = 20;
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** Where a job is. */
    public enum Status {
        RUNNING, DONE, FAILED;

        /** The lower-case word the pages and the JSON show. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Lets running work say how far it is. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param text what it is doing, e.g. {@code 1,200 of 3,000 rows read}
         * @param fraction done so far between 0 and 1, or negative when not known
         */
        void report(String text, double fraction);
    }

    /** What a job does; returns the message shown when it is done. */
    @FunctionalInterface
    public interface Work {
        String run(Progress progress) throws Exception;
    }

    /** Ends a job as failed with a message and details (e.g. the first bad rows of an import). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<String> details;

        public Failure(String message, List<String> details) {
            super(message);
            this.details = List.copyOf(details);
        }

        public List<String> details() {
            return details;
        }
    }

    /**
     * One job as it stands.
     *
     * @param fraction done so far between 0 and 1, or negative when not known
     * @param details more lines about the outcome (the first errors of a failed import)
     */
    public record Job(long id, String kind, String what, String user, Instant started, Optional<Instant> finished,
            Status status, String progress, double fraction, String message, List<String> details) {

        public Job {
            details = List.copyOf(details);
        }

        /** How long it ran, or has been running by {@code now}. */
        public Duration elapsed(Instant now) {
            return Duration.between(started, finished.orElse(now));
        }

        Job withProgress(String text, double value) {
            return new Job(id, kind, what, user, started, finished, status, text, value, message, details);
        }

        Job ended(Status end, Instant at, String text, List<String> lines) {
            return new Job(id, kind, what, user, started, Optional.of(at), end, progress,
                    end == Status.DONE ? 1 : fraction, text, lines);
        }
    }

    /** Refused because a job of the same kind is still running. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    private final Clock clock;
    private final ExecutorService workers;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long nextId = 1;

    public JobRunner() {
        this(Clock.systemUTC(), Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tenure-console-job");
            t.setDaemon(true);
            return t;
        }));
    }

    JobRunner(Clock clock, ExecutorService workers) {
        this.clock = clock;
        this.workers = workers;
    }

    /**
     * Starts {@code work} in the background.
     *
     * @param kind one job of each kind at a time, e.g. {@code import}
     * @param what what it does, for people, e.g. {@code import of accounts from accounts.csv}
     * @throws Busy when a job of that kind is still running
     */
    public Job start(String kind, String what, String user, Work work) throws Busy {
        Job job;
        synchronized (jobs) {
            Optional<Job> running = jobs.values().stream().filter(j -> j.kind().equals(kind) && j.status() == Status.RUNNING)
                    .findFirst();
            if (running.isPresent()) {
                throw new Busy("Job " + running.get().id() + " (" + running.get().what() + ", started by "
                        + running.get().user() + ") is still running; one " + kind + " at a time.");
            }
            job = new Job(nextId++, kind, what, user, clock.instant(), Optional.empty(), Status.RUNNING, "starting", -1, "",
                    List.of());
            jobs.put(job.id(), job);
            prune();
        }
        long id = job.id();
        try {
            workers.execute(() -> run(id, work));
        } catch (RejectedExecutionException e) {
            update(id, j -> j.ended(Status.FAILED, clock.instant(), "The console is stopping.", List.of()));
        }
        return job(id).orElseThrow();
    }

    private void run(long id, Work work) {
        try {
            String message = work.run((text, fraction) -> update(id, j -> j.status() == Status.RUNNING
                    ? j.withProgress(text, Math.min(1, fraction)) : j));
            update(id, j -> j.ended(Status.DONE, clock.instant(), message, List.of()));
        } catch (Failure e) {
            update(id, j -> j.ended(Status.FAILED, clock.instant(), e.getMessage(), e.details()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            update(id, j -> j.ended(Status.FAILED, clock.instant(), "Interrupted: the console stopped.", List.of()));
        } catch (Exception | LinkageError e) {
            LOG.warn("Console job {} failed", id, e);
            update(id, j -> j.ended(Status.FAILED, clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage(),
                    List.of()));
        }
    }

    private void update(long id, UnaryOperator<Job> change) {
        synchronized (jobs) {
            jobs.computeIfPresent(id, (k, j) -> change.apply(j));
        }
    }

    /** Forgets the oldest finished jobs beyond {@value #KEPT}. */
    private void prune() {
        List<Long> finished = new ArrayList<>();
        jobs.values().stream().filter(j -> j.status() != Status.RUNNING).forEach(j -> finished.add(j.id()));
        for (int i = 0; jobs.size() > KEPT && i < finished.size(); i++) {
            jobs.remove(finished.get(i));
        }
    }

    public Optional<Job> job(long id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** The jobs kept, newest first. */
    public List<Job> jobs() {
        synchronized (jobs) {
            List<Job> all = new ArrayList<>(jobs.values());
            java.util.Collections.reverse(all);
            return all;
        }
    }

    /** Now, by the runner's clock. */
    Instant now() {
        return clock.instant();
    }

    /** A job as the JSON the console's script reads. */
    Map<String, Object> json(Job job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", job.id());
        json.put("kind", job.kind());
        json.put("what", job.what());
        json.put("status", job.status().code());
        json.put("progress", job.progress());
        json.put("fraction", job.fraction());
        json.put("elapsed", elapsed(job.elapsed(now())));
        json.put("message", job.message());
        json.put("details", job.details());
        return json;
    }

    /** "42 s", "3 min 5 s". */
    static String elapsed(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    @Deactivate
    void close() {
        workers.shutdownNow();
    }
}
