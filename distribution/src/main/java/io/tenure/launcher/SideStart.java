package io.tenure.launcher;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts a few system bundles on a thread of their own, beside the framework's start-level thread, instead of in
 * its queue. Felix starts the bundles of a start level one after another on one thread; the HTTP server (Felix
 * HTTP with Jetty) takes about a fifth of a whole start (Jetty's classes, the JDK's locale tables its MIME types and
 * logging ask for) and depends on nothing the other bundles start: the Tenure bundles register their servlets as
 * whiteboard services, which the server picks up whenever it comes up. So it starts while Declarative Services
 * activates Tenure's components, and on 2 cores the two share the time the single thread used to take.
 *
 * <p>These bundles are started transiently, so the framework cache never marks them to be started by the start-level
 * thread (a cache that did, from an earlier version, is corrected before the framework starts). Felix queues a bundle
 * started from another thread during a start-level change into the start-level thread's own queue when its start
 * level is not below the active one, and that thread then waits on the bundle's lock for the whole of the start; so
 * these bundles have start level {@value #LEVEL} and every other bundle {@value #OTHERS}, the framework's beginning
 * level, and the side start begins once the framework works on level {@value #OTHERS} (at its first bundle start
 * there), or when the framework has started, whichever comes first. A bundle that fails to start is reported by
 * {@link #failure()}, and the launcher stops instead of waiting for a server that will not answer.
 */
final class SideStart {
    /** The system bundles started beside the start-level thread, by symbolic name. */
    static final Set<String> BUNDLES = Set.of("org.apache.felix.http.jetty12");
    /** The start level of the bundles started aside. */
    static final int LEVEL = 1;
    /** The start level of every other bundle, and the framework's beginning start level. */
    static final int OTHERS = 2;

    private final List<Bundle> bundles;
    private final AtomicBoolean begun = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final BundleContext context;
    /** The framework itself: its state can still be read once it has stopped and the context is no longer valid. */
    private final Bundle system;
    private final FrameworkStartLevel frameworkLevel;
    private final SynchronousBundleListener trigger = this::bundleChanged;
    private final FrameworkListener fallback = this::frameworkEvent;

    private SideStart(BundleContext context, List<Bundle> bundles) {
        this.context = context;
        this.system = context.getBundle(0);
        this.bundles = List.copyOf(bundles);
        this.frameworkLevel = system.adapt(FrameworkStartLevel.class);
    }

    /** Whether the framework's start-level thread should leave this bundle to the side start. */
    static boolean startsAside(Bundle bundle) {
        return BUNDLES.contains(bundle.getSymbolicName());
    }

    /**
     * Gives every installed bundle its start level (the given ones {@value #LEVEL}, all others {@value #OTHERS}: a
     * framework cache of an earlier version has other levels), clears the persistent "started" mark of the given
     * bundles (the start-level thread would start them otherwise), resolves every installed bundle and arms the
     * start. Call between {@code init()} and {@code start()} of the framework.
     */
    static SideStart arm(BundleContext context, List<Bundle> bundles) throws BundleException {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != 0) {
                BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
                int wanted = bundles.contains(bundle) ? LEVEL : OTHERS;
                if (level.getStartLevel() != wanted) {
                    level.setStartLevel(wanted);
                }
            }
        }
        for (Bundle bundle : bundles) {
            if (bundle.adapt(BundleStartLevel.class).isPersistentlyStarted()) {
                bundle.stop(); // not active yet: this only clears the persistent mark
            }
        }
        // Every installed bundle is resolved here, before two threads start bundles. Resolving takes the framework's
        // global lock and then the lock of each bundle it resolves; a thread that holds a bundle's lock (starting it)
        // and waits for the global lock to resolve it is interrupted by Felix, and that start fails ("Unable to
        // acquire global lock for resolve"): it happened to Config Admin on the start-level thread while the side
        // thread resolved Jetty together with Config Admin. Resolved bundles are started without the global lock.
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(null);
        SideStart start = new SideStart(context, bundles);
        if (!bundles.isEmpty()) {
            context.addBundleListener(start.trigger);
            context.addFrameworkListener(start.fallback);
        }
        return start;
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTING && frameworkLevel.getStartLevel() > LEVEL) {
            begin();
        }
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            begin();
        }
    }

    private void begin() {
        if (begun.compareAndSet(false, true)) {
            Thread t = new Thread(this::startAll, "tenure-side-start");
            t.setDaemon(true);
            t.start();
        }
    }

    private void startAll() {
        try {
            context.removeBundleListener(trigger);
            context.removeFrameworkListener(fallback);
        } catch (IllegalStateException e) {
            return; // the framework is stopping already
        }
        for (Bundle bundle : bundles) {
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                if ((system.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                    return; // stopped while starting: not a failure of the bundle
                }
                Throwable cause = e.getCause();
                failure.compareAndSet(null, "bundle " + bundle.getSymbolicName() + " failed to start: " + e.getMessage()
                        + (cause != null && cause != e ? " (" + cause + ")" : ""));
            }
        }
    }

    /** Why a bundle of the side start failed to start, or null. */
    String failure() {
        return failure.get();
    }
}
