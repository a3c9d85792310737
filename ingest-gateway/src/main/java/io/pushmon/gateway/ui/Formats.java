package io.pushmon.gateway.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the dashboard writes times, durations and ratios. Times go into a {@code <time>} element with their UTC
 * instant, and a script keeps the text relative to the reader's clock; these give the text a page has before
 * (or without) the script.
 */
public final class Formats {

    private Formats() {
    }

    /** "3 min ago", "in 20 s", or a dash for no time. */
    public static String ago(Instant at) {
        return ago(at, Instant.now());
    }

    static String ago(Instant at, Instant now) {
        if (at == null) {
            return "–";
        }
        Duration between = Duration.between(at, now);
        boolean future = between.isNegative();
        String text = span(between.abs());
        return future ? "in " + text : text + " ago";
    }

    /** A span in its largest sensible unit: "45 s", "12 min", "3 h 5 min", "4 d". */
    public static String span(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            long minutes = seconds % 3600 / 60;
            return seconds / 3600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
        }
        return seconds / 86_400 + " d" + (seconds % 86_400 / 3600 == 0 ? "" : " " + seconds % 86_400 / 3600 + " h");
    }

    /** Milliseconds of a run as "850 ms", "12.4 s", "3 min". */
    public static String millis(Long millis) {
        if (millis == null) {
            return "–";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return span(Duration.ofMillis(millis));
    }

    /** An uptime ratio as a percentage with enough digits to tell 99.9 % from 99.99 %; a dash when not watched. */
    public static String percent(double ratio) {
        if (Double.isNaN(ratio)) {
            return "–";
        }
        if (ratio >= 1.0) {
            return "100%";
        }
        return String.format(Locale.ROOT, ratio >= 0.99 ? "%.2f%%" : "%.1f%%", Math.floor(ratio * 10_000) / 100);
    }

    /** An instant as ISO-8601 UTC, for {@code datetime} attributes; empty for none. */
    public static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** An instant as "2026-12-02 06:48:52 UTC". */
    public static String utc(Instant at) {
        if (at == null) {
            return "–";
        }
        String text = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return text.replace('T', ' ').replace("Z", " UTC");
    }
}
