package io.pushmon.bench.dashboard;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an overview page shows, counted from its HTML: a row per monitor, the summary's count of monitors up, the
 * rows with a sparkline and those whose 90-day uptime is below 100% (an incident in the bar).
 */
record PageContent(int rows, int up, int sparklines, int withIncident) {

    private static final Pattern UP = Pattern.compile("data-count=\"up\">(\\d+)<");

    static PageContent of(String html) {
        int rows = count(html, "<tr data-id=\"");
        Matcher up = UP.matcher(html);
        return new PageContent(rows, up.find() ? Integer.parseInt(up.group(1)) : -1,
                count(html, "<svg class=\"spark\""), rows - count(html, "aria-label=\"90-day uptime 100%\""));
    }

    /** Every monitor listed and up with a sparkline, and exactly the flaky ones with an incident. */
    boolean complete(int monitors, int flaky) {
        return rows == monitors && up == monitors && sparklines == monitors && withIncident == flaky;
    }

    String describe() {
        return String.format(Locale.ROOT, "%d rows, %d up, %d sparklines, %d with an incident", rows, up, sparklines,
                withIncident);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
