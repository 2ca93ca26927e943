package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;


/** Pieces the dashboards share: figure cards, filter forms, empty states, links. Every value is escaped here. */
final class Ui {
    private Ui() {
    }

    /** A headline figure: label, value, and a line below it (a band, a comparison). */
    static String kpi(String label, String value, String note, String noteClass) {
        return "<div class=\"kpi\"><div class=\"kpi-label\">" + escape(label) + "</div><div class=\"kpi-value\">"
                + escape(value) + "</div>" + (note.isEmpty() ? "" : "<div class=\"kpi-note " + escape(noteClass) + "\">"
                        + escape(note) + "</div>") + "</div>";
    }

    static String empty(String message) {
        return "<p class=\"empty\" role=\"status\">" + escape(message) + "</p>";
    }

    static String error(String message) {
        return "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>";
    }

    /** A labelled select; the empty option means "any". */
    static String select(String name, String label, List<String> options, String current) {
        StringBuilder html = new StringBuilder("<label for=\"f-").append(escape(name)).append("\">").append(escape(label))
                .append("</label><select id=\"f-").append(escape(name)).append("\" name=\"").append(escape(name))
                .append("\"><option value=\"\">any</option>");
        for (String o : options) {
            html.append("<option value=\"").append(escape(o)).append('"').append(o.equals(current) ? " selected" : "")
                    .append('>').append(escape(o.replace('_', ' '))).append("</option>");
        }
        return html.append("</select>").toString();
    }

    static String input(String name, String label, String current, String placeholder) {
        return "<label for=\"f-" + escape(name) + "\">" + escape(label) + "</label><input id=\"f-" + escape(name)
                + "\" name=\"" + escape(name) + "\" value=\"" + escape(current) + "\" placeholder=\"" + escape(placeholder) + "\">";
    }

    static String filterForm(String action, String fields) {
        return "<form class=\"filters\" method=\"get\" action=\"/console/" + escape(action) + "\">" + fields
                + "<button type=\"submit\">Apply</button></form>";
    }

    static List<String> codesOf(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    static String status(String status) {
        String s = status == null || status.isEmpty() ? "unknown" : status;
        return "<span class=\"badge " + escape(s) + "\">" + escape(s.replace('_', ' ')) + "</span>";
    }

    static String band(String band) {
        return band == null || band.isEmpty() ? "" : band.replace('_', ' ');
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String accountLink(String id, String name) {
        return "<a href=\"/console/account?id=" + escape(URLEncoder.encode(id, StandardCharsets.UTF_8)) + "\">"
                + escape(name) + "</a>";
    }

    static String param(Map<String, String> parameters, String name) {
        return Optional.ofNullable(parameters.get(name)).map(String::strip).orElse("");
    }

    static double ratio(Object root, String... path) {
        return Plain.number(root, path).map(java.math.BigDecimal::doubleValue).orElse(Double.NaN);
    }
}
