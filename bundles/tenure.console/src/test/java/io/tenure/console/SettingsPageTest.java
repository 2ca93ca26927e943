package io.tenure.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.tenure.api.rest.ApiException;
import io.tenure.api.rest.ApiResource;
import io.tenure.api.rest.ApiResponse;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/** The settings form sends only what changed, in the types the settings resource checks, and shows its refusals. */
class SettingsPageTest {
    private static final AuthenticatedUser ADMIN = new AuthenticatedUser("ada", Role.ADMIN, "session");
    private final List<JsonObject> puts = new ArrayList<>();

    private SettingsPage page() throws Exception {
        ApiResource settings = request -> {
            if (request.method().equals("PUT")) {
                JsonObject body = request.body(JsonObject.class);
                if (body.has("weight") && body.get("weight").getAsDouble() > 1) {
                    throw ApiException.unprocessable("io.tenure.x weight '" + body.get("weight").getAsString()
                            + "': greater than maximum 1");
                }
                puts.add(body);
            }
            Map<String, Object> weight = new LinkedHashMap<>(Map.of("id", "weight", "name", "Weight", "type", "number",
                    "multiple", false, "default", List.of("0.4"), "min", "0", "max", "1"));
            Map<String, Object> entries = new LinkedHashMap<>(Map.of("id", "entries", "name", "Entries", "type", "text",
                    "multiple", true, "default", List.of("")));
            Map<String, Object> secret = new LinkedHashMap<>(Map.of("id", "secret", "name", "Secret", "type", "password",
                    "multiple", false, "default", List.of(), "value", "hunter2"));
            return ApiResponse.ok(Map.of("pid", "io.tenure.x", "name", "X", "description", "x",
                    "attributes", List.of(weight, entries, secret)));
        };
        InProcessApi api = new InProcessApi();
        api.addResource(settings, Map.of(ApiResource.PATH, "settings"));
        SettingsPage page = new SettingsPage();
        var field = SettingsPage.class.getDeclaredField("api");
        field.setAccessible(true);
        field.set(page, api);
        return page;
    }

    @Test
    void onlyChangedValuesAreSentInTheirTypes() throws Exception {
        SettingsPage page = page();
        SettingsPage.Outcome outcome = page.save(ADMIN, "io.tenure.x", Map.of("a.weight", new String[] { "0.4" },
                "a.entries", new String[] { "segment:smb=0.6,0.2,0.2\n\nvertical:plg=0.5,0.25,0.25\n" },
                "a.secret", new String[] { "" }), false);
        assertTrue(outcome.saved().orElseThrow().startsWith("Saved entries"), outcome.toString());
        assertEquals(1, puts.size());
        assertEquals("{\"entries\":[\"segment:smb=0.6,0.2,0.2\",\"vertical:plg=0.5,0.25,0.25\"]}", puts.get(0).toString(),
                "the unchanged weight and the blank secret are left alone; one entry a line");
    }

    @Test
    void aRefusedValueComesBackWithTheFormAndTheReason() throws Exception {
        SettingsPage.Outcome outcome = page().save(ADMIN, "io.tenure.x", Map.of("a.weight", new String[] { "7" }), false);
        String form = outcome.formWithError().orElseThrow();
        assertTrue(form.contains("Not saved: io.tenure.x weight &#39;7&#39;: greater than maximum 1"), form);
        assertTrue(form.contains("value=\"7\"") && form.contains("min=\"0\"") && form.contains("max=\"1\""),
                "what was typed stays, with the range: " + form);
        assertTrue(!form.contains("hunter2"), "secrets are never shown");
        assertTrue(puts.isEmpty());
    }

    @Test
    void aViewerCannotSave() throws Exception {
        SettingsPage.Outcome outcome = page().save(new AuthenticatedUser("vera", Role.VIEWER, "session"), "io.tenure.x",
                Map.of("a.weight", new String[] { "0.5" }), false);
        assertTrue(outcome.formWithError().orElseThrow().contains("only an admin"), outcome.toString());
        assertTrue(puts.isEmpty());
    }
}
