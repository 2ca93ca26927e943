package io.tenure.playbooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a playbook run's work on worker threads and keeps partner code from stalling it: every trigger call is
 * timed, and a call that outlives the limit quarantines its trigger for the rest of the run (skipped everywhere from
 * then on, reported as timed out), interrupts its worker, and hands the account it was on, and the rest, to a fresh
 * worker that evaluates them without the quarantined trigger.
 */
final class GuardedRun {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedRun.class);

    private record Call(String trigger, long started) {
    }

    private final Duration limit;
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();
    private final Map<Thread, Call> inCall = new ConcurrentHashMap<>();
    private final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();
    private final Map<Thread, Object> working = new ConcurrentHashMap<>();

    GuardedRun(Duration limit) {
        this.limit = limit;
    }

    boolean allowed(String trigger) {
        return !quarantined.contains(trigger);
    }

    void enter(String trigger) {
        inCall.put(Thread.currentThread(), new Call(trigger, System.nanoTime()));
    }

    void exit() {
        inCall.remove(Thread.currentThread());
    }

    /** The triggers that outlived the limit in this run. */
    Set<String> timedOut() {
        return Set.copyOf(quarantined);
    }

    /** Applies {@code work} to every item on {@code workers} threads and gathers what it returns. */
    <T, R> List<R> run(Collection<T> items, int workers, Function<T, List<R>> work) throws InterruptedException {
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        List<R> out = Collections.synchronizedList(new ArrayList<>());
        List<Thread> live = new ArrayList<>();
        for (int i = 0; i < Math.max(1, workers); i++) {
            live.add(start(queue, out, work));
        }
        long limitNanos = limit.toNanos();
        while (true) {
            live.removeIf(t -> !t.isAlive());
            if (live.isEmpty()) {
                return out;
            }
            long now = System.nanoTime();
            for (Thread t : List.copyOf(live)) {
                Call call = inCall.get(t);
                if (call != null && now - call.started() > limitNanos) {
                    quarantined.add(call.trigger());
                    abandoned.add(t);
                    @SuppressWarnings("unchecked")
                    T item = (T) working.remove(t);
                    if (item != null) {
                        queue.add(item); // evaluated again, without the quarantined trigger
                    }
                    inCall.remove(t);
                    live.remove(t);
                    t.interrupt();
                    LOG.error("Trigger {} did not answer within {} ms: skipped for the rest of this run, its worker abandoned",
                            call.trigger(), limit.toMillis());
                    live.add(start(queue, out, work));
                }
            }
            live.get(0).join(20);
        }
    }

    private <T, R> Thread start(ConcurrentLinkedQueue<T> queue, List<R> out, Function<T, List<R>> work) {
        Thread worker = new Thread(() -> {
            Thread self = Thread.currentThread();
            for (T item = queue.poll(); item != null && !abandoned.contains(self); item = queue.poll()) {
                working.put(self, item);
                try {
                    List<R> produced = work.apply(item);
                    if (!abandoned.contains(self)) {
                        out.addAll(produced);
                    }
                } catch (RuntimeException e) {
                    LOG.error("Playbook evaluation failed on {}: {}", item, e.toString());
                } finally {
                    working.remove(self);
                }
            }
        }, "tenure-playbooks-worker");
        worker.setDaemon(true);
        worker.start();
        return worker;
    }
}
