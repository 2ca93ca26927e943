package io.tenure.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.tenure.api.module.ModuleInfo;
import io.tenure.api.module.ModuleService;
import io.tenure.api.module.ModuleState;
import io.tenure.api.readiness.ReadinessCheck;

/**
 * Inside a real Felix framework with the assembled bundles (Pax Exam): everything resolves and starts, every DS
 * component is satisfied, stopping an optional bundle removes its services and starting it restores them, and an
 * uninstalled bundle leaves nothing behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private ModuleService modules;

    @Configuration
    public Option[] config() throws IOException {
        Path assembly = Path.of(System.getProperty("tenure.assembly")).toAbsolutePath();
        Path data = Files.createTempDirectory(Path.of(System.getProperty("tenure.it.work", "target")).toAbsolutePath()
                .resolve("..").normalize(), "paxexam-data");
        List<Option> options = new ArrayList<>(List.of(
                cleanCaches(),
                junitBundles(),
                systemProperty("tenure.sample.bundle").value(System.getProperty("tenure.sample.bundle")),
                frameworkProperty("tenure.home").value(assembly.toString()),
                frameworkProperty("tenure.data").value(data.toString()),
                frameworkProperty("felix.cm.dir").value(data.resolve("config").toString()),
                frameworkProperty("org.osgi.service.http.port").value(String.valueOf(TenureProcess.freePort())),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                frameworkProperty("felix.fileinstall.dir").value(data.resolve("deploy").toString()),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                // Added to Pax Exam's own extra system packages, as the launcher exports slf4j from its class path.
                systemPackages("org.slf4j;version=2.0.16", "org.slf4j.spi;version=2.0.16", "org.slf4j.event;version=2.0.16",
                        "org.slf4j.helpers;version=2.0.16", "org.slf4j;version=1.7.36", "org.slf4j.spi;version=1.7.36",
                        "org.slf4j.event;version=1.7.36", "org.slf4j.helpers;version=1.7.36")));
        Files.createDirectories(data.resolve("deploy"));
        try (Stream<Path> jars = Files.list(assembly.resolve("system"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                options.add(org.ops4j.pax.exam.CoreOptions.bundle(jar.toUri().toString()).start());
            }
        }
        return options(options.toArray(new Option[0]));
    }

    /** Waits until every readiness check (modules, store, demo) is ready. */
    private void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<String> waiting = new ArrayList<>();
            for (var ref : context.getServiceReferences(ReadinessCheck.class, null)) {
                ReadinessCheck check = context.getService(ref);
                if (check != null && !check.check().ready()) {
                    waiting.add(check.name() + ": " + check.check().detail());
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            assertTrue("not ready: " + waiting, System.currentTimeMillis() < deadline);
            Thread.sleep(50);
        }
    }

    @Test
    public void everyBundleIsActiveAndEveryComponentSatisfied() throws Exception {
        awaitReady();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            assertEquals(bundle.getSymbolicName() + " is not active", fragment ? Bundle.RESOLVED : Bundle.ACTIVE, bundle.getState());
        }
        List<String> tenureBundles = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)
                .filter(n -> n.startsWith("tenure.")).sorted().toList();
        assertEquals(List.of("tenure.api", "tenure.console", "tenure.demo", "tenure.forecast", "tenure.health", "tenure.ingest",
                "tenure.journey", "tenure.metrics", "tenure.playbooks", "tenure.runtime", "tenure.store", "tenure.vertical.enterprise", "tenure.vertical.haas", "tenure.vertical.marketplace", "tenure.vertical.plg",
                "tenure.web"),
                tenureBundles);
        int checked = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                assertTrue(description.name + " is unsatisfied: " + Arrays.toString(configuration.unsatisfiedReferences),
                        configuration.state == ComponentConfigurationDTO.ACTIVE
                                || configuration.state == ComponentConfigurationDTO.SATISFIED);
                checked++;
            }
        }
        assertTrue("components checked: " + checked, checked >= 10);
        for (ModuleInfo feature : List.of(modules.module("core").orElseThrow(), modules.module("console").orElseThrow())) {
            assertEquals(ModuleState.ACTIVE, feature.state());
        }
    }

    @Test
    public void stoppingAnOptionalBundleRemovesItsServicesAndStartingRestoresThem() throws Exception {
        awaitReady();
        Bundle console = installedBundle("tenure.console");
        int servicesBefore = registered(console);
        assertTrue("the console registers its servlets", servicesBefore >= 2);

        modules.stop("tenure.console");
        assertEquals(Bundle.RESOLVED, console.getState());
        assertEquals(0, registered(console));
        assertNoServiceFrom(console);
        assertEquals(ModuleState.PARTIAL, modules.module("console").orElseThrow().state());

        modules.start("tenure.console");
        assertEquals(Bundle.ACTIVE, console.getState());
        assertEquals(servicesBefore, registered(console));
        assertEquals(ModuleState.ACTIVE, modules.module("console").orElseThrow().state());

        modules.stop("console");
        assertEquals(0, registered(console));
        assertEquals(ModuleState.STOPPED, modules.module("console").orElseThrow().state());
        modules.start("console");
        assertEquals(servicesBefore, registered(console));
    }

    @Test
    public void anUninstalledBundleLeavesNoServiceBehind() throws Exception {
        awaitReady();
        Bundle sample = context.installBundle(Path.of(System.getProperty("tenure.sample.bundle")).toUri().toString());
        sample.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (registered(sample) < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("the sample registers a REST resource, a console page and a metric", 3, registered(sample));
        long sampleId = sample.getBundleId();
        sample.uninstall();
        assertNull(context.getBundle(sampleId));
        for (ServiceReference<?> reference : context.getAllServiceReferences(null, null)) {
            assertTrue("service left behind: " + reference, reference.getBundle() != null
                    && reference.getBundle().getBundleId() != sampleId);
        }
        assertNotNull(modules.module("tenure.web").orElseThrow());
    }

    private Bundle installedBundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private static int registered(Bundle bundle) {
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        return services == null ? 0 : services.length;
    }

    private void assertNoServiceFrom(Bundle bundle) throws Exception {
        ServiceReference<?>[] all = context.getAllServiceReferences(null, null);
        for (ServiceReference<?> reference : all) {
            assertTrue("service still registered by " + bundle.getSymbolicName() + ": " + reference,
                    reference.getBundle() == null || reference.getBundle().getBundleId() != bundle.getBundleId());
        }
    }
}
