package io.tenure.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.Constants;

/** Bundles made in a test: a JAR holding an activator class and any others (copied from the test classes). */
final class TestBundles {
    private TestBundles() {
    }

    static Path jar(Path dir, String name, Class<? extends BundleActivator> activator, Class<?>... others) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, name);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        main.putValue(Constants.BUNDLE_ACTIVATOR, activator.getName());
        main.putValue(Constants.IMPORT_PACKAGE, "org.osgi.framework");
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            add(out, activator);
            for (Class<?> other : others) {
                add(out, other);
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, Class<?> type) throws java.io.IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
    }
}
