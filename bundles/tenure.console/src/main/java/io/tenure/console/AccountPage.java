package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Account;
import io.tenure.api.account.Contact;
import io.tenure.api.console.ConsolePage;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.health.HealthScore;
import io.tenure.api.rest.ApiException;
import io.tenure.api.revenue.Subscription;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.task.Task;
import io.tenure.api.task.TaskStatus;

/**
 * Account 360 ({@code /console/account?id=...}): health with its explanation, response and history, the next renewal,
 * open tasks, contacts and the timeline. Health and timeline are what the REST API answers, called in process.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class AccountPage implements ConsolePage {
    private static final int TIMELINE = 40;
    private final Clock clock = Clock.systemUTC();

    @Reference
    private DataStore store;
    @Reference
    private InProcessApi api;

    @Override
    public String path() {
        return "account";
    }

    @Override
    public String title() {
        return "Account 360";
    }

    @Override
    public int order() {
        return 21;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        String id = Ui.param(parameters, "id");
        if (id.isEmpty()) {
            return Ui.empty("Choose an account on the Accounts page to see it here.");
        }
        Optional<Account> account = store.repository(Account.TYPE).get(List.of(id));
        if (account.isEmpty()) {
            return Ui.error("There is no account '" + id + "'.");
        }
        Account a = account.get();
        LocalDate today = LocalDate.now(clock);
        List<Subscription> subscriptions = store.repository(Subscription.TYPE).ofAccount(id);
        StringBuilder html = new StringBuilder("<h3 class=\"account-name\">").append(escape(a.name())).append(" <code>")
                .append(escape(a.id())).append("</code></h3><p class=\"lead\">").append(escape(AccountsPage.code(a.vertical())))
                .append(" · ").append(escape(a.segment().map(AccountsPage::code).orElse("no segment"))).append(" · ")
                .append(escape(a.touchModel().map(AccountsPage::code).orElse("touch model from ARR"))).append(" · stage ")
                .append(escape(AccountsPage.code(a.stage()))).append(" · owner ").append(escape(a.owner().orElse("unassigned")))
                .append(" · signed ").append(escape(a.signedDate())).append("</p>");
        html.append("<div class=\"kpis\">").append(Ui.kpi("ARR", AccountsPage.arr(subscriptions).map(Fmt::money)
                .orElse(Fmt.NONE), subscriptions.size() + " subscription(s)", ""));
        Optional<Subscription> next = subscriptions.stream().filter(s -> s.renewal().isPresent()
                && !s.renewal().get().isBefore(today)).min(Comparator.comparing(s -> s.renewal().get()));
        html.append(next.map(s -> Ui.kpi("Next renewal", s.renewal().get().toString(), "in "
                + ChronoUnit.DAYS.between(today, s.renewal().get()) + " days · " + Fmt.money(s.arr()) + " · " + s.product(), ""))
                .orElse(Ui.kpi("Next renewal", Fmt.NONE, "no renewal dated from today", "")));
        Object health = health(user, id, today);
        if (health != null) {
            String status = Plain.text(health, "status");
            html.append(Ui.kpi("Health", Plain.text(health, "score"), status + ", trend " + Plain.text(health, "trend")
                    + " (was " + Plain.text(health, "scoreThirtyDaysAgo") + " 30 days ago)", "band-" + status));
        }
        html.append("</div>");
        html.append(health == null ? Ui.empty("Health is not available: the health module is stopped.")
                : healthSection(user, id, health, today));
        html.append(tasks(id)).append(contacts(id)).append(timeline(user, id));
        return html.toString();
    }

    private Object health(AuthenticatedUser user, String id, LocalDate asOf) {
        try {
            return api.get(user, "accounts/*/health", List.of(id), Map.of("asOf", asOf.toString())).orElse(null);
        } catch (ApiException e) {
            return null;
        }
    }

    private String healthSection(AuthenticatedUser user, String id, Object health, LocalDate today) {
        StringBuilder html = new StringBuilder("<section><h3>Health</h3><p><strong>Response:</strong> ")
                .append(escape(Plain.text(health, "response"))).append(" — owner ").append(escape(Plain.text(health, "owner")))
                .append(", due ").append(escape(Plain.text(health, "due"))).append("</p><p><strong>What moved it:</strong> ")
                .append(escape(Plain.text(health, "explanation"))).append("</p>");
        html.append("<p>Sub-scores: usage ").append(escape(Plain.text(health, "subScores", "usage"))).append(", sentiment ")
                .append(escape(Plain.text(health, "subScores", "sentiment"))).append(", relationship ")
                .append(escape(Plain.text(health, "subScores", "relationship"))).append("</p>");
        html.append("<table><caption>Measures</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Dimension"
                + "</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">Points</th>"
                + "<th scope=\"col\">What it found</th></tr></thead><tbody>");
        for (Object m : Plain.list(health, "measures")) {
            html.append("<tr><th scope=\"row\">").append(escape(Plain.text(m, "name").replace('_', ' '))).append("</th><td>")
                    .append(escape(Plain.text(m, "dimension"))).append("</td><td class=\"num\">")
                    .append(escape(Plain.text(m, "score"))).append("</td><td class=\"num\">")
                    .append(escape(Plain.text(m, "contribution"))).append("</td><td>").append(escape(Plain.text(m, "detail")))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        html.append(history(user, id, today)).append("</section>");
        return html.toString();
    }

    /**
     * The score at each of the last twelve month starts, scored as the account stood then, and the stored daily
     * scores of the last 90 days.
     */
    private String history(AuthenticatedUser user, String id, LocalDate today) {
        List<String> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        LocalDate first = today.withDayOfMonth(1);
        for (int i = 11; i >= 0; i--) {
            LocalDate day = first.minusMonths(i);
            Object h = health(user, id, day);
            labels.add(day.toString().substring(0, 7));
            scores.add(h == null ? null : Plain.number(h, "score").map(BigDecimal::doubleValue).orElse(null));
        }
        labels.add("today");
        scores.add(Plain.number(health(user, id, today), "score").map(BigDecimal::doubleValue).orElse(null));
        List<HealthScore> stored = store.repository(HealthScore.TYPE).list(Query.all().where("account_id", id)
                .since("date", today.minusDays(90).toString()).sortedBy("date", false).page(0, 100)).items();
        return "<h4>History</h4>" + Svg.lines("Health score at each month start, and today", labels,
                List.of(new Svg.Series("Health score", "s1", scores)),
                List.of(new Svg.Rule("green from 70", 70), new Svg.Rule("red below 40", 40)),
                v -> String.format(java.util.Locale.ROOT, "%.0f", v), 240)
                + "<p class=\"note\">Each month's point scores the account as it stood on that day with today's measures"
                + " and weights. Stored daily scores of the last 90 days: " + (stored.isEmpty() ? "none yet."
                        : escape(String.join(", ", stored.stream().map(s -> s.date() + " " + s.score()).toList())) + ".")
                + "</p>";
    }

    private String tasks(String id) {
        List<Task> open = store.repository(Task.TYPE).ofAccount(id).stream()
                .filter(t -> t.status() == TaskStatus.OPEN || t.status() == TaskStatus.IN_PROGRESS)
                .sorted(Comparator.comparing(Task::due)).toList();
        if (open.isEmpty()) {
            return "<section><h3>Open tasks</h3>" + Ui.empty("No open task for this account.") + "</section>";
        }
        return "<section><h3>Open tasks</h3>" + TasksPage.table(open, "Open tasks, earliest due first", clock) + "</section>";
    }

    private String contacts(String id) {
        List<Contact> contacts = store.repository(Contact.TYPE).ofAccount(id);
        if (contacts.isEmpty()) {
            return "<section><h3>Contacts</h3>" + Ui.empty("No contact recorded for this account.") + "</section>";
        }
        StringBuilder html = new StringBuilder("<section><h3>Contacts</h3><table><caption>").append(contacts.size())
                .append(" contacts</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
                        + "<th scope=\"col\">Seniority</th><th scope=\"col\">Engaged</th><th scope=\"col\">Last contact</th>"
                        + "<th scope=\"col\">Left</th></tr></thead><tbody>");
        for (Contact c : contacts) {
            html.append("<tr><th scope=\"row\">").append(escape(c.name())).append("</th><td>")
                    .append(escape(AccountsPage.code(c.role()).replace('_', ' '))).append("</td><td>")
                    .append(escape(AccountsPage.code(c.seniority()).replace('_', ' '))).append("</td><td>")
                    .append(c.engaged() ? "yes" : "no").append("</td><td>")
                    .append(escape(c.lastContact().map(Object::toString).orElse(Fmt.NONE))).append("</td><td>")
                    .append(escape(c.left().map(Object::toString).orElse(""))).append("</td></tr>");
        }
        return html.append("</tbody></table></section>").toString();
    }

    private String timeline(AuthenticatedUser user, String id) {
        Object answer;
        try {
            answer = api.get(user, "accounts/*/timeline", List.of(id), Map.of()).orElse(null);
        } catch (ApiException e) {
            return "<section><h3>Timeline</h3>" + Ui.error("The timeline failed: " + e.getMessage()) + "</section>";
        }
        if (answer == null) {
            return "<section><h3>Timeline</h3>" + Ui.empty("The timeline is not available: the journey module is stopped.")
                    + "</section>";
        }
        List<?> events = Plain.list(answer, "events");
        if (events.isEmpty()) {
            return "<section><h3>Timeline</h3>" + Ui.empty("Nothing has happened to this account yet.") + "</section>";
        }
        StringBuilder html = new StringBuilder("<section><h3>Timeline</h3><p class=\"note\">The latest ")
                .append(Math.min(TIMELINE, events.size())).append(" of ").append(events.size())
                .append(" events, newest first.</p><ol class=\"timeline\">");
        for (int i = events.size() - 1; i >= Math.max(0, events.size() - TIMELINE); i--) {
            Object e = events.get(i);
            html.append("<li><time>").append(escape(Plain.text(e, "date"))).append("</time> <span class=\"kind\">")
                    .append(escape(Plain.text(e, "kind"))).append("</span> ").append(escape(Plain.text(e, "title")))
                    .append("</li>");
        }
        return html.append("</ol></section>").toString();
    }
}
