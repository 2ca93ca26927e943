package io.tenure.console;

import static io.tenure.console.Html.escape;

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
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.security.AuthenticatedUser;

/**
 * The CS team: each CSM's coverage (accounts and ARR against the segment's defaults) and variable pay for a quarter
 * from measured outcomes, from the {@code coverage} and {@code compensation} metrics.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class TeamPage implements ConsolePage {
    private final Clock clock = Clock.systemUTC();
    @Reference
    private ConsoleMetrics metrics;

    @Override
    public String path() {
        return "team";
    }

    @Override
    public String title() {
        return "Coverage & pay";
    }

    @Override
    public int order() {
        return 46;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        LocalDate today = LocalDate.now(clock);
        ReportingPeriod last = ReportingPeriod.Length.QUARTER.holding(today).previous(ReportingPeriod.Length.QUARTER);
        String period = Ui.param(parameters, "period").isEmpty() ? last.label() : Ui.param(parameters, "period");
        List<String> options = new ArrayList<>();
        ReportingPeriod p = ReportingPeriod.Length.QUARTER.holding(today);
        for (int i = 0; i < 6; i++) {
            options.add(p.label());
            p = p.previous(ReportingPeriod.Length.QUARTER);
        }
        StringBuilder html = new StringBuilder(Ui.filterForm("team", Ui.select("period", "Pay quarter", options, period)));
        html.append(coverage(today)).append(pay(period, today));
        return html.toString();
    }

    private String coverage(LocalDate today) {
        Optional<Object> c = compute("coverage", Map.of(), today);
        if (c.isEmpty()) {
            return Ui.empty("Coverage is not available: the metrics bundle is stopped or could not answer.");
        }
        List<?> csms = Plain.list(c.get(), "csms");
        if (csms.isEmpty()) {
            return Ui.empty("No CSM is recorded: coverage needs the team (csms) and account owners.");
        }
        String cur = Plain.text(c.get(), "currency");
        StringBuilder html = new StringBuilder("<table><caption>Coverage per CSM against the segment defaults (fewer accounts"
                + " with an expansion mandate)</caption><thead><tr><th scope=\"col\">CSM</th><th scope=\"col\">Segment</th>"
                + "<th scope=\"col\" class=\"num\">Accounts</th><th scope=\"col\">Target</th><th scope=\"col\" class=\"num\">ARR"
                + "</th><th scope=\"col\">Target</th></tr></thead><tbody>");
        for (Object m : csms) {
            html.append("<tr><th scope=\"row\">").append(escape(Plain.text(m, "name"))).append("<br><small>")
                    .append(escape(Plain.text(m, "csm"))).append(Boolean.TRUE.equals(Plain.at(m, "expansionMandate"))
                            ? " · expansion mandate" : "").append("</small></th><td>")
                    .append(escape(Plain.text(m, "segment").replace('_', ' '))).append("</td><td class=\"num ")
                    .append(status(Plain.text(m, "accountsStatus"))).append("\">").append(escape(Plain.text(m, "accounts")))
                    .append("</td><td>").append(escape(range(Plain.list(m, "accountsRange"), false, cur))).append(" · ")
                    .append(escape(Plain.text(m, "accountsStatus"))).append("</td><td class=\"num ")
                    .append(status(Plain.text(m, "arrStatus"))).append("\">").append(escape(Fmt.money(Plain.number(m, "arr"), cur)))
                    .append("</td><td>").append(escape(range(Plain.list(m, "arrRange"), true, cur))).append(" · ")
                    .append(escape(Plain.text(m, "arrStatus"))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private String pay(String period, LocalDate today) {
        Optional<Object> c = compute("compensation", Map.of("period", period), today);
        if (c.isEmpty()) {
            return Ui.empty("Variable pay is not available for " + period + ".");
        }
        List<?> csms = Plain.list(c.get(), "csms");
        if (csms.isEmpty()) {
            return Ui.empty("No CSM had a book in " + period + ".");
        }
        String cur = Plain.text(c.get(), "currency");
        StringBuilder html = new StringBuilder("<table><caption>Variable pay for ").append(escape(period))
                .append(" from measured outcomes (gross retention, expansion, health)</caption><thead><tr><th scope=\"col\">CSM"
                        + "</th><th scope=\"col\" class=\"num\">Book at start</th><th scope=\"col\" class=\"num\">GRR</th>"
                        + "<th scope=\"col\" class=\"num\">Expansion</th><th scope=\"col\" class=\"num\">Attainment</th>"
                        + "<th scope=\"col\" class=\"num\">On-target variable</th><th scope=\"col\" class=\"num\">Payout</th>"
                        + "</tr></thead><tbody>");
        for (Object m : csms) {
            html.append("<tr><th scope=\"row\">").append(escape(Plain.text(m, "name"))).append("</th><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(m, "startingBookArr"), cur))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.percent(Plain.number(m, "grr")))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(m, "expansionArr"), cur))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.percent(Plain.number(m, "weightedAttainment")))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.moneyExact(Plain.number(m, "onTargetVariable"), cur))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.moneyExact(Plain.number(m, "payout"), cur))).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private Optional<Object> compute(String name, Map<String, String> parameters, LocalDate today) {
        Optional<Metric> metric = metrics.named(name);
        if (metric.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Plain.of(metric.get().compute(new MetricRequest(parameters, today)).values()));
        } catch (MetricException e) {
            return Optional.empty();
        }
    }

    private static String status(String status) {
        return status.equals("within") ? "" : "overdue";
    }

    private static String range(List<?> range, boolean money, String currency) {
        if (range.size() != 2) {
            return Fmt.NONE;
        }
        java.util.function.Function<Object, String> f = v -> money
                ? Fmt.money(Plain.number(v), currency) : Plain.text(v).replaceAll("\\.0$", "");
        // an open upper bound comes as null or "" (tech touch: 500+ accounts)
        return range.get(1) == null || String.valueOf(range.get(1)).isEmpty() ? f.apply(range.get(0)) + "+"
                : f.apply(range.get(0)) + "–" + f.apply(range.get(1));
    }
}
