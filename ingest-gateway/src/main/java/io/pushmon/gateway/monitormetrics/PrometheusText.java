package io.pushmon.gateway.monitormetrics;

import java.math.BigDecimal;

/**
 * Prometheus' text exposition format, version 0.0.4: per metric family one {@code # HELP} and one {@code # TYPE}
 * line, then its samples. Label values are escaped as the format says (backslash, double quote, line feed), so a
 * monitor named anything cannot break a line or forge a label.
 */
final class PrometheusText {

    /** The Content-Type Prometheus asks for with this format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** A gauge family; its samples follow through the returned builder. */
    Family gauge(String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        return new Family(name);
    }

    String text() {
        return out.toString();
    }

    final class Family {

        private final String name;

        private Family(String name) {
            this.name = name;
        }

        /**
         * One sample.
         *
         * @param labels names and values, alternating
         */
        Family sample(BigDecimal value, String... labels) {
            out.append(name);
            if (labels.length > 0) {
                out.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1]))
                            .append('"');
                }
                out.append('}');
            }
            out.append(' ').append(value.toPlainString()).append('\n');
            return this;
        }

        Family sample(long value, String... labels) {
            return sample(BigDecimal.valueOf(value), labels);
        }
    }

    static String escapeLabel(String value) {
        return escape(value, true);
    }

    static String escapeHelp(String value) {
        return escape(value, false);
    }

    private static String escape(String value, boolean quotes) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '"' -> escaped.append(quotes ? "\\\"" : "\"");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
