package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.security.AuditLog;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.security.Role;

/** The audit log for admins: who toggled which module, changed which setting, was refused what, and when. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class AuditPage implements ConsolePage {
    private static final int SHOWN = 200;

    @Reference
    private AuditLog audit;

    @Override
    public String path() {
        return "audit";
    }

    @Override
    public String title() {
        return "Audit log";
    }

    @Override
    public Role role() {
        return Role.ADMIN;
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        String who = Ui.param(parameters, "user");
        StringBuilder html = new StringBuilder(Ui.filterForm("audit", Ui.input("user", "User", who, "any")));
        List<AuditLog.Entry> entries = audit.recent(SHOWN, who.isEmpty() ? Optional.empty() : Optional.of(who));
        if (entries.isEmpty()) {
            return html + Ui.empty(who.isEmpty() ? "Nothing has been changed yet." : who + " has changed nothing.");
        }
        html.append("<table><caption>The latest ").append(entries.size()).append(" actions, newest first</caption><thead><tr>"
                + "<th scope=\"col\">When (UTC)</th><th scope=\"col\">User</th><th scope=\"col\">Action</th>"
                + "<th scope=\"col\">Target</th><th scope=\"col\" class=\"num\">Status</th><th scope=\"col\">Detail</th>"
                + "</tr></thead><tbody>");
        for (AuditLog.Entry e : entries) {
            boolean refused = e.status() >= 400;
            html.append("<tr><td><time datetime=\"").append(escape(e.at())).append("\">")
                    .append(escape(e.at().toString().substring(0, 19).replace('T', ' '))).append("</time></td><td>")
                    .append(escape(e.user())).append("</td><td>").append(escape(e.action())).append("</td><td>")
                    .append(escape(e.target())).append("</td><td class=\"num").append(refused ? " overdue" : "").append("\">")
                    .append(e.status()).append(refused ? " refused" : "").append("</td><td><small>").append(escape(e.detail()))
                    .append("</small></td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }
}
