package io.pushmon.gateway.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Uptime from a monitor's incidents: the share of the time it was watched that it was not down. Time before the
 * monitor was created, and time in the future, are not watched; everything else counts as up unless an incident
 * covers it. Pauses count as up: the events say only when a monitor went down and came back.
 */
public final class Uptime {

    /** One UTC day of an uptime bar. */
    public record Day(LocalDate date, double ratio, Duration down, int incidents, boolean watched) {
    }

    private Uptime() {
    }

    /** The up share of {@code [from, to)}, or NaN when none of it was watched. */
    public static double ratio(List<Incident> incidents, Instant createdAt, Instant from, Instant to, Instant now) {
        Instant start = max(from, createdAt);
        Instant end = min(to, now);
        if (!start.isBefore(end)) {
            return Double.NaN;
        }
        long watched = Duration.between(start, end).toMillis();
        long down = downMillis(incidents, start, end, now);
        return 1.0 - (double) down / watched;
    }

    /** The last {@code count} UTC days up to and including today's, oldest first. */
    public static List<Day> days(List<Incident> incidents, Instant createdAt, int count, Instant now) {
        List<Day> days = new ArrayList<>(count);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int i = count - 1; i >= 0; i--) {
            LocalDate date = today.minusDays(i);
            Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant start = max(from, createdAt);
            Instant end = min(to, now);
            if (!start.isBefore(end)) {
                days.add(new Day(date, Double.NaN, Duration.ZERO, 0, false));
                continue;
            }
            long down = downMillis(incidents, start, end, now);
            int touching = (int) incidents.stream().filter(incident -> overlaps(incident, start, end, now)).count();
            double ratio = 1.0 - (double) down / Duration.between(start, end).toMillis();
            days.add(new Day(date, ratio, Duration.ofMillis(down), touching, true));
        }
        return days;
    }

    private static long downMillis(List<Incident> incidents, Instant start, Instant end, Instant now) {
        long down = 0;
        for (Incident incident : incidents) {
            Instant from = max(incident.downAt(), start);
            Instant to = min(incident.open() ? now : incident.upAt(), end);
            if (from.isBefore(to)) {
                down += Duration.between(from, to).toMillis();
            }
        }
        return down;
    }

    private static boolean overlaps(Incident incident, Instant start, Instant end, Instant now) {
        Instant upAt = incident.open() ? now : incident.upAt();
        boolean beganInside = !incident.downAt().isBefore(start) && incident.downAt().isBefore(end);
        return beganInside || incident.downAt().isBefore(end) && upAt.isAfter(start);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
