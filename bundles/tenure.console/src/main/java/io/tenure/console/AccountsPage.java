package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.account.Csm;
import io.tenure.api.account.Segment;
import io.tenure.api.account.Vertical;
import io.tenure.api.console.ConsolePage;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Page;
import io.tenure.api.data.Query;
import io.tenure.api.health.HealthScore;
import io.tenure.api.money.Money;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.revenue.SubscriptionStatus;
import io.tenure.api.security.AuthenticatedUser;

/** Accounts, filtered by vertical, segment, health and owner, a page at a time, each with its health and ARR. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class AccountsPage implements ConsolePage {
    static final int PAGE = 25;

    @Reference
    private DataStore store;

    @Override
    public String path() {
        return "accounts";
    }

    @Override
    public String title() {
        return "Accounts";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : List.of("vertical", "segment", Query.HEALTH, "owner")) {
            if (!Ui.param(parameters, f).isEmpty()) {
                filters.put(f, Ui.param(parameters, f));
            }
        }
        long offset = Math.max(0, parse(Ui.param(parameters, "offset")));
        List<String> owners = store.repository(Csm.TYPE).list(Query.all().sortedBy("csm_id", false).page(0, Query.MAX_LIMIT))
                .items().stream().map(Csm::id).toList();
        StringBuilder html = new StringBuilder(Ui.filterForm("accounts",
                Ui.select("vertical", "Vertical", Ui.codesOf(Vertical.values()), Ui.param(parameters, "vertical"))
                        + Ui.select("segment", "Segment", Ui.codesOf(Segment.values()), Ui.param(parameters, "segment"))
                        + Ui.select("health", "Health", List.of("green", "yellow", "red", "unknown"),
                                Ui.param(parameters, "health"))
                        + Ui.select("owner", "Owner", owners, Ui.param(parameters, "owner"))));
        Query query = Query.all().sortedBy("name", false).page(offset, PAGE);
        for (Map.Entry<String, String> f : filters.entrySet()) {
            query = query.where(f.getKey(), f.getValue());
        }
        Page<Account> page;
        try {
            page = store.repository(Account.TYPE).list(query);
        } catch (IllegalArgumentException e) {
            return html + Ui.error("These filters cannot be applied: " + e.getMessage());
        }
        if (page.items().isEmpty()) {
            return html + Ui.empty(filters.isEmpty() ? "There are no accounts yet. Import them, or start with --demo."
                    : "No account matches these filters.");
        }
        html.append("<table><caption>").append(escape(Fmt.integer(page.total()))).append(" accounts")
                .append(filters.isEmpty() ? "" : " matching the filters").append(", ").append(offset + 1).append("–")
                .append(offset + page.items().size()).append(" shown</caption><thead><tr><th scope=\"col\">Account</th>"
                        + "<th scope=\"col\">Vertical</th><th scope=\"col\">Segment</th><th scope=\"col\">Owner</th>"
                        + "<th scope=\"col\">Stage</th><th scope=\"col\">Health</th><th scope=\"col\" class=\"num\">ARR</th>"
                        + "<th scope=\"col\">Next renewal</th></tr></thead><tbody>");
        for (Account a : page.items()) {
            Optional<HealthScore> health = latestHealth(store, a.id());
            List<Subscription> subscriptions = store.repository(Subscription.TYPE).ofAccount(a.id());
            html.append("<tr><td>").append(Ui.accountLink(a.id(), a.name())).append("</td><td>")
                    .append(escape(code(a.vertical()))).append("</td><td>")
                    .append(escape(a.segment().map(AccountsPage::code).orElse(Fmt.NONE))).append("</td><td>")
                    .append(escape(a.owner().orElse("unassigned"))).append("</td><td>").append(escape(code(a.stage())))
                    .append("</td><td>").append(health.map(h -> Ui.status(code(h.status())) + " " + h.score())
                            .orElse(Ui.status("unknown"))).append("</td><td class=\"num\">")
                    .append(escape(arr(subscriptions).map(Fmt::money).orElse(Fmt.NONE))).append("</td><td>")
                    .append(escape(nextRenewal(subscriptions).map(Object::toString).orElse(Fmt.NONE))).append("</td></tr>");
        }
        html.append("</tbody></table>");
        html.append(pager(filters, offset, page.total()));
        return html.toString();
    }

    static Optional<HealthScore> latestHealth(DataStore store, String accountId) {
        return store.repository(HealthScore.TYPE).list(Query.all().where("account_id", accountId).sortedBy("date", true)
                .page(0, 1)).items().stream().findFirst();
    }

    /** The ARR of the account's active subscriptions (in the currency of the first). */
    static Optional<Money> arr(List<Subscription> subscriptions) {
        Money total = null;
        for (Subscription s : subscriptions) {
            if (s.status() == SubscriptionStatus.ACTIVE && (total == null || total.currency().equals(s.arr().currency()))) {
                total = total == null ? s.arr() : total.plus(s.arr());
            }
        }
        return Optional.ofNullable(total);
    }

    static Optional<java.time.LocalDate> nextRenewal(List<Subscription> subscriptions) {
        return subscriptions.stream().filter(s -> s.status() == SubscriptionStatus.ACTIVE).flatMap(s -> s.renewal().stream())
                .min(java.time.LocalDate::compareTo);
    }

    private static String pager(Map<String, String> filters, long offset, long total) {
        StringBuilder html = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages\">");
        if (offset > 0) {
            Map<String, String> p = new LinkedHashMap<>(filters);
            p.put("offset", String.valueOf(Math.max(0, offset - PAGE)));
            html.append("<a rel=\"prev\" href=\"/console/accounts?").append(escape(Ui.query(p))).append("\">Previous</a>");
        }
        html.append("<span>page ").append(offset / PAGE + 1).append(" of ").append((total + PAGE - 1) / PAGE).append("</span>");
        if (offset + PAGE < total) {
            Map<String, String> p = new LinkedHashMap<>(filters);
            p.put("offset", String.valueOf(offset + PAGE));
            html.append("<a rel=\"next\" href=\"/console/accounts?").append(escape(Ui.query(p))).append("\">Next</a>");
        }
        return html.append("</nav>").toString();
    }

    private static long parse(String text) {
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
