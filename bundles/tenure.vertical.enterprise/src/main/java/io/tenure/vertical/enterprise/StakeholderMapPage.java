package io.tenure.vertical.enterprise;

import static io.tenure.api.console.ConsolePage.escape;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Contact;
import io.tenure.api.console.ConsolePage;
import io.tenure.api.data.Codes;
import io.tenure.api.health.AccountHistories;
import io.tenure.api.health.AccountHistory;
import io.tenure.api.security.AuthenticatedUser;

/**
 * {@code /console/enterprise}: the largest enterprise accounts with their executive sponsor, threads and last QBR;
 * {@code ?account=ID} shows that account's stakeholder map.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class StakeholderMapPage implements ConsolePage {
    static final int LISTED = 50;

    @Reference
    private AccountHistories histories;
    @Reference
    private Enterprise enterprise;

    public StakeholderMapPage() {
    }

    StakeholderMapPage(AccountHistories histories, Enterprise enterprise) {
        this.histories = histories;
        this.enterprise = enterprise;
    }

    @Override
    public String path() {
        return "enterprise";
    }

    @Override
    public String title() {
        return "Enterprise";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String account = parameters.get("account");
        return account == null ? overview(today) : map(account, today);
    }

    private String overview(LocalDate today) {
        List<EnterpriseBook.Row> rows = EnterpriseBook.rows(histories, enterprise.config(), today);
        StringBuilder html = new StringBuilder("<h1>Enterprise accounts</h1>\n");
        if (rows.isEmpty()) {
            return html.append("<p class=\"empty\">No enterprise account has an active contract yet.</p>").toString();
        }
        html.append("<p>The ").append(Math.min(LISTED, rows.size())).append(" largest of ").append(rows.size())
                .append(" paying enterprise accounts. Open one for its stakeholder map.</p>\n")
                .append("<table id=\"enterprise-accounts\"><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">ARR</th>"
                        + "<th scope=\"col\">Executive sponsor</th><th scope=\"col\">Threads</th><th scope=\"col\">Last QBR</th>"
                        + "</tr></thead><tbody>\n");
        for (EnterpriseBook.Row r : rows.subList(0, Math.min(LISTED, rows.size()))) {
            String id = r.history().account().id();
            html.append("<tr><td><a href=\"?account=").append(escape(java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)))
                    .append("\">").append(escape(r.history().account().name())).append("</a></td><td class=\"num\">")
                    .append(escape(r.arr().toDecimalString())).append(' ').append(r.arr().currency()).append("</td><td>")
                    .append(r.sponsor().map(s -> escape(s.name()) + " (" + Codes.code(s.seniority()) + ")").orElse("<strong>none</strong>"))
                    .append("</td><td class=\"num\">").append(r.threads()).append("</td><td>")
                    .append(r.lastQbr().map(LocalDate::toString).orElse("never")).append("</td></tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }

    private String map(String accountId, LocalDate today) {
        Optional<AccountHistory> found = histories.of(accountId, today);
        if (found.isEmpty()) {
            return "<h1>Stakeholder map</h1><p class=\"error\">No account " + escape(accountId) + ".</p>";
        }
        AccountHistory h = found.get();
        StringBuilder html = new StringBuilder("<h1>Stakeholder map: ").append(escape(h.account().name())).append("</h1>\n");
        List<Contact> contacts = h.contacts().stream().sorted(Comparator.comparing(Contact::role)
                .thenComparing(Contact::seniority, Comparator.reverseOrder()).thenComparing(Contact::name)).toList();
        if (contacts.isEmpty()) {
            return html.append("<p class=\"empty\">No contacts recorded for this account.</p>").toString();
        }
        html.append("<table id=\"stakeholders\"><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Name</th>"
                + "<th scope=\"col\">Seniority</th><th scope=\"col\">Engaged</th><th scope=\"col\">Last contact</th>"
                + "<th scope=\"col\">Left</th></tr></thead><tbody>\n");
        for (Contact c : contacts) {
            html.append("<tr><td>").append(Codes.code(c.role())).append("</td><td>").append(escape(c.name())).append("</td><td>")
                    .append(Codes.code(c.seniority())).append("</td><td>").append(c.engaged() ? "yes" : "no").append("</td><td>")
                    .append(c.lastContact().map(LocalDate::toString).orElse("")).append("</td><td>")
                    .append(c.left().map(LocalDate::toString).orElse("")).append("</td></tr>\n");
        }
        return html.append("</tbody></table>\n<p><a href=\"?\">All enterprise accounts</a></p>").toString();
    }
}
