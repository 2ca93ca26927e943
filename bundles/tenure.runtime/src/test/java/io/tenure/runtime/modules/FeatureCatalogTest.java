package io.tenure.runtime.modules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCatalogTest {
    @TempDir
    Path dir;

    private void write(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name + ".json"), json);
    }

    @Test
    void readsFeatureFilesRequiredFirst() throws IOException {
        write("console", """
                {"feature-resource-version": "1.0", "id": "io.tenure:tenure.feature:osgifeature:console:1.2.3",
                 "name": "Admin console", "description": "pages",
                 "bundles": [{"id": "io.tenure:tenure.console:1.2.3", "start-order": 20}, "io.tenure:tenure.b:1.0"],
                 "configurations": {"tenure.console": {"sessionMinutes:Integer": 30, "secure": true, "names": ["a", "b"]}},
                 "extensions": {"tenure": {"type": "json", "kind": "optional", "json": {"activeByDefault": true, "requires": ["core"]}}}}
                """);
        write("core", """
                {"id": "io.tenure:tenure.feature:osgifeature:core:1.2.3", "bundles": ["io.tenure:tenure.api:1.2.3"],
                 "extensions": {"tenure": {"type": "json", "kind": "optional", "json": {"required": true}}}}
                """);
        FeatureCatalog catalog = FeatureCatalog.load(dir);
        assertEquals(List.of("core", "console"), catalog.features().stream().map(FeatureDefinition::name).toList());
        FeatureDefinition console = catalog.feature("console").orElseThrow();
        assertEquals("Admin console", console.title());
        assertEquals("1.2.3", console.version());
        assertEquals(List.of("tenure.b", "tenure.console"), console.bundles().stream().map(FeatureDefinition.BundleRef::artifactId).toList());
        assertEquals("tenure.console-1.2.3.jar", console.bundles().get(1).fileName());
        assertEquals(30, console.configurations().get("tenure.console").get("sessionMinutes"));
        assertEquals(true, console.configurations().get("tenure.console").get("secure"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) console.configurations().get("tenure.console").get("names"));
        assertTrue(console.activeByDefault());
        assertFalse(console.required());
        assertTrue(catalog.feature("core").orElseThrow().required());
        assertEquals(List.of("console"), catalog.featuresOf("tenure.console").stream().map(FeatureDefinition::name).toList());
    }

    @Test
    void malformedFilesAreErrorsNamingFileAndField() throws IOException {
        write("bad", "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"only-two:parts\"}]}");
        IOException e = assertThrows(IOException.class, () -> FeatureCatalog.load(dir));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("bundles[0]"), e.getMessage());

        write("bad", "{\"bundles\": []}");
        assertTrue(assertThrows(IOException.class, () -> FeatureCatalog.load(dir)).getMessage().contains("missing \"id\""));

        write("bad", "{not json");
        assertTrue(assertThrows(IOException.class, () -> FeatureCatalog.load(dir)).getMessage().contains("not valid JSON"));

        write("bad", "{\"id\": \"x:y:1\", \"configurations\": {\"pid\": {\"n:Integer\": \"ten\"}}}");
        assertTrue(assertThrows(IOException.class, () -> FeatureCatalog.load(dir)).getMessage().contains("n:Integer"));

        write("bad", "{\"id\": \"x:y:1\", \"extensions\": {\"tenure\": {\"json\": {\"requires\": [\"ghost\"]}}}}");
        assertTrue(assertThrows(IOException.class, () -> FeatureCatalog.load(dir)).getMessage().contains("'ghost'"));
    }

    @Test
    void choicesSurviveReload() throws IOException {
        write("v", "{\"id\": \"x:v:1\"}");
        FeatureDefinition v = FeatureCatalog.load(dir).feature("v").orElseThrow();
        Path file = dir.resolve("data/modules.json");
        ModuleChoices choices = ModuleChoices.load(file);
        assertFalse(choices.isActive(v));
        choices.setActive("v", true);
        choices.setStoppedByHand("tenure.x", true);
        ModuleChoices reloaded = ModuleChoices.load(file);
        assertTrue(reloaded.isActive(v));
        assertTrue(reloaded.isStoppedByHand("tenure.x"));
        reloaded.setStoppedByHand("tenure.x", false);
        assertFalse(ModuleChoices.load(file).isStoppedByHand("tenure.x"));
    }
}
