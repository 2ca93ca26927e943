package io.tenure.api.module;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the engines report what went wrong inside an extension they called — a health measure, a playbook trigger, a
 * metric, a console page, a REST resource, an entity or demo contribution of a vertical or partner bundle — so it is
 * logged once, counted per bundle, and shown in the console's modules page and in {@code /api/v1/modules}. The caller
 * goes on without the extension; reporting never throws.
 */
@ProviderType
public interface ExtensionFaults {

    /** Reports nowhere: for an engine while the runtime's service is not there (tests, tools). */
    ExtensionFaults NONE = new ExtensionFaults() {
        @Override
        public void failed(Object extension, String name, String call, Throwable error) {
        }

        @Override
        public void timedOut(Object extension, String name, String call, Duration limit) {
        }

        @Override
        public List<Fault> recent(int limit) {
            return List.of();
        }

        @Override
        public List<Summary> summaries() {
            return List.of();
        }
    };

    /** What happened. */
    enum Kind {
        /** The call threw. */
        FAILED,
        /** The call did not answer within its time limit and was abandoned. */
        TIMED_OUT
    }

    /**
     * One fault.
     *
     * @param bundle the symbolic name of the bundle the extension comes from
     * @param extension the extension's name (a measure's, trigger's, metric's or page's name)
     * @param call what was called, e.g. {@code "health measure"} or {@code "console page"}
     * @param message the error, or the limit that was passed
     */
    record Fault(Instant at, String bundle, String extension, String call, Kind kind, String message) {
    }

    /** Totals of one bundle's faults since the runtime started, and the latest. */
    record Summary(String bundle, long failed, long timedOut, Fault latest) {
    }

    /** An extension's call threw {@code error}. */
    void failed(Object extension, String name, String call, Throwable error);

    /** An extension's call did not answer within {@code limit}. */
    void timedOut(Object extension, String name, String call, Duration limit);

    /** The latest faults, newest first (at most {@code limit}). */
    List<Fault> recent(int limit);

    /** Per bundle with faults, its totals and latest fault. */
    List<Summary> summaries();

    /**
     * The faults of a module: a bundle's, or the sum of a feature's bundles' with the latest of them.
     *
     * @param summaries what {@link #summaries()} said (read once for many modules)
     * @return empty when its extensions had no fault; else a summary named by the module's id
     */
    static Optional<Summary> of(ModuleInfo module, List<Summary> summaries) {
        List<String> bundles = module.kind() == ModuleKind.FEATURE ? module.members() : List.of(module.id());
        long failed = 0;
        long timedOut = 0;
        Fault latest = null;
        for (Summary s : summaries) {
            if (bundles.contains(s.bundle())) {
                failed += s.failed();
                timedOut += s.timedOut();
                latest = latest == null || s.latest().at().isAfter(latest.at()) ? s.latest() : latest;
            }
        }
        return latest == null ? Optional.empty() : Optional.of(new Summary(module.id(), failed, timedOut, latest));
    }
}
