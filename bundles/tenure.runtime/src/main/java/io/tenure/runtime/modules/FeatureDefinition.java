package io.tenure.runtime.modules;

import java.util.List;
import java.util.Map;

/**
 * One feature file, read from the OSGi Feature JSON format (feature-resource-version 1.0).
 *
 * @param name the short name, from the file name ({@code console.json} is {@code console})
 * @param id the feature's Maven coordinates
 * @param title its human-readable name
 * @param description what it adds
 * @param vendor who ships it
 * @param bundles its bundles in start order
 * @param configurations default configuration by PID, applied when no configuration exists yet
 * @param required whether Tenure cannot run without it (from the {@code tenure} extension)
 * @param activeByDefault whether it starts on a fresh installation (from the {@code tenure} extension)
 * @param requires other features it needs (from the {@code tenure} extension)
 */
record FeatureDefinition(String name, String id, String title, String description, String vendor,
        List<BundleRef> bundles, Map<String, Map<String, Object>> configurations, boolean required,
        boolean activeByDefault, List<String> requires) {

    /** The version part of the feature's coordinates. */
    String version() {
        String[] parts = id.split(":");
        return parts[parts.length - 1];
    }

    /**
     * A bundle of a feature.
     *
     * @param groupId Maven group
     * @param artifactId Maven artifact, also the file name stem under {@code bundles/} or {@code system/}
     * @param version Maven version
     * @param startOrder lower starts first
     */
    record BundleRef(String groupId, String artifactId, String version, int startOrder) {
        String fileName() {
            return artifactId + "-" + version + ".jar";
        }

        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }
}
