package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;
import io.tenure.api.security.SecurityException;
import io.tenure.api.security.User;
import io.tenure.api.security.UserService;

/**
 * Users, for admins: who may log in with which role; create a user, change a role, delete one. The forms post to
 * {@code /console/users}, where the console checks the CSRF token and the admin role and audits the change.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = { ConsolePage.class, UsersPage.class })
public class UsersPage implements ConsolePage {
    @Reference
    private UserService users;

    @Override
    public String path() {
        return "users";
    }

    @Override
    public String title() {
        return "Users";
    }

    @Override
    public Role role() {
        return Role.ADMIN;
    }

    @Override
    public int order() {
        return 85;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        String message = Ui.param(parameters, "message");
        StringBuilder html = new StringBuilder(message.isEmpty() ? ""
                : "<p class=\"message\" role=\"status\">" + escape(message) + "</p>");
        List<String> roles = Arrays.stream(Role.values()).map(Role::code).toList();
        html.append("<table><caption>Users</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
                + "<th scope=\"col\">Created</th><th scope=\"col\">Change role</th><th scope=\"col\">Remove</th></tr></thead><tbody>");
        for (User u : users.users()) {
            String id = "role-" + u.name();
            html.append("<tr><th scope=\"row\">").append(escape(u.name())).append("</th><td>").append(escape(u.role().code()))
                    .append("</td><td>").append(escape(u.created().toString().substring(0, 10))).append("</td><td>");
            if (u.name().equals(user.name())) {
                html.append("<small>you</small></td><td></td></tr>");
                continue;
            }
            html.append("<form method=\"post\" action=\"/console/users\" class=\"inline\"><input type=\"hidden\" name=\"name\" value=\"")
                    .append(escape(u.name())).append("\"><label class=\"visually-hidden\" for=\"").append(escape(id))
                    .append("\">Role of ").append(escape(u.name())).append("</label><select id=\"").append(escape(id))
                    .append("\" name=\"role\">");
            for (String r : roles) {
                html.append("<option").append(r.equals(u.role().code()) ? " selected" : "").append('>').append(escape(r))
                        .append("</option>");
            }
            html.append("</select><button name=\"action\" value=\"role\">Change</button></form></td><td>")
                    .append("<form method=\"post\" action=\"/console/users\"><input type=\"hidden\" name=\"name\" value=\"")
                    .append(escape(u.name())).append("\"><button name=\"action\" value=\"delete\" class=\"secondary\">Delete ")
                    .append(escape(u.name())).append("</button></form></td></tr>");
        }
        html.append("</tbody></table><h3>New user</h3><form method=\"post\" action=\"/console/users\" class=\"settings\">"
                + "<div class=\"field\"><label for=\"new-name\">Name</label><input id=\"new-name\" name=\"name\" required"
                + " autocomplete=\"off\"></div><div class=\"field\"><label for=\"new-password\">Password</label><input"
                + " id=\"new-password\" name=\"password\" type=\"password\" required autocomplete=\"new-password\"></div>"
                + "<div class=\"field\"><label for=\"new-role\">Role</label><select id=\"new-role\" name=\"role\">");
        for (String r : roles) {
            html.append("<option").append(r.equals("viewer") ? " selected" : "").append('>').append(escape(r)).append("</option>");
        }
        return html.append("</select></div><div class=\"actions\"><button name=\"action\" value=\"create\">Create user</button>"
                + "</div></form>").toString();
    }

    /**
     * Applies one change from the form.
     *
     * @return what happened, for the page the console redirects to
     * @throws SecurityException naming what was refused (an existing name, a weak password, the last admin)
     */
    String apply(String action, String name, String password, String role) throws SecurityException {
        return switch (action) {
            case "create" -> {
                users.create(name, password, Role.parse(role));
                yield "Created " + name + " (" + role + ").";
            }
            case "role" -> {
                users.changeRole(name, Role.parse(role));
                yield name + " is now " + role.toLowerCase(Locale.ROOT) + ".";
            }
            case "delete" -> {
                users.delete(name);
                yield "Deleted " + name + ".";
            }
            default -> throw new SecurityException("unknown action '" + action + "'");
        };
    }
}
