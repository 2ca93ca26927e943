package io.tenure.vertical.marketplace;

import static io.tenure.api.console.ConsolePage.escape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

import io.tenure.api.console.ConsolePage;
import io.tenure.api.money.Money;
import io.tenure.api.security.AuthenticatedUser;

/**
 * {@code /console/marketplace}: the buyer and seller sides side by side over the last 365 days (retention per side,
 * members and active accounts), liquidity, a chart of fulfilled GMV by month, and the sellers in open conflict with
 * the buyer side.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class MarketplacePage implements ConsolePage {
    static final int MONTHS = 6;
    static final int NAMED_BUYERS = 10;

    @Reference
    private MarketData data;
    @Reference
    private Marketplace marketplace;
    private final Clock clock;

    public MarketplacePage() {
        this.clock = Clock.systemUTC();
    }

    MarketplacePage(MarketData data, Marketplace marketplace, Clock clock) {
        this.data = data;
        this.marketplace = marketplace;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "marketplace";
    }

    @Override
    public String title() {
        return "Marketplace";
    }

    @Override
    public int order() {
        return 62;
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        LocalDate today = LocalDate.now(clock);
        Market market = data.current();
        StringBuilder html = new StringBuilder("<h1>Marketplace</h1>\n");
        if (market.isEmpty()) {
            return html.append("<p class=\"empty\">No marketplace data yet: import marketplace_sides, marketplace_orders and "
                    + "marketplace_listings (or start Tenure with --demo) to see the buyer and seller sides here.</p>").toString();
        }
        MarketplaceReport r;
        try {
            r = MarketplaceReport.of(market, data.movements(), marketplace.config(), today.plusDays(1).minusDays(365),
                    today.plusDays(1), today);
        } catch (IllegalStateException e) {
            return html.append("<p class=\"error\">").append(escape(e.getMessage())).append("</p>").toString();
        }
        html.append("<p>The last 365 days, to ").append(today).append(". Retention as DOMAIN.md §3 defines it, over each "
                + "side's accounts; an account on both sides counts on both.</p>\n");
        sides(html, r);
        MarketplaceReport.Liquidity l = r.liquidity();
        html.append("<h2>Liquidity</h2>\n<p id=\"liquidity\"><strong>").append(percent(l.ratio())).append("</strong> of ")
                .append(l.matured()).append(" listings sold within ").append(l.days()).append(" days (")
                .append(l.pending()).append(" listings still inside their window). GMV ")
                .append(escape(Money.ofMinor(r.gmv(), r.currency()).toDecimalString())).append(' ').append(escape(r.currency()))
                .append(".</p>\n");
        chart(html, market, today, r.currency());
        conflicts(html, r);
        return html.toString();
    }

    private static void sides(StringBuilder html, MarketplaceReport r) {
        MarketplaceReport.SideFigures b = r.sides().get(Side.BUYER);
        MarketplaceReport.SideFigures s = r.sides().get(Side.SELLER);
        html.append("<table id=\"marketplace-sides\"><thead><tr><th scope=\"col\"></th><th scope=\"col\">Buyers</th>"
                + "<th scope=\"col\">Sellers</th></tr></thead><tbody>\n");
        row(html, "Members at the start", b, s, f -> String.valueOf(f.members()));
        row(html, "Still on the side", b, s, f -> percent(f.memberRetention()));
        row(html, "Active (fulfilled order)", b, s, f -> String.valueOf(f.active()));
        row(html, "Paying cohort", b, s, f -> String.valueOf(f.retention().cohortAccounts()));
        row(html, "GRR", b, s, f -> percent(f.retention().grr()));
        row(html, "NRR", b, s, f -> percent(f.retention().nrr()));
        row(html, "Logo retention", b, s, f -> percent(f.retention().logoRetention()));
        html.append("</tbody></table>\n");
    }

    private static void row(StringBuilder html, String label, MarketplaceReport.SideFigures b, MarketplaceReport.SideFigures s,
            Function<MarketplaceReport.SideFigures, String> cell) {
        html.append("<tr><th scope=\"row\">").append(label).append("</th><td class=\"num\">").append(escape(cell.apply(b)))
                .append("</td><td class=\"num\">").append(escape(cell.apply(s))).append("</td></tr>\n");
    }

    /** Fulfilled GMV by calendar month, the last {@value #MONTHS} months, as an SVG bar chart. */
    private static void chart(StringBuilder html, Market market, LocalDate today, String currency) {
        YearMonth last = YearMonth.from(today);
        List<YearMonth> months = new ArrayList<>();
        long[] gmv = new long[MONTHS];
        for (int i = MONTHS - 1; i >= 0; i--) {
            months.add(last.minusMonths(i));
        }
        for (MarketplaceOrder o : market.orders()) {
            int at = months.indexOf(YearMonth.from(o.date()));
            if (at >= 0 && o.status() == OrderStatus.FULFILLED && !o.date().isAfter(today)
                    && o.gmv().currency().getCurrencyCode().equals(currency)) {
                gmv[at] += o.gmv().minorUnits();
            }
        }
        long max = 1;
        for (long g : gmv) {
            max = Math.max(max, g);
        }
        int width = 80 * MONTHS;
        html.append("<h2>Fulfilled GMV by month</h2>\n<svg id=\"gmv-chart\" role=\"img\" aria-label=\"Fulfilled GMV by month\" "
                + "width=\"").append(width).append("\" height=\"180\" viewBox=\"0 0 ").append(width).append(" 180\">\n");
        for (int i = 0; i < MONTHS; i++) {
            long h = gmv[i] * 140 / max;
            String amount = escape(Money.ofMinor(gmv[i], currency).toDecimalString() + " " + currency);
            html.append("<rect x=\"").append(i * 80 + 15).append("\" y=\"").append(150 - h).append("\" width=\"50\" height=\"")
                    .append(h).append("\" fill=\"#3b7dd8\"><title>").append(months.get(i)).append(": ").append(amount)
                    .append("</title></rect><text x=\"").append(i * 80 + 40).append("\" y=\"170\" text-anchor=\"middle\" "
                            + "font-size=\"12\">").append(months.get(i)).append("</text>\n");
        }
        html.append("</svg>\n");
    }

    private static void conflicts(StringBuilder html, MarketplaceReport r) {
        html.append("<h2>Conflicts between the sides</h2>\n");
        if (r.conflicts().isEmpty()) {
            html.append("<p class=\"empty\">No seller is in conflict with the buyer side.</p>\n");
            return;
        }
        html.append("<table id=\"marketplace-conflicts\"><thead><tr><th scope=\"col\">Seller</th><th scope=\"col\">Orders</th>"
                + "<th scope=\"col\">Cancelled or disputed</th><th scope=\"col\">Rate</th><th scope=\"col\">Buyers hurt</th>"
                + "</tr></thead><tbody>\n");
        for (SideSignals.Conflict k : r.conflicts()) {
            List<String> hurt = k.window().hurtBuyers().stream().toList();
            String named = String.join(", ", hurt.subList(0, Math.min(NAMED_BUYERS, hurt.size())))
                    + (hurt.size() > NAMED_BUYERS ? " and " + (hurt.size() - NAMED_BUYERS) + " more" : "");
            html.append("<tr><td>").append(escape(k.seller())).append("</td><td class=\"num\">").append(k.window().orders())
                    .append("</td><td class=\"num\">").append(k.window().problems()).append("</td><td class=\"num\">")
                    .append(percent(k.rate())).append("</td><td>").append(escape(named)).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    static String percent(BigDecimal ratio) {
        return ratio == null ? "n/a" : ratio.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
