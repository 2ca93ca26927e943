package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.security.AuthenticatedUser;

/**
 * Cohort retention: GRR or NRR of each acquisition cohort at each age, as a chart of the latest cohorts and as a
 * table of all of them, with the ages where a cohort falls below older cohorts flagged (degradation hides in
 * aggregates). From the {@code cohorts} metric.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class CohortsPage implements ConsolePage {
    private static final int CHARTED = 8;
    private final Clock clock = Clock.systemUTC();
    @Reference
    private ConsoleMetrics metrics;

    @Override
    public String path() {
        return "cohorts";
    }

    @Override
    public String title() {
        return "Cohorts";
    }

    @Override
    public int order() {
        return 15;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        Optional<Metric> metric = metrics.named("cohorts");
        if (metric.isEmpty()) {
            return Ui.empty("The cohorts metric is not running: start the core feature's metrics bundle.");
        }
        String by = List.of("month", "quarter", "year").contains(Ui.param(parameters, "by")) ? Ui.param(parameters, "by") : "quarter";
        String ratio = Ui.param(parameters, "ratio").equals("nrr") ? "nrr" : "grr";
        StringBuilder html = new StringBuilder(Ui.filterForm("cohorts",
                Ui.select("by", "Cohorts by", List.of("month", "quarter", "year"), by)
                        + Ui.select("ratio", "Ratio", List.of("grr", "nrr"), ratio)));
        Object result;
        try {
            result = Plain.of(metric.get().compute(new MetricRequest(Map.of("by", by), LocalDate.now(clock))).values());
        } catch (MetricException e) {
            return html + Ui.error("The cohorts metric could not answer: " + e.getMessage());
        }
        List<?> cohorts = Plain.list(result, "cohorts");
        if (cohorts.isEmpty()) {
            return html + Ui.empty("No account has ARR yet: there is no cohort.");
        }
        String label = ratio.toUpperCase(java.util.Locale.ROOT);
        String unit = by.equals("month") ? "M" : by.equals("year") ? "Y" : "Q";
        int ages = cohorts.stream().mapToInt(c -> Plain.list(c, ratio).size()).max().orElse(0);
        List<String> labels = new ArrayList<>();
        for (int age = 0; age < ages; age++) {
            labels.add(unit + age);
        }
        List<Svg.Series> series = new ArrayList<>();
        List<?> charted = cohorts.stream().filter(c -> Plain.list(c, ratio).size() >= 2).toList();
        charted = charted.subList(Math.max(0, charted.size() - CHARTED), charted.size());
        int i = 0;
        for (Object c : charted) {
            series.add(new Svg.Series(Plain.text(c, "cohort"), "s" + (i++ % 8 + 1), percents(Plain.list(c, ratio))));
        }
        int chartedAges = charted.stream().mapToInt(c -> Plain.list(c, ratio).size()).max().orElse(0);
        html.append("<section><h3>").append(escape(label)).append(" of the latest cohorts by age</h3>")
                .append(Svg.lines(label + " of each acquisition cohort by age", labels.subList(0, chartedAges), series, List.of(),
                        v -> String.format(java.util.Locale.ROOT, "%.0f%%", v), 300))
                .append("</section>");
        html.append("<div class=\"scroll\"><table class=\"matrix\"><caption>").append(escape(label))
                .append(" of every cohort at each age (▼: GRR below older cohorts at that age)</caption><thead><tr>"
                        + "<th scope=\"col\">Cohort</th><th scope=\"col\" class=\"num\">Accounts</th><th scope=\"col\" class=\"num\">"
                        + "Starting ARR</th>");
        for (String l : labels) {
            html.append("<th scope=\"col\" class=\"num\">").append(escape(l)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        String currency = Plain.text(result, "currency");
        for (Object c : cohorts) {
            List<?> values = Plain.list(c, ratio);
            List<?> degraded = Plain.list(c, "degradedAges");
            html.append("<tr><th scope=\"row\">").append(escape(Plain.text(c, "cohort"))).append("</th><td class=\"num\">")
                    .append(escape(Plain.text(c, "accounts"))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(c, "initialArr"), currency))).append("</td>");
            for (int age = 0; age < ages; age++) {
                if (age >= values.size()) {
                    html.append("<td></td>");
                    continue;
                }
                Optional<BigDecimal> v = Plain.number(values.get(age));
                int at = age;
                boolean down = ratio.equals("grr")
                        && degraded.stream().anyMatch(d -> Plain.number(d).map(BigDecimal::intValue).orElse(-1) == at);
                html.append("<td class=\"num ").append(heat(v)).append(down ? " degraded" : "").append("\">")
                        .append(escape(Fmt.percent(v).replace(".0%", "%"))).append(down ? " ▼" : "").append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></div><details><summary>Definition</summary><p>")
                .append(escape(Plain.text(result, "definition"))).append("</p></details>");
        return html.toString();
    }

    private static List<Double> percents(List<?> values) {
        List<Double> out = new ArrayList<>();
        for (Object v : values) {
            out.add(Plain.number(v).map(b -> b.doubleValue() * 100).orElse(null));
        }
        return out;
    }

    /** The GRR band of a value, for the cell's shade. */
    private static String heat(Optional<BigDecimal> v) {
        if (v.isEmpty()) {
            return "";
        }
        double d = v.get().doubleValue();
        return d >= 0.95 ? "h-best" : d >= 0.90 ? "h-strong" : d >= 0.85 ? "h-ok" : "h-warn";
    }
}
