package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.rest.ApiException;
import io.tenure.api.security.AuthenticatedUser;

/**
 * The journey: accounts and ARR per current stage, and per segment the designed target of each stage beside what
 * customers actually experienced (median days), the widest gap named: where investment returns most.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class JourneyPage implements ConsolePage {
    @Reference
    private InProcessApi api;

    @Override
    public String path() {
        return "journey";
    }

    @Override
    public String title() {
        return "Journey";
    }

    @Override
    public int order() {
        return 45;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        Object j;
        try {
            j = api.get(user, "journey", List.of("stages"), Map.of()).orElse(null);
        } catch (ApiException e) {
            return Ui.error("The journey could not answer: " + e.getMessage());
        }
        if (j == null) {
            return Ui.empty("The journey is not available: the journey bundle is stopped.");
        }
        Map<String, Object> stages = Plain.map(j, "stages");
        long accounts = stages.values().stream().mapToLong(v -> Plain.number(v, "accounts").map(BigDecimal::longValue)
                .orElse(0L)).sum();
        if (accounts == 0) {
            return Ui.empty("There are no accounts yet: nothing is on the journey.");
        }
        StringBuilder html = new StringBuilder("<div class=\"two\"><section><h3>Accounts by current stage</h3>");
        List<String> labels = new ArrayList<>(stages.keySet().stream().map(s -> s.replace('_', ' ')).toList());
        html.append(Svg.bars("Accounts per journey stage", labels, stages.values().stream()
                .map(v -> Plain.number(v, "accounts").map(BigDecimal::doubleValue).orElse(0.0)).toList(), List.of("s1"),
                v -> String.format(java.util.Locale.ROOT, "%.0f", v)));
        html.append("</section><table><caption>Stages</caption><thead><tr><th scope=\"col\">Stage</th>"
                + "<th scope=\"col\" class=\"num\">Accounts</th><th scope=\"col\" class=\"num\">ARR</th></tr></thead><tbody>");
        stages.forEach((stage, v) -> html.append("<tr><th scope=\"row\">").append(escape(stage.replace('_', ' ')))
                .append("</th><td class=\"num\">").append(escape(Plain.text(v, "accounts"))).append("</td><td class=\"num\">")
                .append(escape(Fmt.money(Plain.number(v, "arr"), Plain.text(j, "currency")))).append("</td></tr>"));
        html.append("</tbody></table></div>");
        List<?> rows = new ArrayList<>(Plain.list(j, "idealVsActual"));
        html.append("<section><h3>Designed journey beside the actual one</h3>");
        String widest = Plain.text(j, "widestGap");
        if (!widest.isEmpty()) {
            html.append("<p class=\"message\" role=\"status\">Widest gap: <strong>").append(escape(widest.replace('_', ' ')))
                    .append("</strong>. That is where investment returns most.</p>");
        }
        if (rows.isEmpty()) {
            return html + Ui.empty("No stay in a stage has been completed yet: nothing to compare.") + "</section>";
        }
        List<Object> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((Object r) -> gap(r).orElse(BigDecimal.valueOf(Long.MIN_VALUE))).reversed());
        html.append("<table><caption>Median days against the designed target, widest gap first</caption><thead><tr>"
                + "<th scope=\"col\">Segment</th><th scope=\"col\">Measure</th><th scope=\"col\" class=\"num\">Target</th>"
                + "<th scope=\"col\" class=\"num\">Actual median</th><th scope=\"col\" class=\"num\">Gap</th>"
                + "<th scope=\"col\" class=\"num\">Accounts</th></tr></thead><tbody>");
        for (Object r : sorted) {
            boolean late = gap(r).map(g -> g.signum() > 0).orElse(false);
            html.append("<tr><th scope=\"row\">").append(escape(Plain.text(r, "segment").replace('_', ' '))).append("</th><td>")
                    .append(escape(Plain.text(r, "measure"))).append("</td><td class=\"num\">")
                    .append(escape(days(Plain.number(r, "targetDays")))).append("</td><td class=\"num\">")
                    .append(escape(days(Plain.number(r, "actualMedianDays")))).append("</td><td class=\"num")
                    .append(late ? " overdue" : "").append("\">").append(escape(gap(r).map(g -> (g.signum() > 0 ? "+" : "")
                            + g.stripTrailingZeros().toPlainString() + " d").orElse(Fmt.NONE))).append("</td><td class=\"num\">")
                    .append(escape(Plain.text(r, "accounts"))).append("</td></tr>");
        }
        html.append("</tbody></table></section><details><summary>Definition</summary><p>")
                .append(escape(Plain.text(j, "definition"))).append("</p></details>");
        return html.toString();
    }

    private static Optional<BigDecimal> gap(Object row) {
        return Plain.number(row, "gapDays");
    }

    private static String days(Optional<BigDecimal> days) {
        return days.map(d -> d.stripTrailingZeros().toPlainString() + " d").orElse(Fmt.NONE);
    }
}
