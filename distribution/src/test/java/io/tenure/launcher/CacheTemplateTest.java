package io.tenure.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-start cache template: made in one installation, seeded into a copy elsewhere, refused when a JAR changed. */
class CacheTemplateTest {
    @TempDir
    Path tmp;

    private Path installation(String name) throws Exception {
        Path home = tmp.resolve(name);
        Files.createDirectories(home.resolve("system"));
        Files.createDirectories(home.resolve("bundles"));
        Files.write(home.resolve("system/felix-scr.jar"), "scr bytes".getBytes(StandardCharsets.UTF_8));
        Files.write(home.resolve("bundles/tenure.store.jar"), "store bytes".getBytes(StandardCharsets.UTF_8));
        return home;
    }

    /** A framework cache as Felix leaves it: bundle.info and revision.location naming the JARs by URL. */
    private static void runOnce(Path home, Path data) throws Exception {
        Path bundle = data.resolve("cache/felix/bundle1");
        Files.createDirectories(bundle.resolve("version0.0"));
        String location = home.resolve("bundles/tenure.store.jar").toUri().toString();
        Files.writeString(bundle.resolve("bundle.info"), "1\n" + location + "\n32\n1\n1795660144718\n0");
        Files.writeString(bundle.resolve("version0.0/revision.location"), location);
        Files.write(bundle.resolve("version0.0/bundle.jar"), "store bytes".getBytes(StandardCharsets.UTF_8));
        Files.writeString(data.resolve("cache/felix/cache.lock"), "");
        Files.createDirectories(data.resolve("config/io/tenure"));
        Files.writeString(data.resolve("config/io/tenure/ingest.config"), "featurePath=\"\"\n");
    }

    @Test
    void aCopiedInstallationStartsFromTheTemplateWithItsOwnPaths() throws Exception {
        Path built = installation("built");
        runOnce(built, tmp.resolve("scratch"));
        assertEquals(2, CacheTemplate.save(built, tmp.resolve("scratch")));

        Path copy = installation("elsewhere");
        CacheTemplate.deleteTree(copy.resolve("lib"));
        Files.createDirectories(copy.resolve("lib"));
        copyTree(built.resolve("lib"), copy.resolve("lib"));
        Path data = tmp.resolve("data");
        assertNull(CacheTemplate.seed(copy, data));

        String info = Files.readString(data.resolve("cache/felix/bundle1/bundle.info"));
        String location = copy.resolve("bundles/tenure.store.jar").toUri().toString();
        assertEquals("1\n" + location + "\n32\n1\n1795660144718\n0", info, "the location moved, the cached time kept");
        assertEquals(location, Files.readString(data.resolve("cache/felix/bundle1/version0.0/revision.location")));
        assertFalse(Files.exists(data.resolve("cache/felix/cache.lock")));
        assertEquals("featurePath=\"\"\n", Files.readString(data.resolve("config/io/tenure/ingest.config")),
                "the features' default configurations come with it");

        Properties verified = CacheTemplate.verified(data);
        long fileMillis = Files.getLastModifiedTime(copy.resolve("bundles/tenure.store.jar")).toMillis();
        assertFalse(CacheTemplate.stale(verified, location, fileMillis, 1_000), "the verified copy is current");
        assertTrue(CacheTemplate.stale(verified, location, fileMillis + 1, 1_000), "a replaced file is newer again");
        assertFalse(CacheTemplate.stale(new Properties(), location, 500, 1_000), "older than the cached copy");

        assertNull(CacheTemplate.seed(copy, data), "a cache exists: nothing to do");
        assertEquals(info, Files.readString(data.resolve("cache/felix/bundle1/bundle.info")), "and nothing touched");
    }

    @Test
    void aCacheOfAnotherInstallationIsMadeAgainAndTheRestOfTheDataKept() throws Exception {
        Path old = installation("tenure-0.1");
        Path data = tmp.resolve("data");
        runOnce(old, data); // its cache names old's bundles/tenure.store.jar
        Files.writeString(data.resolve("modules.json"), "{}");
        Path installed = installation("tenure-0.2");

        assertEquals(java.util.Optional.empty(), CacheTemplate.forgetOtherInstallation(old, data), "its own cache is kept");
        assertTrue(Files.exists(data.resolve("cache/felix/bundle1/bundle.info")));

        assertEquals(java.util.Optional.of(old.toUri().toString()), CacheTemplate.forgetOtherInstallation(installed, data));
        assertFalse(Files.exists(data.resolve("cache/felix")), "made again from this installation");
        assertTrue(Files.exists(data.resolve("config/io/tenure/ingest.config")), "configuration kept");
        assertTrue(Files.exists(data.resolve("modules.json")), "which features run kept");
        assertEquals(java.util.Optional.empty(), CacheTemplate.forgetOtherInstallation(installed, data), "no cache: nothing to do");
    }

