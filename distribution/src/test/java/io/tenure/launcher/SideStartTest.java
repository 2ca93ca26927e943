package io.tenure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The side start, in a real Felix: a slow bundle started aside runs its activator while the start-level thread starts
 * the others (it used to wait on the slow bundle's lock), it is never marked to be started by the framework, and a
 * failure of its activator is reported.
 */
class SideStartTest extends FelixTest {
    @AfterEach
    void clear() {
        System.clearProperty(Slow.SAW_OTHER);
        System.clearProperty(Slow.STARTED);
        System.clearProperty(First.SAW_SLOW);
    }

    /** Blocks its start until a bundle named "other" is active (at most 10 s) and records whether it saw it. */
    public static final class Slow implements BundleActivator {
        static final String SAW_OTHER = "tenure.test.slow.sawOther";
        static final String STARTED = "tenure.test.slow.started";

        @Override
        public void start(BundleContext context) throws InterruptedException {
            System.setProperty(STARTED, "true");
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                if (otherActive(context)) {
                    System.setProperty(SAW_OTHER, Thread.currentThread().getName());
                    return;
                }
                Thread.sleep(5);
            }
        }

        private static boolean otherActive(BundleContext context) {
            for (Bundle b : context.getBundles()) {
                if ("other".equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void stop(BundleContext context) {
        }
    }

    /**
     * Starts when the side start has begun (it waits for the slow bundle's activator, at most 10 s), so the bundle
     * after it is reached by the start-level thread while the slow one is still starting.
     */
    public static final class First implements BundleActivator {
        static final String SAW_SLOW = "tenure.test.first.sawSlow";

        @Override
        public void start(BundleContext context) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.getProperty(Slow.STARTED) == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            System.setProperty(SAW_SLOW, String.valueOf(System.getProperty(Slow.STARTED) != null));
        }

        @Override
        public void stop(BundleContext context) {
        }
    }

    /** Starts in no time. */
    public static final class Quick implements BundleActivator {
        @Override
        public void start(BundleContext context) {
        }

        @Override
        public void stop(BundleContext context) {
        }
    }

    /** Throws on start. */
    public static final class Broken implements BundleActivator {
        @Override
        public void start(BundleContext context) {
            throw new IllegalStateException("cannot bind its port");
        }

        @Override
        public void stop(BundleContext context) {
        }
    }

    private Path bundle(String name, Class<? extends BundleActivator> activator) throws Exception {
        return TestBundles.jar(tmp, name, activator);
    }

    /**
     * Installs the bundles (the first is started aside), marks the others started, arms the side start, starts. With
     * {@code oldLevels}, every bundle is at start level 1 first, as a framework cache of an earlier version has them.
     */
    private SideStart start(boolean oldLevels, Path aside, Path... others) throws Exception {
        newFramework(Map.of(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(SideStart.OTHERS),
                "felix.startlevel.bundle", String.valueOf(SideStart.OTHERS))).init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new java.util.ArrayList<>();
        Bundle side = context.installBundle(aside.toUri().toString());
        side.start(); // as an earlier version of the launcher did: the side start must clear this mark
        installed.add(side);
        for (Path other : others) {
            Bundle bundle = context.installBundle(other.toUri().toString());
            bundle.start();
            installed.add(bundle);
        }
        if (oldLevels) {
            installed.forEach(b -> b.adapt(BundleStartLevel.class).setStartLevel(1));
        }
        SideStart start = SideStart.arm(context, List.of(side));
        for (Bundle bundle : installed) {
            assertEquals(Bundle.RESOLVED, bundle.getState(), bundle.getSymbolicName()
                    + " is resolved before two threads start bundles (resolving on both could fail a start)");
        }
        framework.start();
        return start;
    }

    private Bundle bundleNamed(String name) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + name);
    }

    private void awaitActive(Bundle bundle) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (bundle.getState() != Bundle.ACTIVE && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is active");
    }

    @Test
    void aSlowBundleStartsBesideTheOthersAndIsNeverMarkedForTheStartLevelThread() throws Exception {
        slowBundleStartsBesideTheOthers(false);
    }

    @Test
    void theStartLevelsOfAnEarlierVersionsCacheAreCorrected() throws Exception {
        slowBundleStartsBesideTheOthers(true);
    }

    private void slowBundleStartsBesideTheOthers(boolean oldLevels) throws Exception {
        // "first" starts when the side start begins; "other" comes after it in the start-level thread's queue
        SideStart start = start(oldLevels, bundle("slow", Slow.class), bundle("first", First.class), bundle("other", Quick.class));
        Bundle slow = bundleNamed("slow");
        awaitActive(slow);
        assertEquals("true", System.getProperty(First.SAW_SLOW),
                "the side start began while the framework was starting its first bundles (not after it had started)");
        assertEquals("tenure-side-start", System.getProperty(Slow.SAW_OTHER),
                "the other bundle became active while the slow one was still starting, on the side thread");
        assertNull(start.failure());

        BundleStartLevel level = slow.adapt(BundleStartLevel.class);
        assertEquals(SideStart.LEVEL, level.getStartLevel());
        assertFalse(level.isPersistentlyStarted(), "started transiently");
        for (String other : List.of("first", "other")) {
            BundleStartLevel otherLevel = bundleNamed(other).adapt(BundleStartLevel.class);
            assertEquals(SideStart.OTHERS, otherLevel.getStartLevel());
            assertTrue(otherLevel.isPersistentlyStarted());
        }
    }

    @Test
    void aBundleThatFailsToStartAsideIsReported() throws Exception {
        SideStart start = start(false, bundle("broken", Broken.class), bundle("other", Quick.class));
        long deadline = System.currentTimeMillis() + 20_000;
        while (start.failure() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertNotNull(start.failure(), "the failure is reported");
        assertTrue(start.failure().startsWith("bundle broken failed to start: "), start.failure());
        assertTrue(start.failure().contains("cannot bind its port"), "with its cause: " + start.failure());
        assertEquals(Bundle.ACTIVE, bundleNamed("other").getState(), "the others start all the same");
    }
}
