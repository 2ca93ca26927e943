package io.tenure.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Completes the class-data archive a first run records ({@code bin/tenure}): the JVM archives a class of a bundle
 * (loaded by Felix, not by the JVM's own loaders) only when it is linked by the time the JVM exits, and about 570 of
 * the classes a start loads were only loaded (looked at while verifying others: Jetty's, H2's, some of Tenure's), so
 * every later start parsed them from their JARs again. Before the framework stops, this reads the JVM's class-load
 * log of the recording run, asks each bundle for the classes it defined and links them (reflection on a class links
 * it, without initialising it); linking loads a few more, so it goes round until nothing new appears.
 *
 * <p>Only runs when {@code bin/tenure} records the archive ({@value #LOG_PROPERTY} names the log); any problem only
 * leaves classes out of the archive.
 */
final class ArchiveLinker {
    /** System property: the class-load log ({@code -Xlog:class+load}) of a run that records the archive. */
    static final String LOG_PROPERTY = "tenure.cds.classLog";

    // "[...][info][class,load] io.tenure.api.task.Task source: file:/.../tenure.api-0.1.0.jar"
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\s*\\] (\\S+) source: (file:\\S+\\.jar)\\s*$");
    private static final int ROUNDS = 4;

    private ArchiveLinker() {
    }

    /** Links the bundle classes the log lists; returns how many classes it linked. */
    static int linkLoadedClasses(BundleContext context, Path log, PrintStream err) {
        Map<String, Bundle> byPath = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            path(bundle.getLocation()).ifPresent(path -> byPath.put(path, bundle));
        }
        Set<String> done = new HashSet<>();
        int linked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> lines;
            try {
                lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("tenure: the class-load log " + log + " cannot be read (" + e.getMessage()
                        + "); the class-data archive leaves out the classes that were only loaded");
                return linked;
            }
            int before = linked;
            for (String line : lines) {
                Matcher m = LOADED.matcher(line);
                if (!m.find() || !done.add(m.group(1) + ' ' + m.group(2))) {
                    continue;
                }
                Bundle bundle = path(m.group(2)).map(byPath::get).orElse(null);
                if (bundle != null && link(bundle, m.group(1))) {
                    linked++;
                }
            }
            if (linked == before) {
                break;
            }
        }
        return linked;
    }

    /** The file path of a {@code file:} location or code source ({@code file:/x} and {@code file:///x} alike). */
    private static java.util.Optional<String> path(String location) {
        try {
            java.net.URI uri = java.net.URI.create(location);
            return "file".equals(uri.getScheme()) ? java.util.Optional.ofNullable(uri.getPath()) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean link(Bundle bundle, String className) {
        try {
            Class<?> type = bundle.loadClass(className);
            type.getDeclaredFields(); // the JVM links a class before it reflects on its members
            return true;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false; // cannot be linked here (a missing optional dependency): it stays out of the archive
        }
    }
}
