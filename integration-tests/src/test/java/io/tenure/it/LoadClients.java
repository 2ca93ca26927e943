package io.tenure.it;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Clients calling a running Tenure in a loop while a test changes it, counting answers and keeping every failure. */
final class LoadClients implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ok = new AtomicInteger();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    private LoadClients() {
    }

    /** Starts {@code clients} threads, each calling every path in turn with {@code authorization} until closed. */
    static LoadClients start(TenureProcess tenure, String authorization, List<String> paths, int clients) {
        LoadClients load = new LoadClients();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (load.running.get()) {
                    for (String path : paths) {
                        try {
                            HttpResponse<String> r = tenure.get(path, authorization);
                            if (r.statusCode() == 200) {
                                load.ok.incrementAndGet();
                            } else {
                                load.failures.add(path + " -> " + r.statusCode() + " " + r.body());
                            }
                        } catch (RuntimeException e) {
                            load.failures.add(path + " -> " + e);
                        }
                    }
                }
            }, "it-load-" + i);
            t.start();
            load.threads.add(t);
        }
        return load;
    }

    int ok() {
        return ok.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops the clients and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
    }
}
