package io.tenure.runtime.modules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tenure.runtime.files.JsonFiles;

/**
 * What an administrator switched on and off, kept in {@code data/modules.json} so it survives a restart:
 * features switched on or off (features not named follow their default) and bundles stopped by hand.
 */
final class ModuleChoices {
    /** The file's shape. */
    private static final class Stored {
        TreeMap<String, Boolean> features = new TreeMap<>();
        TreeSet<String> stoppedBundles = new TreeSet<>();
    }

    private final Path file;
    private final Stored stored;

    private ModuleChoices(Path file, Stored stored) {
        this.file = file;
        this.stored = stored;
        if (stored.features == null) {
            stored.features = new TreeMap<>();
        }
        if (stored.stoppedBundles == null) {
            stored.stoppedBundles = new TreeSet<>();
        }
    }

    static ModuleChoices load(Path file) throws IOException {
        return new ModuleChoices(file, JsonFiles.read(file, Stored.class, new Stored()));
    }

    synchronized boolean isActive(FeatureDefinition feature) {
        return feature.required() || stored.features.getOrDefault(feature.name(), feature.activeByDefault());
    }

    synchronized void setActive(String feature, boolean active) throws IOException {
        stored.features.put(feature, active);
        save();
    }

    synchronized boolean isStoppedByHand(String symbolicName) {
        return stored.stoppedBundles.contains(symbolicName);
    }

    synchronized void setStoppedByHand(String symbolicName, boolean stopped) throws IOException {
        boolean changed = stopped ? stored.stoppedBundles.add(symbolicName) : stored.stoppedBundles.remove(symbolicName);
        if (changed) {
            save();
        }
    }

    synchronized Set<String> stoppedByHand() {
        return Set.copyOf(stored.stoppedBundles);
    }

    private void save() throws IOException {
        JsonFiles.write(file, stored);
    }
}
