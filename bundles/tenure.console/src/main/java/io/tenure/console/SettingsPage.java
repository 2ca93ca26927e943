package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.rest.ApiException;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/**
 * Every component's settings as a form built from its metatype description (type, range, options, default), shown to
 * every role and editable by admins. Saving goes through the settings resource in process ({@code PUT
 * /api/v1/settings/{pid}} semantics): each value is checked against its description, stored in Config Admin and picked
 * up by the component at once. Secrets (password attributes) are never shown.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = { ConsolePage.class, SettingsPage.class })
public class SettingsPage implements ConsolePage {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsPage.class);
    static final String FIELD = "a.";
    private static final String RESOURCE = "settings";

    @Reference
    private InProcessApi api;

    @Override
    public String path() {
        return "settings";
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        String pid = Ui.param(parameters, "pid");
        String message = Ui.param(parameters, "message");
        return (message.isEmpty() ? "" : "<p class=\"message\" role=\"status\">" + escape(message) + "</p>")
                + (pid.isEmpty() ? list(user) : form(user, pid, Map.of(), null));
    }

    /** What a save came to: a message for the page it redirects to, or the form again with the error. */
    record Outcome(String pid, Optional<String> saved, Optional<String> formWithError, String detail) {
        Outcome(String pid, Optional<String> saved, Optional<String> formWithError) {
            this(pid, saved, formWithError, saved.orElse(""));
        }
    }

    /**
     * Saves the changed settings of {@code pid} from a submitted form (fields named {@code a.<id>}), or resets them to
     * the defaults when {@code reset}. Only fields whose text differs from what the form showed are sent.
     */
    Outcome save(AuthenticatedUser user, String pid, Map<String, String[]> form, boolean reset) {
        try {
            if (!user.may(Role.ADMIN)) {
                throw ApiException.forbidden("only an admin can change settings");
            }
            if (reset) {
                api.call(user, "DELETE", RESOURCE, List.of(pid), Map.of(), null);
                LOG.info("Console: {} reset the settings {} to their defaults", user.name(), pid);
                return new Outcome(pid, Optional.of(pid + " is back to its defaults."), Optional.empty());
            }
            Object described = describe(user, pid);
            JsonObject changes = new JsonObject();
            for (Object a : Plain.list(described, "attributes")) {
                String id = Plain.text(a, "id");
                String[] sent = form.get(FIELD + id);
                if (sent == null || sent.length == 0) {
                    continue;
                }
                String text = sent[0].strip();
                boolean secret = "password".equals(Plain.text(a, "type"));
                if (secret ? text.isEmpty() : text.equals(shown(a))) {
                    continue;
                }
                if (Boolean.TRUE.equals(Plain.at(a, "multiple"))) {
                    JsonArray values = new JsonArray();
                    text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(values::add);
                    changes.add(id, values);
                } else {
                    changes.addProperty(id, text);
                }
            }
            if (changes.size() == 0) {
                return new Outcome(pid, Optional.of("Nothing changed in " + pid + "."), Optional.empty());
            }
            api.call(user, "PUT", RESOURCE, List.of(pid), Map.of(), changes);
            LOG.info("Console: {} changed the settings {}: {}", user.name(), pid, changes.keySet());
            return new Outcome(pid, Optional.of("Saved " + String.join(", ", changes.keySet()) + " of " + pid
                    + "; the component uses them from now on."), Optional.empty());
        } catch (ApiException e) {
            Map<String, String> entered = new LinkedHashMap<>();
            form.forEach((k, v) -> {
                if (k.startsWith(FIELD) && v.length > 0) {
                    entered.put(k.substring(FIELD.length()), v[0]);
                }
            });
            return new Outcome(pid, Optional.empty(), Optional.of(form(user, pid, entered, e.getMessage())), e.getMessage());
        }
    }

    private Object describe(AuthenticatedUser user, String pid) throws ApiException {
        return api.get(user, RESOURCE, List.of(pid), Map.of())
                .orElseThrow(() -> ApiException.notFound("settings are not available: the runtime's settings service is not running"));
    }

    private String list(AuthenticatedUser user) {
        Object all;
        try {
            all = api.get(user, RESOURCE, List.of(), Map.of()).orElse(null);
        } catch (ApiException e) {
            return Ui.error(e.getMessage());
        }
        if (all == null || Plain.list(all).isEmpty()) {
            return Ui.empty("No running component describes its settings.");
        }
        StringBuilder html = new StringBuilder("<table><caption>Components with settings</caption><thead><tr>"
                + "<th scope=\"col\">Settings</th><th scope=\"col\">What they govern</th><th scope=\"col\">Bundle</th>"
                + "</tr></thead><tbody>");
        for (Object s : Plain.list(all)) {
            html.append("<tr><th scope=\"row\"><a href=\"/console/settings?pid=")
                    .append(escape(URLEncoder.encode(Plain.text(s, "pid"), StandardCharsets.UTF_8))).append("\">")
                    .append(escape(Plain.text(s, "name"))).append("</a><br><code>").append(escape(Plain.text(s, "pid")))
                    .append("</code></th><td>").append(escape(Plain.text(s, "description"))).append("</td><td>")
                    .append(escape(Plain.text(s, "bundle"))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    /** The form of one component's settings; {@code entered} and {@code error} after a refused save. */
    private String form(AuthenticatedUser user, String pid, Map<String, String> entered, String error) {
        Object d;
        try {
            d = describe(user, pid);
        } catch (ApiException e) {
            return Ui.error(e.getMessage()) + "<p><a href=\"/console/settings\">All settings</a></p>";
        }
        boolean admin = user.may(Role.ADMIN);
        StringBuilder html = new StringBuilder("<p><a href=\"/console/settings\">All settings</a></p><h3>")
                .append(escape(Plain.text(d, "name"))).append(" <code>").append(escape(pid)).append("</code></h3><p class=\"lead\">")
                .append(escape(Plain.text(d, "description"))).append("</p>");
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\" id=\"settings-error\">Not saved: ").append(escape(error)).append("</p>");
        }
        if (!admin) {
            html.append("<p class=\"note\">Read only: only an admin can change settings.</p>");
        }
        // The console adds the session's CSRF token to every POST form it serves.
        html.append("<form method=\"post\" action=\"/console/settings\" class=\"settings\"><input type=\"hidden\" name=\"pid\""
                + " value=\"").append(escape(pid)).append("\">");
        for (Object a : Plain.list(d, "attributes")) {
            html.append(field(a, entered.get(Plain.text(a, "id")), admin));
        }
        if (admin) {
            html.append("<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\">Save</button>"
                    + "<button type=\"submit\" name=\"action\" value=\"reset\" class=\"secondary\">Reset all to defaults"
                    + "</button></div>");
        }
        return html.append("</form>").toString();
    }

    private static String field(Object a, String entered, boolean admin) {
        String id = Plain.text(a, "id");
        String inputId = "s-" + id;
        String type = Plain.text(a, "type");
        boolean multiple = Boolean.TRUE.equals(Plain.at(a, "multiple"));
        String value = entered != null ? entered : "password".equals(type) ? "" : shown(a);
        List<String> hints = new ArrayList<>();
        hints.add(multiple ? type + " values, one a line" : type);
        String min = Plain.text(a, "min");
        String max = Plain.text(a, "max");
        if (!min.isEmpty() || !max.isEmpty()) {
            hints.add(min.isEmpty() ? "at most " + max : max.isEmpty() ? "at least " + min : "from " + min + " to " + max);
        }
        String defaults = String.join(", ", Plain.list(a, "default").stream().map(String::valueOf).toList());
        hints.add(defaults.isEmpty() ? "no default" : "default " + defaults);
        if (Plain.at(a, "value") == null) {
            hints.add("not set: the default applies");
        }
        String disabled = admin ? "" : " disabled";
        StringBuilder html = new StringBuilder("<div class=\"field\"><label for=\"").append(escape(inputId)).append("\">")
                .append(escape(Plain.text(a, "name"))).append("</label>");
        String described = " aria-describedby=\"" + escape(inputId) + "-hint\"";
        String name = " name=\"" + escape(FIELD + id) + "\" id=\"" + escape(inputId) + "\"" + described + disabled;
        List<?> options = Plain.list(a, "options");
        if ("boolean".equals(type) && !multiple) {
            html.append("<select").append(name).append('>');
            for (String o : List.of("true", "false")) {
                html.append("<option").append(o.equals(value) ? " selected" : "").append('>').append(o).append("</option>");
            }
            html.append("</select>");
        } else if (!options.isEmpty() && !multiple) {
            html.append("<select").append(name).append('>');
            for (Object o : options) {
                html.append("<option").append(String.valueOf(o).equals(value) ? " selected" : "").append('>')
                        .append(escape(o)).append("</option>");
            }
            html.append("</select>");
        } else if (multiple) {
            html.append("<textarea rows=\"3\"").append(name).append('>').append(escape(value)).append("</textarea>");
        } else {
            String inputType = switch (type) {
                case "integer", "number" -> "number";
                case "password" -> "password";
                default -> "text";
            };
            html.append("<input type=\"").append(inputType).append('"').append(name).append(" value=\"").append(escape(value))
                    .append('"');
            if (inputType.equals("number")) {
                html.append(" step=\"").append(type.equals("integer") ? "1" : "any").append('"');
                if (!min.isEmpty()) {
                    html.append(" min=\"").append(escape(min)).append('"');
                }
                if (!max.isEmpty()) {
                    html.append(" max=\"").append(escape(max)).append('"');
                }
            }
            html.append('>');
        }
        String description = Plain.text(a, "description");
        html.append("<small id=\"").append(escape(inputId)).append("-hint\">")
                .append(description.isEmpty() ? "" : escape(description) + " ").append('(').append(escape(String.join("; ", hints)))
                .append(")</small></div>");
        return html.toString();
    }

    /** The text a field shows: the stored value, else the default; lists one value a line. */
    static String shown(Object a) {
        Object value = Plain.at(a, "value");
        List<?> values = value == null ? Plain.list(a, "default") : value instanceof List<?> l ? l : List.of(value);
        boolean multiple = Boolean.TRUE.equals(Plain.at(a, "multiple"));
        List<String> texts = values.stream().map(SettingsPage::text).toList();
        return multiple ? String.join("\n", texts).strip() : texts.isEmpty() ? "" : texts.get(0);
    }

    /** A number as the form writes it: 0.4, not 0.4000000059604645 (floats) nor 70.0 (integers read back as doubles). */
    private static String text(Object v) {
        if (v instanceof Float f) {
            return new java.math.BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d) {
            return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
