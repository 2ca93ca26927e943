package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.forecast.BucketTotal;
import io.tenure.api.forecast.Forecast;
import io.tenure.api.forecast.ForecastService;
import io.tenure.api.forecast.ForecastTotals;
import io.tenure.api.forecast.Renewal;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.rest.ApiException;
import io.tenure.api.security.AuthenticatedUser;

/**
 * The renewal forecast of a period by bucket (committed and at-risk apart, never only one total), its renewals, and
 * the calibration of the closed quarters with the suggested probabilities.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class ForecastPage implements ConsolePage {
    private static final int RENEWALS_SHOWN = 100;
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile ForecastService forecasts;
    @Reference
    private InProcessApi api;

    @Override
    public String path() {
        return "forecast";
    }

    @Override
    public String title() {
        return "Forecast";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        ForecastService service = forecasts;
        if (service == null) {
            return Ui.empty("The renewal forecast is not running: the forecast bundle is stopped.");
        }
        LocalDate today = LocalDate.now(clock);
        ReportingPeriod current = ReportingPeriod.Length.QUARTER.holding(today);
        String asked = Ui.param(parameters, "period");
        ReportingPeriod period;
        try {
            period = asked.isEmpty() ? current : ReportingPeriod.parse(asked);
        } catch (IllegalArgumentException e) {
            return Ui.filterForm("forecast", Ui.input("period", "Period", asked, "2026-Q4")) + Ui.error(e.getMessage());
        }
        List<String> options = List.of(current.previous(ReportingPeriod.Length.QUARTER).label(), current.label(),
                ReportingPeriod.Length.QUARTER.holding(current.to()).label(),
                ReportingPeriod.Length.QUARTER.holding(current.to().plusMonths(3)).label());
        StringBuilder html = new StringBuilder(Ui.filterForm("forecast", Ui.select("period", "Quarter", options, period.label())));
        Forecast forecast = service.forecast(period.from(), period.to(), today);
        html.append("<p class=\"lead\">Renewals dated ").append(escape(period.from())).append(" to ")
                .append(escape(period.to().minusDays(1))).append(", as things stand on ").append(escape(today)).append(".</p>");
        if (forecast.renewals().isEmpty()) {
            html.append(Ui.empty("No renewal falls in " + period.label() + "."));
        } else {
            ForecastTotals totals = forecast.totals().get(0);
            html.append("<div class=\"kpis\">")
                    .append(Ui.kpi("Renewing ARR", Fmt.money(totals.renewing()), forecast.renewals().size() + " renewals", ""))
                    .append(Ui.kpi("Weighted forecast", Fmt.money(totals.weighted()), "Σ probability × ARR", ""))
                    .append(Ui.kpi("Committed", Fmt.money(totals.committed()), "bucket committed", "band-green"))
                    .append(Ui.kpi("At risk", Fmt.money(totals.atRisk()), "at risk + critical", "band-red"))
                    .append("</div>");
            html.append(Svg.bars("ARR at stake by bucket", totals.buckets().stream().map(b -> name(b)).toList(),
                    totals.buckets().stream().map(b -> b.arr().toBigDecimal().doubleValue()).toList(),
                    List.of("committed", "likely", "at_risk", "critical"),
                    v -> Fmt.money(java.util.Optional.of(java.math.BigDecimal.valueOf(v)), totals.currency())));
            html.append("<table><caption>By bucket (").append(escape(totals.currency())).append(")</caption><thead><tr>"
                    + "<th scope=\"col\">Bucket</th><th scope=\"col\" class=\"num\">Renewals</th><th scope=\"col\" class=\"num\">"
                    + "ARR at stake</th><th scope=\"col\" class=\"num\">Probability</th><th scope=\"col\" class=\"num\">Weighted"
                    + "</th></tr></thead><tbody>");
            for (BucketTotal b : totals.buckets()) {
                html.append("<tr><th scope=\"row\">").append(escape(name(b))).append("</th><td class=\"num\">")
                        .append(b.renewals()).append("</td><td class=\"num\">").append(escape(Fmt.money(b.arr())))
                        .append("</td><td class=\"num\">").append(b.probability()).append("%</td><td class=\"num\">")
                        .append(escape(Fmt.money(b.weighted()))).append("</td></tr>");
            }
            html.append("</tbody></table>");
            html.append(renewals(forecast));
            if (forecast.totals().size() > 1) {
                html.append("<p class=\"note\">Renewals in other currencies are summed apart: ")
                        .append(escape(String.join(", ", forecast.totals().stream().skip(1)
                                .map(t -> t.currency() + " " + Fmt.money(t.renewing())).toList()))).append(".</p>");
            }
        }
        html.append(calibration(user));
        html.append("<details><summary>How renewals are bucketed</summary><p>").append(escape(forecast.definition()))
                .append("</p></details>");
        return html.toString();
    }

    private static String name(BucketTotal b) {
        return b.bucket().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String renewals(Forecast forecast) {
        StringBuilder html = new StringBuilder("<details><summary>Every renewal (").append(forecast.renewals().size())
                .append(")</summary><table><caption>Renewals by date").append(forecast.renewals().size() > RENEWALS_SHOWN
                        ? ", the first " + RENEWALS_SHOWN : "").append("</caption><thead><tr><th scope=\"col\">Date</th>"
                        + "<th scope=\"col\">Account</th><th scope=\"col\" class=\"num\">ARR</th><th scope=\"col\">Health</th>"
                        + "<th scope=\"col\">Bucket</th><th scope=\"col\">Override</th></tr></thead><tbody>");
        for (Renewal r : forecast.renewals().stream().limit(RENEWALS_SHOWN).toList()) {
            html.append("<tr><td>").append(escape(r.date())).append("</td><td>").append(Ui.accountLink(r.accountId(), r.accountId()))
                    .append("</td><td class=\"num\">").append(escape(Fmt.money(r.arr()))).append("</td><td>")
                    .append(Ui.status(AccountsPage.code(r.health()))).append(r.score().map(s -> " " + s).orElse(""))
                    .append("</td><td>").append(escape(AccountsPage.code(r.bucket()).replace('_', ' '))).append("</td><td>")
                    .append(escape(r.override().map(o -> o.reason().orElse("override")).orElse(r.note().orElse(""))))
                    .append("</td></tr>");
        }
        return html.append("</tbody></table></details>").toString();
    }

    private String calibration(AuthenticatedUser user) {
        Object c;
        try {
            c = api.get(user, "forecast", List.of("calibration"), Map.of("by", "quarter", "periods", "4")).orElse(null);
        } catch (ApiException e) {
            return "<section><h3>Calibration</h3>" + Ui.error(e.getMessage()) + "</section>";
        }
        if (c == null) {
            return "";
        }
        List<?> periods = Plain.list(c, "periods");
        StringBuilder html = new StringBuilder("<section><h3>Calibration</h3><p class=\"note\">Each closed quarter's forecast as"
                + " it stood the day before it began, beside the ARR actually kept.</p>");
        if (periods.isEmpty()) {
            return html + Ui.empty("No quarter has closed yet: nothing to calibrate.") + "</section>";
        }
        String currency = Plain.text(c, "currency");
        html.append("<table><caption>Forecast against kept ARR, per closed quarter</caption><thead><tr><th scope=\"col\">"
                + "Quarter</th><th scope=\"col\" class=\"num\">Renewals</th><th scope=\"col\" class=\"num\">ARR at stake</th>"
                + "<th scope=\"col\" class=\"num\">Forecast</th><th scope=\"col\" class=\"num\">Kept</th>"
                + "<th scope=\"col\" class=\"num\">Kept share</th></tr></thead><tbody>");
        for (Object p : periods) {
            html.append("<tr><th scope=\"row\">").append(escape(Plain.text(p, "period"))).append("</th><td class=\"num\">")
                    .append(escape(Plain.text(p, "renewals"))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(p, "arr"), currency))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(p, "forecast"), currency))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.money(Plain.number(p, "kept"), currency))).append("</td><td class=\"num\">")
                    .append(escape(Fmt.percent(Plain.number(p, "actualRate")))).append("</td></tr>");
        }
        html.append("</tbody></table>");
        Map<String, Object> suggested = Plain.map(c, "suggestedProbabilities");
        if (!suggested.isEmpty()) {
            html.append("<table><caption>Probabilities per bucket: configured and suggested by the closed quarters</caption>"
                    + "<thead><tr><th scope=\"col\">Bucket</th><th scope=\"col\" class=\"num\">Configured</th>"
                    + "<th scope=\"col\" class=\"num\">Suggested</th><th scope=\"col\" class=\"num\">Kept share</th>"
                    + "<th scope=\"col\">Basis</th></tr></thead><tbody>");
            suggested.forEach((bucket, sg) -> html.append("<tr><th scope=\"row\">").append(escape(bucket.replace('_', ' ')))
                    .append("</th><td class=\"num\">").append(escape(Plain.text(sg, "probability"))).append("%</td>")
                    .append("<td class=\"num\">").append(escape(Plain.text(sg, "suggested"))).append("%</td><td class=\"num\">")
                    .append(escape(Fmt.percent(Plain.number(sg, "actualRate")))).append("</td><td><small>")
                    .append(escape(Plain.text(sg, "basis"))).append("</small></td></tr>"));
            html.append("</tbody></table>");
        }
        return html.append("</section>").toString();
    }
}
