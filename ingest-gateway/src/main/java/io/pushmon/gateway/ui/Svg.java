package io.pushmon.gateway.ui;

import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.pushmon.gateway.incidents.Uptime;

/**
 * The dashboard's small pictures as inline SVG, drawn on the server so a page needs no charting library and shows
 * them before any script runs. Each is sized by its viewBox and scales with the page.
 */
public final class Svg {

    /** Width of one day in an uptime bar, in viewBox units; the gap between days is a fifth of it. */
    private static final int DAY = 5;

    private Svg() {
    }

    /**
     * One bar per day, oldest left. Days are grouped by colour into one path each (not one element per day), so
     * the overview of a thousand monitors stays a few hundred kilobytes.
     */
    public static String uptimeBar(List<Uptime.Day> days, String label) {
        StringBuilder up = new StringBuilder();
        StringBuilder partial = new StringBuilder();
        StringBuilder down = new StringBuilder();
        StringBuilder none = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            Uptime.Day day = days.get(i);
            StringBuilder path = !day.watched() ? none : day.ratio() >= 0.9995 ? up : day.ratio() >= 0.95 ? partial : down;
            path.append('M').append(i * DAY).append(" 0h4v20h-4z");
        }
        StringBuilder svg = new StringBuilder(256 + days.size() * 12);
        svg.append("<svg class=\"bar\" viewBox=\"0 0 ").append(days.size() * DAY - 1)
                .append(" 20\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").append(escape(label))
                .append("\">");
        path(svg, "bar-none", none);
        path(svg, "bar-up", up);
        path(svg, "bar-partial", partial);
        path(svg, "bar-down", down);
        return svg.append("</svg>").toString();
    }

    /** A line through the last values, oldest left, scaled to its own range; empty when there are fewer than 2. */
    public static <T> String sparkline(List<T> newestFirst, ToDoubleFunction<T> value, String label) {
        if (newestFirst.size() < 2) {
            return "";
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (T point : newestFirst) {
            min = Math.min(min, value.applyAsDouble(point));
            max = Math.max(max, value.applyAsDouble(point));
        }
        double range = max > min ? max - min : 1;
        int n = newestFirst.size();
        StringBuilder points = new StringBuilder(n * 12);
        for (int i = n - 1; i >= 0; i--) {
            double x = (n - 1 - i) * 100.0 / (n - 1);
            double y = 18 - (value.applyAsDouble(newestFirst.get(i)) - min) / range * 16;
            points.append(number(x)).append(',').append(number(y)).append(' ');
        }
        return "<svg class=\"spark\" viewBox=\"0 0 100 20\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\""
                + escape(label) + "\"><polyline points=\"" + points.toString().trim() + "\"/></svg>";
    }

    /** A point of a chart over time. */
    public record TimePoint(Instant at, double value) {
    }

    /**
     * A chart of values over time with its range written on the axis; points oldest first. Empty with fewer than
     * two points.
     */
    public static String chart(List<TimePoint> points, String label, String unit) {
        if (points.size() < 2) {
            return "";
        }
        double min = points.stream().mapToDouble(TimePoint::value).min().orElse(0);
        double max = points.stream().mapToDouble(TimePoint::value).max().orElse(1);
        if (min > 0) {
            min = 0;
        }
        double range = max > min ? max - min : 1;
        long from = points.get(0).at().toEpochMilli();
        long span = Math.max(1, points.get(points.size() - 1).at().toEpochMilli() - from);
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (TimePoint point : points) {
            double x = 40 + (point.at().toEpochMilli() - from) * 550.0 / span;
            double y = 170 - (point.value() - min) / range * 150;
            line.append(number(x)).append(',').append(number(y)).append(' ');
            dots.append("<circle cx=\"").append(number(x)).append("\" cy=\"").append(number(y))
                    .append("\" r=\"2.5\"><title>").append(escape(point.at().toString())).append(": ")
                    .append(number(point.value())).append(' ').append(escape(unit)).append("</title></circle>");
        }
        return "<svg class=\"chart\" viewBox=\"0 0 600 200\" role=\"img\" aria-label=\"" + escape(label) + "\">"
                + "<line class=\"axis\" x1=\"40\" y1=\"170\" x2=\"590\" y2=\"170\"/>"
                + "<line class=\"axis\" x1=\"40\" y1=\"20\" x2=\"40\" y2=\"170\"/>"
                + "<text x=\"36\" y=\"24\" text-anchor=\"end\">" + number(max) + "</text>"
                + "<text x=\"36\" y=\"170\" text-anchor=\"end\">" + number(min) + "</text>"
                + "<text x=\"40\" y=\"190\">" + escape(points.get(0).at().toString().substring(0, 16).replace('T', ' '))
                + "</text><text x=\"590\" y=\"190\" text-anchor=\"end\">"
                + escape(points.get(points.size() - 1).at().toString().substring(0, 16).replace('T', ' '))
                + " UTC</text><polyline points=\"" + line.toString().trim() + "\"/>" + dots + "</svg>";
    }

    private static void path(StringBuilder svg, String cssClass, StringBuilder d) {
        if (!d.isEmpty()) {
            svg.append("<path class=\"").append(cssClass).append("\" d=\"").append(d).append("\"/>");
        }
    }

    /**
     * A coordinate or value with at most two decimals. Not {@code String.format}: the overview writes 40,000 of
     * these for 1,000 monitors, and formatting took more than half of the gateway's time for that page.
     */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
            return Double.toString(value);
        }
        long hundredths = Math.round(Math.abs(value) * 100);
        long fraction = hundredths % 100;
        return (value < 0 && hundredths != 0 ? "-" : "") + hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
