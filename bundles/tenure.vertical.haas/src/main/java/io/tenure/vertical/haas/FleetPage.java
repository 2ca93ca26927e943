package io.tenure.vertical.haas;

import static io.tenure.api.console.ConsolePage.escape;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import io.tenure.api.console.ConsolePage;
import io.tenure.api.data.Codes;
import io.tenure.api.data.DataStore;
import io.tenure.api.security.AuthenticatedUser;

/**
 * {@code /console/fleet}: the device fleets today — uptime by account over the window (the lowest first, as an SVG
 * bar chart against the target), the devices that need an RMA, and the open field-service and logistics events.
 */
@Component(configurationPolicy = ConfigurationPolicy.IGNORE, service = ConsolePage.class)
public class FleetPage implements ConsolePage {
    static final int CHARTED = 20;
    static final int LISTED = 50;
    private static final int WIDTH = 720;
    private static final int LABEL = 190;
    private static final int PLOT = 420;

    @Reference
    private FleetIndex index;
    @Reference
    private Haas haas;
    @Reference
    private DataStore store;

    private final Clock clock;

    public FleetPage() {
        this.clock = Clock.systemUTC();
    }

    FleetPage(FleetIndex index, Haas haas, DataStore store, Clock clock) {
        this.index = index;
        this.haas = haas;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "fleet";
    }

    @Override
    public String title() {
        return "Fleet";
    }

    @Override
    public int order() {
        return 65;
    }

    /** One account's uptime over the window. */
    private record Uptime(AccountFleet fleet, BigDecimal uptime, long devices) {
    }

    @Override
    public String render(AuthenticatedUser user, Map<String, String> parameters) {
        LocalDate today = LocalDate.now(clock);
        Haas.Config c = haas.config();
        Fleet fleet = index.fleet();
        StringBuilder html = new StringBuilder("<h1>Device fleets</h1>\n");
        if (fleet.accounts() == 0) {
            return html.append("<p class=\"empty\">No device fleet is recorded yet. Import <code>haas_devices</code>, "
                    + "<code>haas_device_days</code> and <code>haas_service_events</code> (or start with --demo) to see "
                    + "uptime, RMAs and field service here.</p>").toString();
        }
        List<Uptime> uptimes = new ArrayList<>();
        long devices = 0;
        for (AccountFleet f : fleet.all()) {
            int n = f.inFleetOn(today.minusDays(1)).size();
            devices += n;
            f.window(today.minusDays(c.windowDays()), today).uptime().ifPresent(u -> uptimes.add(new Uptime(f, u, n)));
        }
        html.append("<p>").append(fleet.accounts()).append(" accounts with a fleet, ").append(devices)
                .append(" devices in service. Uptime over the last ").append(c.windowDays()).append(" days; target ")
                .append(c.uptimeTargetPercent()).append("%.</p>\n<h2>Uptime by account</h2>\n");
        uptimes.sort(Comparator.comparing(Uptime::uptime).thenComparing(u -> u.fleet().accountId()));
        if (uptimes.isEmpty()) {
            html.append("<p class=\"empty\">No device reported in the last ").append(c.windowDays()).append(" days.</p>\n");
        } else {
            html.append(chart(uptimes.subList(0, Math.min(CHARTED, uptimes.size())), c)).append('\n');
        }
        rmas(html, fleet, today, c);
        openEvents(html, fleet, today);
        return html.toString();
    }

