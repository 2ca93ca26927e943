package io.tenure.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The framework cache of a freshly started installation, kept under {@code lib/template/cache/}: a first start on an
 * empty data directory copies it instead of installing every bundle and parsing every component descriptor again
 * (the database has its template beside it), and the features' default configurations Config Admin holds after a
 * first start. The build makes it by starting the assembly once ({@code bin/tenure cache-template}).
 *
 * <p>The cache names each bundle by its file's URL, so the copy rewrites the installation's path recorded in it to
 * the one it runs from. It is used only if every JAR in {@code system/} and {@code bundles/} it was made from is still
 * byte for byte the same (compared with the template's cached copy of it, or by SHA-256 when the template names no
 * copy); otherwise the first start installs afresh, as without a template. The copied
 * JARs are newer on disk than the cached bundles (the installation was copied after the template was made), so
 * {@link #VERIFIED} records each file's time as checked: the start does not update a bundle whose file still has that
 * time, and does when the file is replaced.
 */
final class CacheTemplate {
    static final String DIR = "lib/template/cache";
    private static final String MANIFEST = "template.properties";
    private static final String HOME = "home";
    /** Under the data directory: bundle location = the modification time (ms) of its file when found identical. */
    static final String VERIFIED = "cache/verified-bundles.properties";

    private CacheTemplate() {
    }

    /**
     * Saves {@code data}/cache/felix of a run that was just stopped as the installation's template.
     *
     * @return how many JARs it covers
     */
    static int save(Path home, Path data) throws IOException {
        Path source = data.resolve("cache").resolve("felix");
        if (!Files.isDirectory(source)) {
            throw new IOException("no framework cache at " + source);
        }
        Path target = home.resolve(DIR);
        deleteTree(target);
        Files.createDirectories(target);
        copyTree(source, target.resolve("felix"), null, null);
        if (Files.isDirectory(data.resolve("config"))) {
            // the features' default configurations, as the first start writes them: seeded too, so components start
            // with them instead of starting once without and again when Config Admin delivers them
            copyTree(data.resolve("config"), target.resolve("config"), null, null);
        }
        Properties manifest = new Properties();
        manifest.setProperty(HOME, home.toUri().toString());
        List<Path> jars = jars(home);
        java.util.Map<String, String> cachedCopies = cachedCopies(target.resolve("felix"));
        for (Path jar : jars) {
            String name = entryName(home, jar);
            manifest.setProperty("sha256." + name, sha256(jar));
            String copy = cachedCopies.get(jar.toUri().toString());
            if (copy != null) {
                manifest.setProperty("cached." + name, copy);
            }
        }
        try (OutputStream out = Files.newOutputStream(target.resolve(MANIFEST))) {
            manifest.store(out, "The framework cache of a first start; see io.tenure.launcher.CacheTemplate");
        }
        return jars.size();
    }

    /** The embedded database's template (io.tenure.store.Database.TEMPLATE), which a first start copies. */
    static final String DATABASE = "lib/template/db/tenure.mv.db";

    /**
     * Keeps the embedded database of the template run as the database template: the migrated schema plus the tables
     * the installation's bundles contribute (created by the store when they register), so a first start does not
     * create them on its way to ready. Nothing else is written in a run stopped as soon as it is ready (no demo, no
     * ingested event, no scheduled job has run; users live in files).
     *
     * @return whether there was such a database (not when the run used PostgreSQL)
     */
    static boolean saveDatabase(Path home, Path data) throws IOException {
        Path db = data.resolve("db").resolve("tenure.mv.db");
        if (!Files.isRegularFile(db)) {
            return false;
        }
        Path target = home.resolve(DATABASE);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("tenure.mv.db.saving");
        Files.copy(db, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * Forgets a data directory's framework cache made by another installation (another {@code home}, as when a new
     * version is unpacked elsewhere and started with {@code --data} on the old data): the cache names that
     * installation's JARs, which would be started beside this one's, or refused as duplicates. It holds nothing
     * else (which features run is in {@code modules.json}, configuration in {@code config/}), so it is deleted and
     * made again from this installation. Returns the other installation's directory, or empty when the cache is
     * this installation's or there is none.
     */
    static Optional<String> forgetOtherInstallation(Path home, Path data) throws IOException {
        Path cache = data.resolve("cache").resolve("felix");
        String own = home.toUri().toString();
        Optional<String> other = Optional.empty();
        for (String location : locations(cache).values()) {
            int dir = Math.max(location.lastIndexOf("/system/"), location.lastIndexOf("/bundles/"));
            if (location.startsWith("file:") && dir > 0 && !location.startsWith(own)) {
                other = Optional.of(location.substring(0, dir + 1));
                break;
            }
        }
        if (other.isPresent()) {
            deleteTree(cache);
            Files.deleteIfExists(data.resolve(VERIFIED));
        }
        return other;
    }

    /**
     * Copies the template into {@code data}/cache/felix when there is no framework cache there yet.
     *
     * @return why it was not used, or null when it was (or when a cache exists already)
     */
    static String seed(Path home, Path data) throws IOException {
        Path cache = data.resolve("cache").resolve("felix");
        Path template = home.resolve(DIR);
        if (Files.exists(cache)) {
            return null;
        }
        if (!Files.isRegularFile(template.resolve(MANIFEST))) {
            return "no template";
        }
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(template.resolve(MANIFEST))) {
            manifest.load(in);
        }
        List<Path> jars = jars(home);
        if (jars.size() != manifest.stringPropertyNames().stream().filter(k -> k.startsWith("sha256.")).count()) {
            return "the bundles differ from the template's";
        }
        for (Path jar : jars) {
            String name = entryName(home, jar);
            String recorded = manifest.getProperty("sha256." + name);
            String copy = manifest.getProperty("cached." + name);
            Path cached = copy == null ? null : template.resolve("felix").resolve(copy);
            // Byte for byte against the cached copy: a plain read, where hashing 20 MB took a cold JVM 0.1-0.2 s.
            boolean same = cached != null && Files.isRegularFile(cached)
                    ? Files.size(cached) == Files.size(jar) && Files.mismatch(cached, jar) == -1L
                    : recorded != null && recorded.equals(sha256(jar));
            if (recorded == null || !same) {
                return jar.getFileName() + " differs from the template's";
            }
        }
        Path partial = cache.resolveSibling("felix.seeding");
        deleteTree(partial);
        Files.createDirectories(partial.getParent());
        copyTree(template.resolve("felix"), partial, manifest.getProperty(HOME), home.toUri().toString());
        Properties verified = new Properties();
        for (Path jar : jars) {
            verified.setProperty(jar.toUri().toString(), String.valueOf(Files.getLastModifiedTime(jar).toMillis()));
        }
        try (OutputStream out = Files.newOutputStream(data.resolve(VERIFIED))) {
            verified.store(out, "JARs found identical to the cached bundles of the template, with their file times");
        }
        Path config = data.resolve("config");
        if (Files.isDirectory(template.resolve("config")) && !Files.exists(config)) {
            copyTree(template.resolve("config"), config, null, null);
        }
        Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
        return null;
    }

    /**
     * Bundle location = the path, under the cache, of Felix's copy of that bundle's JAR (its newest revision), read from
     * each {@code bundleN/bundle.info}, whose second line is the location.
     */
    private static java.util.Map<String, String> cachedCopies(Path felix) throws IOException {
        java.util.Map<String, String> copies = new java.util.HashMap<>();
        for (java.util.Map.Entry<Path, String> bundle : locations(felix).entrySet()) {
            try (Stream<Path> revisions = Files.list(bundle.getKey())) {
                revisions.filter(r -> r.getFileName().toString().startsWith("version") && Files.isRegularFile(r.resolve("bundle.jar")))
                        .max(java.util.Comparator.comparing(CacheTemplate::revision))
                        .ifPresent(r -> copies.put(bundle.getValue(), felix.relativize(r.resolve("bundle.jar")).toString().replace('\\', '/')));
            }
        }
        return copies;
    }

    /** Each bundle folder of a Felix cache with its bundle's location: the second line of its {@code bundle.info}. */
    private static java.util.Map<Path, String> locations(Path felix) throws IOException {
        java.util.Map<Path, String> locations = new java.util.LinkedHashMap<>();
        if (!Files.isDirectory(felix)) {
            return locations;
        }
        try (Stream<Path> bundles = Files.list(felix)) {
            for (Path bundle : bundles.filter(b -> Files.isRegularFile(b.resolve("bundle.info"))).toList()) {
                List<String> info = Files.readAllLines(bundle.resolve("bundle.info"), StandardCharsets.UTF_8);
                if (info.size() >= 2) {
                    locations.put(bundle, info.get(1).trim());
                }
            }
        }
        return locations;
    }

    /**
     * A revision folder's order: Felix names them {@code version<refresh>.<revision>}, the newest with the highest
     * pair (compared as numbers); a name that does not parse sorts first.
     */
    private static long revision(Path folder) {
        String[] parts = folder.getFileName().toString().substring("version".length()).split("\\.");
        try {
            long refresh = Long.parseLong(parts[0]);
            long revision = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            return refresh * 1_000_000L + revision;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A JAR's name in the template's manifest: its path under the installation, with forward slashes. */
    private static String entryName(Path home, Path jar) {
        return home.relativize(jar).toString().replace('\\', '/');
    }

    private static List<Path> jars(Path home) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String folder : List.of("system", "bundles")) {
            Path dir = home.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
                }
            }
        }
        return jars;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies a cache tree; with {@code fromHome}, the bundle locations recorded in it ({@code bundle.info},
     * {@code revision.location}) move from that installation to {@code toHome}.
     */
    private static void copyTree(Path from, Path to, String fromHome, String toHome) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                String name = file.getFileName().toString();
                if (fromHome != null && (name.equals("bundle.info") || name.equals("revision.location"))) {
                    Files.writeString(target, Files.readString(file, StandardCharsets.UTF_8).replace(fromHome, toHome),
                            StandardCharsets.UTF_8);
                } else if (!name.equals("cache.lock")) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Whether a cached bundle must be updated from its file: the file is newer than the cached copy, unless it is the
     * very file a seeded start found identical (same time as recorded in {@link #VERIFIED}).
     */
    static boolean stale(Properties verified, String location, long fileMillis, long bundleMillis) {
        return fileMillis > bundleMillis && !String.valueOf(fileMillis).equals(verified.getProperty(location));
    }

    /** What {@link #VERIFIED} records under {@code data} (empty without a seeded start). */
    static Properties verified(Path data) {
        Properties p = new Properties();
        Path file = data.resolve(VERIFIED);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                // unreadable: every newer file counts as changed, as without a template
            }
        }
        return p;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
