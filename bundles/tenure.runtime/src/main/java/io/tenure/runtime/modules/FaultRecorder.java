package io.tenure.runtime.modules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tenure.api.module.ExtensionFaults;

/**
 * Counts and keeps the faults of extensions per bundle since the runtime started (the latest 200 in full), and logs
 * each extension's faults at most once a minute so a measure failing on 100,000 accounts writes one line, not 100,000.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ExtensionFaults.class)
public class FaultRecorder implements ExtensionFaults {
    private static final Logger LOG = LoggerFactory.getLogger(FaultRecorder.class);
    static final int KEPT = 200;
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final Deque<Fault> recent = new ArrayDeque<>();
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private final Map<String, Fault> latest = new LinkedHashMap<>();
    private final Map<String, Instant> logged = new LinkedHashMap<>();
    private final Map<String, Long> unlogged = new LinkedHashMap<>();

    public FaultRecorder() {
        this(Clock.systemUTC());
    }

    FaultRecorder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void failed(Object extension, String name, String call, Throwable error) {
        String message = error.getMessage() == null ? error.toString() : error.getClass().getSimpleName() + ": " + error.getMessage();
        record(new Fault(clock.instant(), bundleOf(extension), name, call, Kind.FAILED, message), error);
    }

    @Override
    public void timedOut(Object extension, String name, String call, Duration limit) {
        record(new Fault(clock.instant(), bundleOf(extension), name, call, Kind.TIMED_OUT,
                "did not answer within " + limit.toMillis() + " ms"), null);
    }

    private synchronized void record(Fault fault, Throwable error) {
        recent.addFirst(fault);
        while (recent.size() > KEPT) {
            recent.removeLast();
        }
        long[] t = totals.computeIfAbsent(fault.bundle(), b -> new long[2]);
        t[fault.kind() == Kind.FAILED ? 0 : 1]++;
        latest.put(fault.bundle(), fault);
        String key = fault.bundle() + "/" + fault.extension() + "/" + fault.kind();
        Instant last = logged.get(key);
        if (last == null || !fault.at().isBefore(last.plus(LOG_EVERY))) {
            long more = unlogged.getOrDefault(key, 0L);
            LOG.warn("The {} {} of bundle {} {}: {}{}", fault.call(), fault.extension(), fault.bundle(),
                    fault.kind() == Kind.FAILED ? "failed" : "timed out", fault.message(),
                    more > 0 ? " (and " + more + " more times since the last report)" : "", error);
            logged.put(key, fault.at());
            unlogged.remove(key);
        } else {
            unlogged.merge(key, 1L, Long::sum);
        }
    }

    @Override
    public synchronized List<Fault> recent(int limit) {
        return recent.stream().limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        totals.forEach((bundle, t) -> out.add(new Summary(bundle, t[0], t[1], latest.get(bundle))));
        out.sort(Comparator.comparing((Summary s) -> s.latest().at()).reversed());
        return out;
    }

    /** The symbolic name of the bundle whose class loader defined the extension (or its class name outside OSGi). */
    static String bundleOf(Object extension) {
        if (extension == null) {
            return "unknown";
        }
        Bundle b = FrameworkUtil.getBundle(extension.getClass());
        return b != null ? b.getSymbolicName() : extension.getClass().getName();
    }
}
