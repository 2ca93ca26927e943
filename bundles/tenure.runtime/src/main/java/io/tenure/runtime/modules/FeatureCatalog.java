package io.tenure.runtime.modules;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The features in a folder of OSGi Feature JSON files. Reading is strict: a malformed file is an error that names
 * the file and the field, because a half-read feature would start the wrong bundles.
 */
final class FeatureCatalog {
    private final List<FeatureDefinition> features;

    private FeatureCatalog(List<FeatureDefinition> features) {
        this.features = List.copyOf(features);
    }

    static FeatureCatalog load(Path folder) throws IOException {
        List<FeatureDefinition> features = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    features.add(read(file));
                }
            }
        }
        for (FeatureDefinition feature : features) {
            for (String needed : feature.requires()) {
                if (features.stream().noneMatch(f -> f.name().equals(needed))) {
                    throw new IOException("feature '" + feature.name() + "' requires feature '" + needed
                            + "', which is not in " + folder);
                }
            }
        }
        // Required features first, so that the core is up before anything that builds on it.
        features.sort(Comparator.comparing((FeatureDefinition f) -> !f.required()).thenComparing(FeatureDefinition::name));
        return new FeatureCatalog(features);
    }

    static FeatureDefinition read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".json".length());
        JsonObject json;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement parsed = JsonParser.parseReader(reader);
            if (!parsed.isJsonObject()) {
                throw new IOException(file + ": a feature must be a JSON object");
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        String id = string(json, "id", file).orElseThrow(() -> new IOException(file + ": missing \"id\""));
        if (id.split(":").length < 3) {
            throw new IOException(file + ": \"id\" '" + id + "' is not group:artifact[:type[:classifier]]:version");
        }
        List<FeatureDefinition.BundleRef> bundles = new ArrayList<>();
        JsonArray bundleArray = json.has("bundles") ? array(json, "bundles", file) : new JsonArray();
        for (int i = 0; i < bundleArray.size(); i++) {
            bundles.add(bundle(bundleArray.get(i), file, i));
        }
        bundles.sort(Comparator.comparingInt(FeatureDefinition.BundleRef::startOrder));
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        if (json.has("configurations")) {
            JsonElement configs = json.get("configurations");
            if (!configs.isJsonObject()) {
                throw new IOException(file + ": \"configurations\" must be an object keyed by PID");
            }
            for (Map.Entry<String, JsonElement> pid : configs.getAsJsonObject().entrySet()) {
                configurations.put(pid.getKey(), FeatureConfigurations.properties(pid.getValue(), file + " configuration " + pid.getKey()));
            }
        }
        boolean required = false;
        boolean activeByDefault = false;
        List<String> requires = new ArrayList<>();
        JsonObject tenure = tenureExtension(json, file);
        if (tenure != null) {
            required = bool(tenure, "required", file);
            activeByDefault = required || bool(tenure, "activeByDefault", file);
            if (tenure.has("requires")) {
                for (JsonElement r : array(tenure, "requires", file)) {
                    requires.add(r.getAsString());
                }
            }
        }
        return new FeatureDefinition(name, id, string(json, "name", file).orElse(name),
                string(json, "description", file).orElse(""), string(json, "vendor", file).orElse(""),
                bundles, configurations, required, activeByDefault, requires);
    }

    private static FeatureDefinition.BundleRef bundle(JsonElement element, Path file, int index) throws IOException {
        String where = file + ": bundles[" + index + "]";
        String coordinates;
        int startOrder = 0;
        if (element.isJsonPrimitive()) {
            coordinates = element.getAsString();
        } else if (element.isJsonObject() && element.getAsJsonObject().has("id")) {
            JsonObject o = element.getAsJsonObject();
            coordinates = o.get("id").getAsString();
            if (o.has("start-order")) {
                try {
                    startOrder = o.get("start-order").getAsInt();
                } catch (RuntimeException e) {
                    throw new IOException(where + ": \"start-order\" must be a whole number");
                }
            }
        } else {
            throw new IOException(where + ": must be \"group:artifact:version\" or an object with \"id\"");
        }
        String[] parts = coordinates.split(":");
        if (parts.length < 3 || Stream.of(parts).anyMatch(String::isBlank)) {
            throw new IOException(where + ": '" + coordinates + "' is not group:artifact:version");
        }
        return new FeatureDefinition.BundleRef(parts[0], parts[1], parts[parts.length - 1], startOrder);
    }

    private static JsonObject tenureExtension(JsonObject json, Path file) throws IOException {
        if (!json.has("extensions")) {
            return null;
        }
        JsonElement extensions = json.get("extensions");
        if (!extensions.isJsonObject() || !extensions.getAsJsonObject().has("tenure")) {
            return null;
        }
        JsonElement tenure = extensions.getAsJsonObject().get("tenure");
        if (tenure.isJsonObject() && tenure.getAsJsonObject().has("json")) {
            tenure = tenure.getAsJsonObject().get("json");
        }
        if (!tenure.isJsonObject()) {
            throw new IOException(file + ": extension \"tenure\" must hold a JSON object");
        }
        return tenure.getAsJsonObject();
    }

    private static Optional<String> string(JsonObject json, String field, Path file) throws IOException {
        if (!json.has(field)) {
            return Optional.empty();
        }
        JsonElement e = json.get(field);
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) {
            throw new IOException(file + ": \"" + field + "\" must be a string");
        }
        return Optional.of(e.getAsString());
    }

    private static boolean bool(JsonObject json, String field, Path file) throws IOException {
        if (!json.has(field)) {
            return false;
        }
        JsonElement e = json.get(field);
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isBoolean()) {
            throw new IOException(file + ": \"" + field + "\" must be true or false");
        }
        return e.getAsBoolean();
    }

    private static JsonArray array(JsonObject json, String field, Path file) throws IOException {
        JsonElement e = json.get(field);
        if (!e.isJsonArray()) {
            throw new IOException(file + ": \"" + field + "\" must be an array");
        }
        return e.getAsJsonArray();
    }

    List<FeatureDefinition> features() {
        return features;
    }

    Optional<FeatureDefinition> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The features a bundle (by artifact id) belongs to. */
    List<FeatureDefinition> featuresOf(String artifactId) {
        return features.stream().filter(f -> f.bundles().stream().anyMatch(b -> b.artifactId().equals(artifactId))).toList();
    }
}
