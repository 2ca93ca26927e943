package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.data.DataStore;
import io.tenure.api.data.Query;
import io.tenure.api.security.AuthenticatedUser;
import io.tenure.api.task.Task;

/** The task queue: open tasks by owner, earliest due first, overdue ones marked, with each owner's load. */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class TasksPage implements ConsolePage {
    private static final int SHOWN = 200;
    private final Clock clock = Clock.systemUTC();

    @Reference
    private DataStore store;

    @Override
    public String path() {
        return "tasks";
    }

    @Override
    public String title() {
        return "Tasks";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        String owner = Ui.param(parameters, "owner");
        Instant now = clock.instant();
        Map<String, int[]> load = new TreeMap<>();
        List<Task> queue = new ArrayList<>();
        store.repository(Task.TYPE).forEach(Query.all().where("status", "open"), t -> {
            int[] counts = load.computeIfAbsent(t.owner(), o -> new int[2]);
            counts[0]++;
            if (t.due().isBefore(now)) {
                counts[1]++;
            }
            if (owner.isEmpty() || owner.equals(t.owner())) {
                queue.add(t);
            }
        });
        StringBuilder html = new StringBuilder(Ui.filterForm("tasks",
                Ui.select("owner", "Owner", new ArrayList<>(load.keySet()), owner)));
        if (load.isEmpty()) {
            return html + Ui.empty("No open task. Playbooks create tasks when their triggers find a signal.");
        }
        html.append("<div class=\"two\"><table><caption>Open tasks per owner</caption><thead><tr><th scope=\"col\">Owner</th>"
                + "<th scope=\"col\" class=\"num\">Open</th><th scope=\"col\" class=\"num\">Overdue</th></tr></thead><tbody>");
        load.forEach((o, c) -> html.append("<tr><th scope=\"row\"><a href=\"/console/tasks?owner=").append(escape(
                java.net.URLEncoder.encode(o, java.nio.charset.StandardCharsets.UTF_8))).append("\">").append(escape(o))
                .append("</a></th><td class=\"num\">").append(c[0]).append("</td><td class=\"num").append(c[1] > 0 ? " overdue" : "")
                .append("\">").append(c[1]).append("</td></tr>"));
        html.append("</tbody></table></div>");
        queue.sort(java.util.Comparator.comparing(Task::due));
        if (queue.isEmpty()) {
            return html + Ui.empty(owner + " has no open task.");
        }
        List<Task> shown = queue.subList(0, Math.min(SHOWN, queue.size()));
        html.append(table(shown, (owner.isEmpty() ? "All owners" : owner) + ": " + queue.size() + " open tasks, earliest due"
                + " first" + (queue.size() > SHOWN ? " (the first " + SHOWN + " shown)" : ""), clock));
        return html.toString();
    }

    /** Tasks as a table: due (overdue marked), account, playbook, task, owner, evidence. */
    static String table(List<Task> tasks, String caption, Clock clock) {
        Instant now = clock.instant();
        StringBuilder html = new StringBuilder("<table><caption>").append(escape(caption)).append("</caption><thead><tr>"
                + "<th scope=\"col\">Due</th><th scope=\"col\">Account</th><th scope=\"col\">Playbook</th>"
                + "<th scope=\"col\">Task</th><th scope=\"col\">Owner</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        for (Task t : tasks) {
            boolean overdue = t.due().isBefore(now);
            html.append("<tr><td class=\"").append(overdue ? "overdue" : "").append("\"><time datetime=\"")
                    .append(escape(t.due())).append("\">").append(escape(t.due().toString().substring(0, 16).replace('T', ' ')))
                    .append("</time>").append(overdue ? "<br><small>overdue by " + days(now, t.due()) + "</small>"
                            : "<br><small>in " + days(t.due(), now) + "</small>")
                    .append("</td><td>").append(Ui.accountLink(t.accountId(), t.accountId())).append("</td><td>")
                    .append(escape(t.playbook().replace('_', ' '))).append("</td><td>").append(escape(t.title()))
                    .append("</td><td>").append(escape(t.owner())).append("</td><td><small>")
                    .append(escape(t.evidence().orElse(""))).append("</small></td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String days(Instant later, Instant earlier) {
        Duration d = Duration.between(earlier, later);
        long days = d.toDays();
        return days >= 1 ? days + (days == 1 ? " day" : " days") : d.toHours() + " h";
    }
}
