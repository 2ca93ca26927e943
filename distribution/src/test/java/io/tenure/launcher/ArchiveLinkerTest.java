package io.tenure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The archive linker finds, from a JVM class-load log, the classes each bundle defined and links them. */
class ArchiveLinkerTest extends FelixTest {
    /** An activator that does nothing; its class is what the log names. */
    public static final class Plain implements BundleActivator {
        @Override
        public void start(BundleContext context) {
        }

        @Override
        public void stop(BundleContext context) {
        }
    }

    /** A class of the bundle its activator never touches: the linker loads it from the bundle to link it. */
    public static final class Untouched {
        public int value;
    }

    @Test
    void linksTheClassesTheLogNamesForTheirOwnBundlesOnly() throws Exception {
        Path jar = TestBundles.jar(tmp, "plain", Plain.class, Untouched.class);
        newFramework(Map.of()).start();
        Bundle bundle = framework.getBundleContext().installBundle(jar.toUri().toString()); // file:///...
        bundle.start();

        String source = "file:" + jar.toAbsolutePath(); // the JVM's log writes file:/...
        Path log = tmp.resolve("classes.log");
        Files.write(log, List.of(
                "[0.101s][info][class,load] java.lang.Object source: shared objects file",
                "[0.512s][info][class,load] " + Plain.class.getName() + " source: " + source,
                "[0.513s][info][class,load] " + Plain.class.getName() + " source: " + source, // once is enough
                "[0.514s][info][class,load] io.tenure.Missing source: " + source,             // not in the bundle
                "[0.514s][info][class,load  ] " + Untouched.class.getName() + " source: " + source, // padded tags
                "[0.515s][info][class,load] org.example.Other source: file:/elsewhere/other.jar", // no such bundle
                "[0.516s][info][class,load] io.tenure.Lambda$$Lambda$12/0x0001 source: io.tenure.Lambda"),
                StandardCharsets.UTF_8);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int linked = ArchiveLinker.linkLoadedClasses(framework.getBundleContext(), log, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, linked, "only the classes the bundle defines");
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertSame(bundle, org.osgi.framework.FrameworkUtil.getBundle(bundle.loadClass(Plain.class.getName())));
        assertSame(bundle, org.osgi.framework.FrameworkUtil.getBundle(bundle.loadClass(Untouched.class.getName())),
                "the untouched class was loaded from the bundle, not from the test's class path");
    }

    @Test
    void aMissingLogLinksNothingAndSaysSo() throws Exception {
        newFramework(Map.of()).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int linked = ArchiveLinker.linkLoadedClasses(framework.getBundleContext(), tmp.resolve("missing.log"),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, linked);
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(true, said.contains("missing.log cannot be read"), said);
    }
}
