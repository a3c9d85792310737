package io.pushmon.gateway.statuspage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A public status page as data: what {@code /status/{slug}.json} answers and {@code /status/{slug}} renders. It names
 * the tenant's chosen monitors only by name: ids, tokens, messages of pushes and everything else about them stay
 * private. The methods marked {@link JsonIgnore} are words for the HTML page, not part of the JSON.
 *
 * @param title       the page's heading
 * @param status      down if any monitor is down, else up if any is watched, else paused
 * @param generatedAt when it was made (uptime and open incidents count up to here)
 * @param monitors    the monitors in the order the tenant chose
 */
public record StatusPageView(String title, String status, Instant generatedAt, List<MonitorSection> monitors) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    @JsonIgnore
    public String summary() {
        return switch (status) {
            case "down" -> "Some systems are down";
            case "paused" -> "Monitoring is paused";
            default -> "All systems operational";
        };
    }

    @JsonIgnore
    public String generatedAtText() {
        return TIME.format(generatedAt);
    }

    /**
     * One monitor on the page.
     *
     * @param name      the monitor's name
     * @param status    up, down or paused
     * @param uptime    the up share over the last 24 hours, 7, 30 and 90 days
     * @param days      the last 90 UTC days, oldest first, today last
     * @param incidents its incidents of the last 90 days, newest first, at most {@link StatusPageModel#INCIDENTS}
     */
    public record MonitorSection(String name, String status, List<UptimeFigure> uptime, List<DayBar> days,
            List<IncidentEntry> incidents) {

        @JsonIgnore
        public String statusText() {
            return switch (status) {
                case "down" -> "Down";
                case "paused" -> "Paused";
                default -> "Up";
            };
        }
    }

    /**
     * The up share of one period.
     *
     * @param period {@code 24h}, {@code 7d}, {@code 30d} or {@code 90d}
     * @param ratio  0 to 1; null when none of the period was watched (the monitor is younger)
     */
    public record UptimeFigure(String period, Double ratio) {

        @JsonIgnore
        public String percent() {
            return ratio == null ? "no data" : StatusPageView.percent(ratio, 2);
        }
    }

    /**
     * One UTC day of the bar.
     *
     * @param date      the day
     * @param ratio     its up share, 0 to 1; null when none of it was watched
     * @param incidents incidents that were open during it
     * @param level     what the bar shows: {@code up} (no downtime), {@code degraded} (up 95% or more),
     *                  {@code down} (less), {@code none} (not watched)
     * @param label     the bar in words, such as "Dec 1: 99.8% up, 1 incident": its text alternative
     */
    public record DayBar(LocalDate date, Double ratio, int incidents, String level, String label) {

        static DayBar of(LocalDate date, Double ratio, int incidents) {
            String day = DAY.format(date);
            if (ratio == null) {
                return new DayBar(date, null, 0, "none", day + ": no data");
            }
            String level = ratio >= 1.0 ? "up" : ratio >= 0.95 ? "degraded" : "down";
            String count = incidents == 0 ? "no incidents" : incidents == 1 ? "1 incident" : incidents + " incidents";
            return new DayBar(date, ratio, incidents, level, day + ": " + percent(ratio, 1) + " up, " + count);
        }
    }

    /**
     * One outage.
     *
     * @param start           when the monitor went down
     * @param end             when it came back; null while it is down
     * @param durationSeconds how long it was down, up to now while it is
     * @param reason          {@code timeout} (no push in time), {@code reported-down} (the job said so), or
     *                        {@code unknown} for an outage whose start is older than the event log
     */
    public record IncidentEntry(Instant start, Instant end, long durationSeconds, String reason) {

        @JsonIgnore
        public String startText() {
            return TIME.format(start);
        }

        @JsonIgnore
        public String endText() {
            return end == null ? "ongoing" : TIME.format(end);
        }

        @JsonIgnore
        public String durationText() {
            Duration duration = Duration.ofSeconds(durationSeconds);
            if (duration.toMinutes() < 1) {
                return durationSeconds + " s";
            }
            long days = duration.toDays();
            String hours = days > 0 || duration.toHoursPart() > 0 ? duration.toHoursPart() + " h " : "";
            return (days > 0 ? days + " d " : "") + hours + duration.toMinutesPart() + " min";
        }

        @JsonIgnore
        public String reasonText() {
            return switch (reason) {
                case "timeout" -> "No heartbeat in time";
                case "reported-down" -> "Reported down by the job";
                default -> "Down";
            };
        }
    }

    /**
     * A share as a percentage, rounded down so any downtime shows: 99.996% up is "99.99%", not "100%"; exactly all
     * of it is "100%".
     */
    static String percent(double ratio, int decimals) {
        if (ratio >= 1.0) {
            return "100%";
        }
        // From the decimal the double prints as: 0.998 is 99.8%, where ratio * 1000 would floor 997.99... to 99.7%.
        return BigDecimal.valueOf(ratio).movePointRight(2).setScale(decimals, RoundingMode.FLOOR).toPlainString()
                + "%";
    }
}
