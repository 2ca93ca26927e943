package io.tenure.console;

import static io.tenure.console.Html.escape;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Charts drawn on the server as inline SVG: no script, no library, readable by screen readers (a title and a
 * description naming every value) and styled by console.css through classes (the CSP allows no inline styles).
 */
final class Svg {
    private static final int WIDTH = 720;
    private static final int LEFT = 64;
    private static final int RIGHT = 36;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    private Svg() {
    }

    /** One line of a chart: a name, a CSS class (s1 ... s8) and a value per label, null where there is none. */
    record Series(String name, String cssClass, List<Double> values) {
    }

    /** A reference line across the chart, e.g. a target or a band's lower bound. */
    record Rule(String label, double value) {
    }

    /**
     * A line chart over {@code labels}: one polyline per series with a dot per value, y axis from {@code min} to
     * {@code max} (widened to fit the values), and the labelled rules.
     */
    static String lines(String title, List<String> labels, List<Series> series, List<Rule> rules,
            DoubleFunction<String> format, int height) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        for (Rule r : rules) {
            min = Math.min(min, r.value());
            max = Math.max(max, r.value());
        }
        if (min == Double.MAX_VALUE) {
            return "<p class=\"empty\">No values to chart for " + escape(title) + ".</p>";
        }
        if (max - min < 1e-9) {
            max = min + Math.max(1, Math.abs(min) * 0.1);
        }
        double pad = (max - min) * 0.08;
        double lo = min - pad;
        double hi = max + pad;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = height - TOP - BOTTOM;
        int n = labels.size();
        StringBuilder svg = open(title, description(labels, series, format), height);
        axes(svg, lo, hi, plotH, format);
        for (Rule r : rules) {
            double y = y(r.value(), lo, hi, plotH);
            svg.append("<line class=\"rule\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\"/><text class=\"rule-label\" x=\"")
                    .append(WIDTH - RIGHT - 4).append("\" y=\"").append(f(y - 4)).append("\" text-anchor=\"end\">")
                    .append(escape(r.label())).append("</text>");
        }
        int step = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < n; i += step) {
            svg.append("<text class=\"tick\" x=\"").append(f(x(i, n, plotW))).append("\" y=\"").append(height - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\">").append(escape(labels.get(i))).append("</text>");
        }
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < Math.min(n, s.values().size()); i++) {
                Double v = s.values().get(i);
                if (v == null) {
                    continue;
                }
                String px = f(x(i, n, plotW));
                String py = f(y(v, lo, hi, plotH));
                points.append(px).append(',').append(py).append(' ');
                dots.append("<circle class=\"dot ").append(escape(s.cssClass())).append("\" cx=\"").append(px)
                        .append("\" cy=\"").append(py).append("\" r=\"3\"><title>").append(escape(s.name())).append(", ")
                        .append(escape(labels.get(i))).append(": ").append(escape(format.apply(v))).append("</title></circle>");
            }
            svg.append("<polyline class=\"line ").append(escape(s.cssClass())).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>").append(dots);
        }
        svg.append("</svg>");
        return svg + legend(series);
    }

    /** Horizontal bars, one per label, with the value written beside each. */
    static String bars(String title, List<String> labels, List<Double> values, List<String> cssClasses,
            DoubleFunction<String> format) {
        int barH = 26;
        int height = TOP + labels.size() * (barH + 8) + 8;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder desc = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            desc.append(labels.get(i)).append(": ").append(format.apply(values.get(i))).append(". ");
        }
        StringBuilder svg = open(title, desc.toString(), height);
        int labelW = 150;
        int plotW = WIDTH - labelW - 120;
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + i * (barH + 8);
            double w = max <= 0 ? 0 : values.get(i) / max * plotW;
            svg.append("<text class=\"tick\" x=\"").append(labelW - 8).append("\" y=\"").append(y + barH * 0.7)
                    .append("\" text-anchor=\"end\">").append(escape(labels.get(i))).append("</text>")
                    .append("<rect class=\"bar ").append(escape(cssClasses.get(i % cssClasses.size()))).append("\" x=\"")
                    .append(labelW).append("\" y=\"").append(y).append("\" width=\"").append(f(Math.max(w, 1)))
                    .append("\" height=\"").append(barH).append("\"/>")
                    .append("<text class=\"value\" x=\"").append(f(labelW + Math.max(w, 1) + 6)).append("\" y=\"")
                    .append(y + barH * 0.7).append("\">").append(escape(format.apply(values.get(i)))).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, String description, int height) {
        String id = "c" + Integer.toHexString((title + description).hashCode() & 0x7fffffff);
        return new StringBuilder("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("t ").append(id).append("d\"><title id=\"")
                .append(id).append("t\">").append(escape(title)).append("</title><desc id=\"").append(id).append("d\">")
                .append(escape(description)).append("</desc>");
    }

    private static void axes(StringBuilder svg, double lo, double hi, int plotH, DoubleFunction<String> format) {
        for (int i = 0; i <= 4; i++) {
            double v = lo + (hi - lo) * i / 4;
            double y = y(v, lo, hi, plotH);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\"/><text class=\"tick\" x=\"").append(LEFT - 6)
                    .append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\">").append(escape(format.apply(v)))
                    .append("</text>");
        }
    }

    private static String legend(List<Series> series) {
        if (series.size() < 2) {
            return "";
        }
        StringBuilder html = new StringBuilder("<ul class=\"legend\">");
        for (Series s : series) {
            html.append("<li><span class=\"swatch ").append(escape(s.cssClass())).append("\" aria-hidden=\"true\"></span>")
                    .append(escape(s.name())).append("</li>");
        }
        return html.append("</ul>").toString();
    }

    private static String description(List<String> labels, List<Series> series, DoubleFunction<String> format) {
        StringBuilder d = new StringBuilder();
        for (Series s : series) {
            d.append(s.name()).append(": ");
            for (int i = 0; i < Math.min(labels.size(), s.values().size()); i++) {
                if (s.values().get(i) != null) {
                    d.append(labels.get(i)).append(' ').append(format.apply(s.values().get(i))).append("; ");
                }
            }
        }
        return d.toString();
    }

    private static double x(int i, int n, int plotW) {
        return LEFT + (n <= 1 ? plotW / 2.0 : plotW * i / (double) (n - 1));
    }

    private static double y(double v, double lo, double hi, int plotH) {
        return TOP + plotH - (v - lo) / (hi - lo) * plotH;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
