package io.tenure.runtime.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.service.cm.ConfigurationAdmin;

import io.tenure.api.readiness.Readiness;
import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleState;

/**
 * The boot asks the framework to start the feature bundles, and the framework's start-level thread starts them one
 * after another afterwards: while it does, a feature whose bundles are not active yet reads STARTING and the runtime
 * is not ready ("starting features"), never FAILED. Once the framework has started, a bundle still not active is a
 * failure. The framework and its bundles are stand-ins whose states the test sets.
 */
class ModuleManagerBootTest {
    @TempDir
    Path home;

    /** A bundle stand-in: its state is the test's to set; start() only counts, as a queued start does. */
    private static final class FakeBundle {
        final long id;
        final String symbolicName;
        final String location;
        volatile int state;
        final AtomicInteger starts = new AtomicInteger();
        final Bundle proxy;

        FakeBundle(long id, String symbolicName, String location, int state) {
            this.id = id;
            this.symbolicName = symbolicName;
            this.location = location;
            this.state = state;
            this.proxy = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                    (p, method, args) -> switch (method.getName()) {
                        case "getState" -> this.state;
                        case "getBundleId" -> id;
                        case "getSymbolicName" -> symbolicName;
                        case "getLocation" -> location;
                        case "getVersion" -> new Version(1, 0, 0);
                        case "getLastModified" -> Long.MAX_VALUE;
                        case "getHeaders" -> new Hashtable<String, String>(Map.of(Constants.BUNDLE_NAME, symbolicName));
                        case "start" -> {
                            starts.incrementAndGet();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> symbolicName;
                        default -> null; // adapt(), getRegisteredServices(), ...: nothing
                    });
        }
    }

    private BundleContext context(FakeBundle system, FakeBundle feature) {
        Map<String, String> properties = Map.of(ModuleManager.HOME_PROPERTY, home.toString(),
                ModuleManager.DATA_PROPERTY, home.resolve("data").toString());
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getBundles" -> new Bundle[] {system.proxy, feature.proxy};
                    case "getBundle" -> {
                        if (args == null) {
                            yield system.proxy;
                        }
                        Object which = args[0];
                        if (which.equals(Constants.SYSTEM_BUNDLE_LOCATION) || which.equals(0L)) {
                            yield system.proxy;
                        }
                        yield which.equals(feature.location) || which.equals(feature.id) ? feature.proxy : null;
                    }
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "context";
                    default -> null; // listeners: nothing to tell
                });
    }

    @Test
    void aFeatureQueuedWhileTheFrameworkStartsReadsStartingAndFailedOnlyOnceItHasStarted() throws Exception {
        Files.createDirectories(home.resolve("features"));
        Files.createDirectories(home.resolve("bundles"));
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("features/enterprise.json"), """
                {"id": "io.tenure:tenure.features:osgifeature:enterprise:1.0.0",
                 "bundles": [{"id": "io.tenure:tenure.vertical.enterprise:1.0.0", "start-order": 20}],
                 "extensions": {"tenure": {"type": "json", "kind": "optional", "json": {"activeByDefault": true}}}}
                """);
        Path jar = Files.writeString(home.resolve("bundles/tenure.vertical.enterprise-1.0.0.jar"), "stand-in");
        FakeBundle system = new FakeBundle(0, "org.apache.felix.framework", Constants.SYSTEM_BUNDLE_LOCATION, Bundle.STARTING);
        FakeBundle enterprise = new FakeBundle(7, "tenure.vertical.enterprise", jar.toUri().toString(), Bundle.RESOLVED);
        ConfigurationAdmin configAdmin = (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, method, args) -> {
                    throw new AssertionError("the feature has no configuration: " + method.getName());
                });

        ModuleManager manager = new ModuleManager(context(system, enterprise), configAdmin);
        manager.deactivate(); // waits for the boot to finish
        assertEquals(1, enterprise.starts.get(), "the boot asked for the feature's bundle to start");

        // The framework's start-level thread has not reached the bundle yet.
        assertEquals(ModuleState.STARTING, state(manager));
        Readiness starting = manager.check();
        assertFalse(starting.ready());
        assertEquals("starting features", starting.detail());

        // The framework has started and the bundle is still not active: that is a failure.
        system.state = Bundle.ACTIVE;
        assertEquals(ModuleState.FAILED, state(manager));
        assertEquals("not every bundle of the feature is active", feature(manager).error().orElseThrow());
        Readiness failed = manager.check();
        assertFalse(failed.ready());
        assertEquals("enterprise is failed", failed.detail());

        enterprise.state = Bundle.ACTIVE;
        assertEquals(ModuleState.ACTIVE, state(manager));
        assertTrue(manager.check().ready());
    }

    private static ModuleInfo feature(ModuleManager manager) {
        List<ModuleInfo> features = manager.features();
        assertEquals(1, features.size());
        return features.get(0);
    }

    private static ModuleState state(ModuleManager manager) {
        return feature(manager).state();
    }
}
