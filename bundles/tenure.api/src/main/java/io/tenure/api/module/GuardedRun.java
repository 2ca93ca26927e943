package io.tenure.api.module;

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

/**
 * Runs an engine's work over many items (accounts) on worker threads and keeps extension code from stalling it: the
 * engine wraps every call into an extension in {@link #enter}/{@link #exit}; a call that outlives the limit
 * quarantines its extension for the rest of the run (then {@link #allowed} is false, and {@link #timedOut} names it),
 * interrupts its worker, and hands the item it was on, and the rest, to a fresh worker that does them without the
 * quarantined extension. Work that throws is logged and its item skipped; the run goes on.
 *
 * <p>Used by the health recompute (measures) and the playbook run (triggers); open to partners' engines too.
 */
public final class GuardedRun {
    /** What the engine hears of a run: an extension quarantined, an item whose work threw. */
    public interface Listener {
        /** The named extension outlived the limit on {@code item}; it is skipped for the rest of the run. */
        void timedOut(String extension, Object item, Duration limit);

        /** The work on {@code item} threw; the item is skipped. */
        void failed(Object item, RuntimeException error);
    }

    private record Call(String extension, long started) {
    }

    private final String runName;
    private final Duration limit;
    private final Listener listener;
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();
    private final Map<Thread, Call> inCall = new ConcurrentHashMap<>();
    private final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();
    private final Map<Thread, Object> working = new ConcurrentHashMap<>();

    /**
     * @param work what runs, for thread names and logs, e.g. {@code "health recompute"}
     * @param limit how long one call into an extension may take
     * @param listener told of timeouts and failures (it logs and reports them; it must not throw)
     */
    public GuardedRun(String work, Duration limit, Listener listener) {
        this.runName = work;
        this.limit = limit;
        this.listener = listener;
    }

    /** @return false once the extension has outlived the limit in this run */
    public boolean allowed(String extension) {
        return !quarantined.contains(extension);
    }

    /** Marks the start of a call into the named extension on this thread. */
    public void enter(String extension) {
        inCall.put(Thread.currentThread(), new Call(extension, System.nanoTime()));
    }

    /** Marks the end of the call this thread entered. */
    public void exit() {
        inCall.remove(Thread.currentThread());
    }

    /** The extensions that outlived the limit in this run. */
    public Set<String> timedOut() {
        return Set.copyOf(quarantined);
    }

    /** The limit of one call. */
    public Duration limit() {
        return limit;
    }

    /**
     * Applies {@code work} to every item on {@code workers} threads and gathers what it returns.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public <T, R> List<R> run(Collection<T> items, int workers, Function<T, List<R>> work) throws InterruptedException {
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
                    quarantined.add(call.extension());
                    abandoned.add(t);
                    @SuppressWarnings("unchecked")
                    T item = (T) working.remove(t);
                    if (item != null) {
                        queue.add(item); // done again, without the quarantined extension
                    }
                    inCall.remove(t);
                    live.remove(t);
                    t.interrupt();
                    listener.timedOut(call.extension(), item, limit);
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
                    listener.failed(item, e);
                } finally {
                    working.remove(self);
                }
            }
        }, "tenure-" + runName.replace(' ', '-') + "-worker");
        worker.setDaemon(true);
        worker.start();
        return worker;
    }
}
