package io.tenure.vertical.plg;

import static io.tenure.api.console.ConsolePage.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.data.DataStore;
import io.tenure.api.metrics.ReportingPeriod;
import io.tenure.api.security.AuthenticatedUser;

/**
 * {@code /console/plg}: the conversion funnel of the trials started in a quarter (trials, activated, product-qualified,
 * paid) as a bar chart, and the workspaces product-qualified today with the route their signal takes. {@code ?period=}
 * takes a quarter, month or year.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class FunnelPage implements ConsolePage {
    static final int LISTED = 50;
    private static final int BAR_WIDTH = 400;

    @Reference
    private DataStore store;
    @Reference
    private Plg plg;
    @Reference
    private CoreFeatures core;

    private final Clock clock;

    public FunnelPage() {
        this.clock = Clock.systemUTC();
    }

    FunnelPage(DataStore store, Plg plg, CoreFeatures core, Clock clock) {
        this.store = store;
        this.plg = plg;
        this.core = core;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "plg";
    }

    @Override
    public String title() {
        return "Product-led";
    }

    @Override
    public int order() {
        return 61;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        LocalDate today = LocalDate.now(clock);
        StringBuilder html = new StringBuilder("<h1>Product-led workspaces</h1>\n");
        ReportingPeriod period;
        String asked = parameters.get("period");
        try {
            period = asked == null || asked.isBlank() ? ReportingPeriod.Length.QUARTER.holding(today)
                    : ReportingPeriod.parse(asked);
        } catch (IllegalArgumentException e) {
            return html.append("<p class=\"error\">").append(escape(e.getMessage())).append("</p>").toString();
        }
        Plg.Config c = plg.config();
        PlgBook book = PlgBook.read(store, c, period.from(), period.to(), today);
        Funnel f = Funnel.of(book, c, core.current(), period.from(), period.to(), today);
        html.append("<form method=\"get\"><label>Period <input name=\"period\" value=\"").append(escape(period.label()))
                .append("\"></label> <button>Show</button></form>\n");
        funnel(html, f, period);
        current(html, f, c);
        return html.toString();
    }

    private static void funnel(StringBuilder html, Funnel f, ReportingPeriod period) {
        html.append("<h2>Conversion funnel: trials started in ").append(escape(period.label())).append("</h2>\n");
        long trials = f.trials().size();
        if (trials == 0) {
            html.append("<p class=\"empty\">No trial started in ").append(escape(period.label()))
                    .append(". Trials are subscriptions with status trial, or a plan named free with zero ARR.</p>\n");
            return;
        }
        List<Object[]> bars = List.of(new Object[] { "Trials", trials }, new Object[] { "Activated", f.activated() },
                new Object[] { "Product-qualified", f.productQualified() }, new Object[] { "Paid", f.converted() });
        html.append("<svg id=\"plg-funnel\" role=\"img\" width=\"").append(BAR_WIDTH + 320).append("\" height=\"")
                .append(bars.size() * 36 + 8).append("\" viewBox=\"0 0 ").append(BAR_WIDTH + 320).append(' ')
                .append(bars.size() * 36 + 8).append("\"><title>Trials, activated, product-qualified and paid</title>\n");
        for (int i = 0; i < bars.size(); i++) {
            long n = (Long) bars.get(i)[1];
            long width = Math.max(n == 0 ? 0 : 1, n * BAR_WIDTH / trials);
            int y = 4 + i * 36;
            html.append("<text x=\"0\" y=\"").append(y + 20).append("\">").append(escape(bars.get(i)[0])).append("</text>")
                    .append("<rect x=\"150\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"28\" fill=\"#3b6ea5\"></rect><text x=\"").append(160 + width).append("\" y=\"")
                    .append(y + 20).append("\">").append(n).append(" (").append(percent(Funnel.ratio(n, trials)))
                    .append(")</text>\n");
        }
        html.append("</svg>\n<p>Each bar counts the trials that reached the stage, as a share of the trials; a single buyer "
                + "can pay without the team that makes a workspace product-qualified.</p>\n");
        f.medianDaysToConvert().ifPresent(d -> html.append("<p>Median days from trial start to paid: ").append(d)
                .append("</p>\n"));
    }

    private static void current(StringBuilder html, Funnel f, Plg.Config c) {
        html.append("<h2>Product-qualified today</h2>\n");
        if (f.current().isEmpty()) {
            html.append("<p class=\"empty\">No free or trial workspace has ").append(c.pqlActiveUsers())
                    .append(" active users (or ").append(c.pqlSeatSharePercent()).append("% of its seat limit) right now.</p>\n");
            return;
        }
        html.append("<p>").append(f.current().size()).append(" workspaces; from ").append(c.humanTouchArr())
                .append(" a year a person reaches out, below it the product nudges.</p>\n")
                .append("<table id=\"plg-pqls\"><thead><tr><th scope=\"col\">Workspace</th><th scope=\"col\">Plan</th>"
                        + "<th scope=\"col\">Since</th><th scope=\"col\">Active users</th><th scope=\"col\">Worth a year</th>"
                        + "<th scope=\"col\">Route</th></tr></thead><tbody>\n");
        for (Funnel.Current p : f.current().subList(0, Math.min(LISTED, f.current().size()))) {
            html.append("<tr><td><a href=\"/console/account?id=").append(escape(URLEncoder.encode(p.account().id(),
                    StandardCharsets.UTF_8))).append("\">").append(escape(p.account().name())).append("</a></td><td>")
                    .append(escape(p.pql().trial().plan().orElse("trial"))).append("</td><td>")
                    .append(p.pql().trial().start()).append("</td><td class=\"num\">").append(p.pql().users())
                    .append("</td><td class=\"num\">").append(escape(Routing.money(p.pql().value()))).append("</td><td>")
                    .append(Workspaces.humanTouch(c, p.pql().value()) ? "human touch" : "in-product nudge")
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String percent(java.math.BigDecimal ratio) {
        return ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
