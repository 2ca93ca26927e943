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
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.security.AuthenticatedUser;

/**
 * The one-page board slide (DOMAIN §9) of a quarter from the {@code board} metric: NRR first, GRR and logo retention
 * against the prior period and target; churn composition and expansion share; the renewal forecast by confidence band;
 * at-risk ARR with the plans against it; the two top risks; GRR by cohort over age. Prints on one landscape page.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class BoardPage implements ConsolePage {
    private static final int COHORTS_CHARTED = 8;
    private final Clock clock = Clock.systemUTC();
    @Reference
    private ConsoleMetrics metrics;

    @Override
    public String path() {
        return "board";
    }

    @Override
    public String title() {
        return "Board slide";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        Optional<Metric> board = metrics.named("board");
        if (board.isEmpty()) {
            return Ui.empty("The board metric is not running: start the core feature's metrics bundle.");
        }
        LocalDate today = LocalDate.now(clock);
        ReportingPeriod last = ReportingPeriod.Length.QUARTER.holding(today).previous(ReportingPeriod.Length.QUARTER);
        String period = Ui.param(parameters, "period").isEmpty() ? last.label() : Ui.param(parameters, "period");
        List<String> options = new ArrayList<>();
        ReportingPeriod p = last;
        for (int i = 0; i < 6; i++) {
            options.add(p.label());
            p = p.previous(ReportingPeriod.Length.QUARTER);
        }
        StringBuilder html = new StringBuilder("<div class=\"no-print\">").append(Ui.filterForm("board",
                Ui.select("period", "Quarter", options, period))).append("<p class=\"note\">Print this page (landscape) for"
                        + " the board pack: navigation and filters are left out of the print.</p></div>");
        Map<String, Object> b;
        try {
            b = Plain.map(Plain.of(board.get().compute(new MetricRequest(Map.of("period", period), today)).values()));
        } catch (MetricException e) {
            return html + Ui.error("The board slide could not be made: " + e.getMessage());
        }
        String cur = Plain.text(b, "currency");
        html.append("<article class=\"slide\"><header class=\"slide-head\"><h3>Customer retention, ").append(escape(period))
                .append("</h3><p>").append(escape(Plain.text(b, "from"))).append(" to ").append(escape(
                        LocalDate.parse(Plain.text(b, "to")).minusDays(1))).append(" · ratios are trailing twelve months unless"
                        + " marked quarter · as of ").append(escape(today)).append("</p></header>");
        html.append("<div class=\"slide-kpis\">").append(headline(b, "nrr", "NRR", true)).append(headline(b, "grr", "GRR", false))
                .append(headline(b, "logoRetention", "Logo retention", false)).append("</div>");
        html.append("<div class=\"slide-grid\">");
        html.append("<section><h4>Churn and expansion, quarter</h4><table><tbody>");
        for (String kind : List.of("involuntary", "voluntary", "downgrade")) {
            html.append("<tr><th scope=\"row\">").append(escape(kind)).append(" churn</th><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(b, "churnComposition", kind), cur))).append("</td></tr>");
        }
        html.append("<tr><th scope=\"row\">expansion share of growth</th><td class=\"num\">")
                .append(escape(Fmt.percent(Plain.number(b, "expansionShareOfGrowth")))).append("</td></tr></tbody></table></section>");
        html.append(forecast(b, cur));
        html.append("<section><h4>At-risk ARR</h4>");
        Map<String, Object> risk = Plain.map(b, "atRisk");
        html.append("<p class=\"big\">").append(escape(Fmt.money(Plain.number(risk, "arr"), cur))).append("</p><p>")
                .append(escape(Plain.text(risk, "accounts"))).append(" accounts not green; ")
                .append(escape(Fmt.money(Plain.number(risk, "arrWithPlan"), cur))).append(" with a save plan, ")
                .append(escape(Fmt.money(Plain.number(risk, "arrWithoutPlan"), cur))).append(" without.</p>");
        List<?> top = Plain.list(b, "topRisks");
        html.append("<h4>Top risks next quarter</h4>");
        if (top.isEmpty()) {
            html.append(Ui.empty("No scored account is at risk: score health to name the risks."));
        } else {
            html.append("<ol class=\"risks\">");
            for (Object r : top) {
                html.append("<li>").append(Ui.accountLink(Plain.text(r, "account_id"), Plain.text(r, "name"))).append(" — ")
                        .append(escape(Fmt.money(Plain.number(r, "arr"), cur))).append(", ").append(escape(Plain.text(r, "health")))
                        .append(' ').append(escape(Plain.text(r, "score")))
                        .append(Boolean.TRUE.equals(Plain.at(r, "renewsNextQuarter")) ? ", renews next quarter" : "")
                        .append(Boolean.TRUE.equals(Plain.at(r, "hasPlan")) ? ", save plan running" : ", no plan yet")
                        .append("<br><small>").append(escape(Plain.text(r, "why"))).append("</small></li>");
            }
            html.append("</ol>");
        }
        html.append("</section></div>");
        html.append(cohorts(b)).append("</article>");
        return html.toString();
    }

    private static String headline(Map<String, Object> b, String key, String label, boolean lead) {
        Map<String, Object> f = Plain.map(b, "headline", key);
        String band = Plain.text(f, "band");
        return "<div class=\"kpi" + (lead ? " lead-kpi" : "") + "\"><div class=\"kpi-label\">" + escape(label)
                + "</div><div class=\"kpi-value\">" + escape(Fmt.percent(Plain.number(f, "ttm"))) + "</div><div class=\"kpi-note\">"
                + "prior year " + escape(Fmt.percent(Plain.number(f, "priorTtm"))) + " · target "
                + escape(Fmt.percent(Plain.number(f, "target"))) + " (" + escape(Fmt.points(Plain.number(f, "vsTarget")))
                + ")</div><div class=\"kpi-note\">quarter " + escape(Fmt.percent(Plain.number(f, "quarter"))) + ", prior quarter "
                + escape(Fmt.percent(Plain.number(f, "priorQuarter"))) + "</div>"
                + (band.isEmpty() || band.equals("null") ? "" : "<div class=\"kpi-note band-" + escape(band) + "\">" + escape(Ui.band(band))
                        + "</div>") + "</div>";
    }

    private static String forecast(Map<String, Object> b, String cur) {
        Map<String, Object> f = Plain.map(b, "renewalForecast");
        StringBuilder html = new StringBuilder("<section><h4>Renewal forecast, next quarter</h4>");
        if (!Boolean.TRUE.equals(f.get("available"))) {
            return html + Ui.empty("No forecast: " + Plain.text(f, "basis")) + "</section>";
        }
        html.append("<table><thead><tr><th scope=\"col\">Band</th><th scope=\"col\" class=\"num\">Renewals</th>"
                + "<th scope=\"col\" class=\"num\">ARR</th><th scope=\"col\" class=\"num\">Weighted</th></tr></thead><tbody>");
        Plain.map(f, "bands").forEach((band, v) -> html.append("<tr><th scope=\"row\">").append(escape(band.replace('_', ' ')))
                .append(" (").append(escape(Fmt.percent(Plain.number(v, "probability")))).append(")</th><td class=\"num\">")
                .append(escape(Plain.text(v, "renewals"))).append("</td><td class=\"num\">")
                .append(escape(Fmt.money(Plain.number(v, "arr"), cur))).append("</td><td class=\"num\">")
                .append(escape(Fmt.money(Plain.number(v, "weighted"), cur))).append("</td></tr>"));
        html.append("</tbody></table><p>Weighted ").append(escape(Fmt.money(Plain.number(f, "weightedForecast"), cur)))
                .append(" of ").append(escape(Fmt.money(Plain.number(f, "renewingArr"), cur))).append(" renewing; committed ")
                .append(escape(Fmt.money(Plain.number(f, "committedArr"), cur))).append(", at risk ")
                .append(escape(Fmt.money(Plain.number(f, "atRiskArr"), cur))).append(".</p>");
        return html.append("</section>").toString();
    }

    /** GRR by cohort over age, the latest cohorts with at least two quarters of history. */
    private static String cohorts(Map<String, Object> b) {
        List<?> all = Plain.list(b, "cohortChart");
        List<Object> charted = new ArrayList<>();
        for (Object c : all) {
            if (Plain.list(c, "grr").size() >= 2) {
                charted.add(c);
            }
        }
        charted = charted.subList(Math.max(0, charted.size() - COHORTS_CHARTED), charted.size());
        if (charted.isEmpty()) {
            return "<section><h4>GRR by cohort over age</h4>" + Ui.empty("No cohort is two quarters old yet.") + "</section>";
        }
        int ages = charted.stream().mapToInt(c -> Plain.list(c, "grr").size()).max().orElse(0);
        List<String> labels = new ArrayList<>();
        for (int age = 0; age < ages; age++) {
            labels.add("Q" + age);
        }
        List<Svg.Series> series = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        int i = 0;
        for (Object c : charted) {
            List<Double> values = new ArrayList<>();
            for (Object v : Plain.list(c, "grr")) {
                values.add(Plain.number(v).map(BigDecimal::doubleValue).map(x -> x * 100).orElse(null));
            }
            series.add(new Svg.Series(Plain.text(c, "cohort"), "s" + (i++ % 8 + 1), values));
            if (!Plain.list(c, "degradedAges").isEmpty()) {
                degraded.add(Plain.text(c, "cohort") + " at ages " + Plain.list(c, "degradedAges"));
            }
        }
        return "<section class=\"cohorts\"><h4>GRR by acquisition cohort over age (quarters)</h4>"
                + Svg.lines("GRR of each acquisition cohort by age in quarters", labels, series, List.of(),
                        v -> String.format(java.util.Locale.ROOT, "%.0f%%", v), 260)
                + (degraded.isEmpty() ? "<p class=\"note\">No cohort falls below older cohorts at the same age.</p>"
                        : "<p class=\"note warn\">Below older cohorts at the same age: " + escape(String.join("; ", degraded))
                                + ".</p>")
                + "</section>";
    }
}