    @Test
    void aChangedJarMeansAFreshInstall() throws Exception {
        Path home = installation("home");
        runOnce(home, tmp.resolve("scratch"));
        CacheTemplate.save(home, tmp.resolve("scratch"));
        Properties manifest = new Properties();
        try (var in = Files.newInputStream(home.resolve("lib/template/cache/template.properties"))) {
            manifest.load(in);
        }
        assertEquals("bundle1/version0.0/bundle.jar", manifest.getProperty("cached.bundles/tenure.store.jar"),
                "compared with Felix's cached copy of it");
        assertNull(manifest.getProperty("cached.system/felix-scr.jar"), "no cached copy: compared by its SHA-256");
        // same sizes, one byte changed: the comparison with the cached copy, and the one by hash, both see it
        Files.write(home.resolve("bundles/tenure.store.jar"), "store bytez".getBytes(StandardCharsets.UTF_8));
        assertEquals("tenure.store.jar differs from the template's", CacheTemplate.seed(home, tmp.resolve("d0")));
        Files.write(home.resolve("bundles/tenure.store.jar"), "store bytes".getBytes(StandardCharsets.UTF_8));
        Files.write(home.resolve("system/felix-scr.jar"), "scr bytez".getBytes(StandardCharsets.UTF_8));
        assertEquals("felix-scr.jar differs from the template's", CacheTemplate.seed(home, tmp.resolve("d0")));
        Files.write(home.resolve("system/felix-scr.jar"), "scr bytes".getBytes(StandardCharsets.UTF_8));
        Files.write(home.resolve("bundles/tenure.store.jar"), "patched store".getBytes(StandardCharsets.UTF_8));
        assertEquals("tenure.store.jar differs from the template's", CacheTemplate.seed(home, tmp.resolve("d1")));
        assertFalse(Files.exists(tmp.resolve("d1/cache/felix")));
        Files.write(home.resolve("bundles/extra.jar"), "x".getBytes(StandardCharsets.UTF_8));
        assertEquals("the bundles differ from the template's", CacheTemplate.seed(home, tmp.resolve("d2")));
        assertEquals("no template", CacheTemplate.seed(installation("bare"), tmp.resolve("d3")));
    }

    @Test
    void theNewestRevisionOfABundleIsTheCopyComparedWith() throws Exception {
        Path home = installation("home");
        Path scratch = tmp.resolve("scratch");
        runOnce(home, scratch);
        // updated in the template run: revision 0.10 is the current one, 0.9 and 0.2 older (numbers, not text)
        for (String older : new String[] {"version0.9", "version0.2"}) {
            Files.createDirectories(scratch.resolve("cache/felix/bundle1/" + older));
            Files.write(scratch.resolve("cache/felix/bundle1/" + older + "/bundle.jar"), "old store".getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(scratch.resolve("cache/felix/bundle1/version0.10"));
        Files.write(scratch.resolve("cache/felix/bundle1/version0.10/bundle.jar"), "store bytes".getBytes(StandardCharsets.UTF_8));
        CacheTemplate.save(home, scratch);
        Properties manifest = new Properties();
        try (var in = Files.newInputStream(home.resolve("lib/template/cache/template.properties"))) {
            manifest.load(in);
        }
        assertEquals("bundle1/version0.10/bundle.jar", manifest.getProperty("cached.bundles/tenure.store.jar"));
        assertNull(CacheTemplate.seed(home, tmp.resolve("d")), "the current copy matches the JAR");
    }

    @Test
    void theTemplateRunsDatabaseBecomesTheDatabaseTemplateWhenItIsTheEmbeddedOne() throws Exception {
        Path home = installation("built");
        Files.createDirectories(home.resolve("lib/template/db"));
        Files.writeString(home.resolve(CacheTemplate.DATABASE), "migrated only");
        Path data = tmp.resolve("run");
        Files.createDirectories(data);
        assertFalse(CacheTemplate.saveDatabase(home, data), "a run on PostgreSQL leaves no embedded database");
        assertEquals("migrated only", Files.readString(home.resolve(CacheTemplate.DATABASE)));

        Files.createDirectories(data.resolve("db"));
        Files.writeString(data.resolve("db/tenure.mv.db"), "migrated, with the contributed tables");
        assertTrue(CacheTemplate.saveDatabase(home, data));
        assertEquals("migrated, with the contributed tables", Files.readString(home.resolve(CacheTemplate.DATABASE)));
        assertFalse(Files.exists(home.resolve("lib/template/db/tenure.mv.db.saving")));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
