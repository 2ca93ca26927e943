package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.account.Segment;
import io.tenure.api.account.Vertical;
import io.tenure.api.console.ConsolePage;
import io.tenure.api.metrics.Metric;
import io.tenure.api.metrics.MetricException;
import io.tenure.api.metrics.MetricRequest;
import io.tenure.api.security.AuthenticatedUser;

/**
 * The portfolio: ARR, NRR, GRR and logo retention over the trailing twelve months with their benchmark bands, and
 * their trend at each of the last twelve month ends, from the {@code retention} metric.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class PortfolioPage implements ConsolePage {
    private final Clock clock = Clock.systemUTC();
    @Reference
    private ConsoleMetrics metrics;

    @Override
    public String path() {
        return "portfolio";
    }

    @Override
    public String title() {
        return "Portfolio";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        Optional<Metric> retention = metrics.named("retention");
        if (retention.isEmpty()) {
            return Ui.empty("The retention metric is not running: start the core feature's metrics bundle.");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : List.of("vertical", "segment")) {
            if (!Ui.param(parameters, f).isEmpty()) {
                filters.put(f, Ui.param(parameters, f));
            }
        }
        StringBuilder html = new StringBuilder(Ui.filterForm("portfolio",
                Ui.select("vertical", "Vertical", Ui.codesOf(Vertical.values()), Ui.param(parameters, "vertical"))
                        + Ui.select("segment", "Segment", Ui.codesOf(Segment.values()), Ui.param(parameters, "segment"))));
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> now;
        try {
            now = compute(retention.get(), today.minusYears(1), today, filters);
        } catch (MetricException e) {
            return html + Ui.error("The retention metric could not answer: " + e.getMessage());
        }
        long cohort = Plain.number(now, "cohortAccounts").map(BigDecimal::longValue).orElse(0L);
        if (cohort == 0) {
            return html + Ui.empty("No account had ARR a year ago" + (filters.isEmpty() ? "" : " with these filters")
                    + ": there is no cohort to measure yet. Import accounts and movements, or start with --demo.");
        }
        String currency = Plain.text(now, "currency");
        html.append("<p class=\"lead\">Trailing twelve months, ").append(escape(Plain.text(now, "from"))).append(" to ")
                .append(escape(today)).append(": the ").append(escape(Fmt.integer(cohort)))
                .append(" accounts with ARR a year ago (new logos since are left out of the ratios).</p>");
        html.append("<div class=\"kpis\">")
                .append(Ui.kpi("ARR now", Fmt.money(Plain.number(now, "totalEndingArr"), currency),
                        "growth " + Fmt.percent(Plain.number(now, "arrGrowth")) + " in a year", ""))
                .append(Ui.kpi("NRR", Fmt.percent(Plain.number(now, "nrr")), Ui.band(Plain.text(now, "bands", "nrr")),
                        "band-" + Plain.text(now, "bands", "nrr")))
                .append(Ui.kpi("GRR", Fmt.percent(Plain.number(now, "grr")), Ui.band(Plain.text(now, "bands", "grr")),
                        "band-" + Plain.text(now, "bands", "grr")))
                .append(Ui.kpi("Logo retention", Fmt.percent(Plain.number(now, "logoRetention")),
                        Plain.text(now, "retainedAccounts") + " of " + cohort + " accounts kept", ""))
                .append(Ui.kpi("Expansion ARR", Fmt.money(Plain.number(now, "expansionArr"), currency),
                        Fmt.percent(Plain.number(now, "expansionShareOfGrowth")) + " of growth", ""))
                .append(Ui.kpi("Churned ARR", Fmt.money(Plain.number(now, "churnedArr"), currency),
                        "contraction " + Fmt.money(Plain.number(now, "contractionArr"), currency), ""))
                .append("</div>");
        html.append(trend(retention.get(), today, filters, currency));
        html.append("<div class=\"two\">").append(composition(now, currency)).append(bands()).append("</div>");
        html.append("<details><summary>Definition</summary><p>").append(escape(Plain.text(now, "definition")))
                .append("</p></details>");
        return html.toString();
    }

    private Map<String, Object> compute(Metric metric, LocalDate from, LocalDate to, Map<String, String> filters)
            throws MetricException {
        Map<String, String> p = new LinkedHashMap<>(filters);
        p.put("from", from.toString());
        p.put("to", to.toString());
        return Plain.map(Plain.of(metric.compute(new MetricRequest(p, LocalDate.now(clock))).values()));
    }

    /** NRR, GRR and logo retention (trailing twelve months) and ARR at each of the last twelve month ends. */
    private String trend(Metric metric, LocalDate today, Map<String, String> filters, String currency) {
        List<String> labels = new ArrayList<>();
        List<Double> nrr = new ArrayList<>();
        List<Double> grr = new ArrayList<>();
        List<Double> logos = new ArrayList<>();
        List<Double> arr = new ArrayList<>();
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        for (int i = 11; i >= 0; i--) {
            LocalDate end = firstOfMonth.minusMonths(i);
            labels.add(end.minusDays(1).toString().substring(0, 7));
            try {
                Map<String, Object> r = compute(metric, end.minusYears(1), end, filters);
                boolean any = Plain.number(r, "cohortAccounts").map(BigDecimal::signum).orElse(0) > 0;
                nrr.add(any ? Ui.ratio(r, "nrr") * 100 : null);
                grr.add(any ? Ui.ratio(r, "grr") * 100 : null);
                logos.add(any ? Ui.ratio(r, "logoRetention") * 100 : null);
                arr.add(Plain.number(r, "totalEndingArr").map(BigDecimal::doubleValue).orElse(null));
            } catch (MetricException e) {
                nrr.add(null);
                grr.add(null);
                logos.add(null);
                arr.add(null);
            }
        }
        return "<section><h3>Retention trend</h3><p class=\"note\">Trailing-twelve-month ratios at each month end; the"
                + " dashed lines are the lower bounds of the acceptable NRR band (100%) and the strong GRR band (90%).</p>"
                + Svg.lines("NRR, GRR and logo retention, trailing twelve months, by month end", labels,
                        List.of(new Svg.Series("NRR", "s1", nrr), new Svg.Series("GRR", "s2", grr),
                                new Svg.Series("Logo retention", "s3", logos)),
                        List.of(new Svg.Rule("NRR 100%", 100), new Svg.Rule("GRR 90%", 90)),
                        v -> String.format(java.util.Locale.ROOT, "%.0f%%", v), 300)
                + "</section><section><h3>ARR by month end</h3>"
                + Svg.lines("Total ARR at each month end", labels, List.of(new Svg.Series("ARR", "s1", arr)), List.of(),
                        v -> Fmt.money(Optional.of(BigDecimal.valueOf(v)), currency), 240)
                + "</section>";
    }

    private static String composition(Map<String, Object> now, String currency) {
        StringBuilder html = new StringBuilder("<table><caption>Churn composition and expansion, trailing twelve months"
                + "</caption><thead><tr><th scope=\"col\">Movement</th><th scope=\"col\" class=\"num\">ARR</th>"
                + "<th scope=\"col\" class=\"num\">Accounts</th></tr></thead><tbody>");
        for (String kind : List.of("involuntary", "voluntary", "downgrade")) {
            html.append("<tr><th scope=\"row\">").append(escape(kind)).append(" churn</th><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(now, "churnComposition", "arr", kind), currency)))
                    .append("</td><td class=\"num\">").append(escape(Plain.text(now, "churnComposition", "logos", kind)))
                    .append("</td></tr>");
        }
        Plain.map(now, "expansionByKind").forEach((kind, amount) -> html.append("<tr><th scope=\"row\">expansion: ")
                .append(escape(kind.replace('_', ' '))).append("</th><td class=\"num\">")
                .append(escape(Fmt.money(Plain.number(amount), currency))).append("</td><td></td></tr>"));
        html.append("<tr><th scope=\"row\">new logos</th><td class=\"num\">")
                .append(escape(Fmt.money(Plain.number(now, "newLogoArr"), currency))).append("</td><td class=\"num\">")
                .append(escape(Plain.text(now, "newLogos"))).append("</td></tr>");
        return html.append("</tbody></table>").toString();
    }

    private static String bands() {
        return "<table><caption>Benchmark bands</caption><thead><tr><th scope=\"col\">Band</th><th scope=\"col\">GRR</th>"
                + "<th scope=\"col\">NRR</th></tr></thead><tbody>"
                + "<tr><th scope=\"row\">best in class</th><td>&gt; 95%</td><td>&gt; 120%</td></tr>"
                + "<tr><th scope=\"row\">strong</th><td>90–95%</td><td>110–120%</td></tr>"
                + "<tr><th scope=\"row\">acceptable</th><td>85–90%</td><td>100–110%</td></tr>"
                + "<tr><th scope=\"row\">warning</th><td>&lt; 85%</td><td>&lt; 100%</td></tr></tbody></table>";
    }
}