    private String chart(List<Uptime> rows, Haas.Config c) {
        BigDecimal lowest = rows.get(0).uptime().movePointRight(2);
        double axisMin = Math.floor(Math.min(c.uptimeFloorPercent(), lowest.doubleValue()));
        int barH = 22;
        int height = 24 + rows.size() * (barH + 6) + 8;
        StringBuilder desc = new StringBuilder();
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            Uptime u = rows.get(i);
            BigDecimal pct = u.uptime().movePointRight(2);
            String label = name(u.fleet().accountId());
            String value = pct.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
            desc.append(label).append(": ").append(value).append(". ");
            double w = Math.max(1, (pct.doubleValue() - axisMin) / (100 - axisMin) * PLOT);
            String css = pct.doubleValue() >= c.uptimeTargetPercent() ? "s2" : pct.doubleValue() > c.uptimeFloorPercent() ? "s3" : "s5";
            int y = 24 + i * (barH + 6);
            bars.append("<text class=\"tick\" x=\"").append(LABEL - 8).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\">")
                    .append(escape(label)).append("</text><rect class=\"bar ").append(css).append("\" x=\"").append(LABEL)
                    .append("\" y=\"").append(y).append("\" width=\"").append(f(w)).append("\" height=\"").append(barH)
                    .append("\"><title>").append(escape(label + ": " + value + " over " + u.devices() + " devices"))
                    .append("</title></rect><text class=\"value\" x=\"").append(f(LABEL + w + 6)).append("\" y=\"")
                    .append(y + 15).append("\">").append(escape(value)).append("</text>");
        }
        double target = LABEL + (c.uptimeTargetPercent() - axisMin) / (100 - axisMin) * PLOT;
        return "<svg class=\"chart\" id=\"fleet-uptime\" viewBox=\"0 0 " + WIDTH + " " + height
                + "\" role=\"img\" aria-labelledby=\"fleet-uptime-t fleet-uptime-d\"><title id=\"fleet-uptime-t\">Uptime by "
                + "account, lowest first (axis from " + f(axisMin) + "%)</title><desc id=\"fleet-uptime-d\">" + escape(desc)
                + "</desc><line class=\"rule\" x1=\"" + f(target) + "\" x2=\"" + f(target) + "\" y1=\"16\" y2=\"" + (height - 4)
                + "\"/><text class=\"rule-label\" x=\"" + f(target) + "\" y=\"12\" text-anchor=\"middle\">target "
                + c.uptimeTargetPercent() + "%</text>" + bars + "</svg>";
    }

    private void rmas(StringBuilder html, Fleet fleet, LocalDate today, Haas.Config c) {
        List<String> rows = new ArrayList<>();
        int total = 0;
        for (AccountFleet f : fleet.all()) {
            for (RmaTrigger.Failing failing : RmaTrigger.failing(f, today, c)) {
                total++;
                if (rows.size() < LISTED) {
                    rows.add("<tr><td>" + escape(name(f.accountId())) + "</td><td>" + escape(failing.device().id()) + "</td><td>"
                            + escape(failing.device().model()) + "</td><td class=\"num\">" + failing.totals().faults()
                            + "</td><td class=\"num\">" + Window.uptime(failing.totals()).map(u -> Window.percent(u, 2) + "%").orElse("")
                            + "</td></tr>\n");
                }
            }
        }
        html.append("<h2>Devices needing an RMA</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p class=\"empty\">No device has ").append(c.rmaFaults()).append(" or more faults or uptime below ")
                    .append(c.rmaUptimePercent()).append("% over the last ").append(c.rmaWindowDays()).append(" days.</p>\n");
            return;
        }
        html.append("<p>").append(total).append(" devices with ").append(c.rmaFaults()).append("+ faults or uptime below ")
                .append(c.rmaUptimePercent()).append("% over ").append(c.rmaWindowDays()).append(" days")
                .append(total > LISTED ? "; the first " + LISTED + " shown" : "").append(".</p>\n")
                .append("<table id=\"fleet-rma\"><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Device</th>"
                        + "<th scope=\"col\">Model</th><th scope=\"col\">Faults</th><th scope=\"col\">Uptime</th></tr></thead><tbody>\n");
        rows.forEach(html::append);
        html.append("</tbody></table>\n");
    }

    private void openEvents(StringBuilder html, Fleet fleet, LocalDate today) {
        List<ServiceEvent> open = new ArrayList<>();
        for (AccountFleet f : fleet.all()) {
            f.events().stream().filter(e -> ServiceKind.BURDEN.contains(e.kind()) && e.openOn(today)).forEach(open::add);
        }
        open.sort(Comparator.comparing(ServiceEvent::opened).thenComparing(ServiceEvent::id));
        html.append("<h2>Open field-service and logistics events</h2>\n");
        if (open.isEmpty()) {
            html.append("<p class=\"empty\">No field visit, shipment, RMA or replacement is open.</p>\n");
            return;
        }
        html.append("<p>").append(open.size()).append(" open, oldest first").append(open.size() > LISTED ? "; the first "
                + LISTED + " shown" : "").append(".</p>\n<table id=\"fleet-open-events\"><thead><tr><th scope=\"col\">Account</th>"
                        + "<th scope=\"col\">Event</th><th scope=\"col\">Kind</th><th scope=\"col\">Device</th>"
                        + "<th scope=\"col\">Opened</th><th scope=\"col\">Days open</th></tr></thead><tbody>\n");
        for (ServiceEvent e : open.subList(0, Math.min(LISTED, open.size()))) {
            html.append("<tr><td>").append(escape(name(e.accountId()))).append("</td><td>").append(escape(e.id()))
                    .append("</td><td>").append(Codes.code(e.kind())).append("</td><td>").append(escape(e.deviceId().orElse("")))
                    .append("</td><td>").append(e.opened()).append("</td><td class=\"num\">")
                    .append(ChronoUnit.DAYS.between(e.opened(), today)).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private String name(String accountId) {
        Optional<Account> a;
        try {
            a = store.repository(Account.TYPE).get(List.of(accountId));
        } catch (RuntimeException e) {
            a = Optional.empty();
        }
        return a.map(Account::name).orElse(accountId);
    }

    private static String f(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
