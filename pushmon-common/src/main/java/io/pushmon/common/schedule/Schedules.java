package io.pushmon.common.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.pushmon.common.model.CronSchedule;

/**
 * When a cron schedule expects its runs, by cron-utils' Unix crontab definition. The gateway validates and shows
 * schedules with it and the processor computes deadlines with it, so both read a schedule alike.
 *
 * <p>Daylight saving time, as cron-utils defines it (tested in {@code SchedulesTest}): a run whose local time
 * falls in the hour a zone skips does not happen that day; a run in the hour a zone repeats is expected once, at
 * its first occurrence; a schedule finer than an hour (every 30 minutes, say) runs in real time through both.
 */
public final class Schedules {

    /** The time zone of a cron schedule that names none. */
    public static final String DEFAULT_TIME_ZONE = "UTC";

    /** The usual macros, as the Unix crontab they stand for (cron-utils' Unix definition has none). */
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    /**
     * Parsed expressions, because every heartbeat of a cron monitor computes its next deadline. Schedules repeat
     * (most jobs run at the top of an hour), so the map stays small; it is emptied if it ever grows past the bound.
     */
    private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_BOUND = 10_000;

    private record Parsed(Cron cron, ExecutionTime times) {
    }

    /**
     * The last answer per schedule: no run lies strictly between {@code from} and {@code next}, so the first run after
     * any instant in [from, next) is {@code next}. The monitors of one schedule push around the same "now", so after the
     * first of them computes the run, the others take it from here: cron-utils costs microseconds and kilobytes of
     * garbage per evaluation (docs/benchmarks/2026-12-02-schedule-evaluation.md), this a map lookup.
     */
    private record Window(long from, long next) {

        boolean covers(long instant) {
            return instant >= from && instant < next;
        }
    }

    private static final Map<CronSchedule, Window> LAST_WINDOW = new ConcurrentHashMap<>();

    private Schedules() {
    }

    /**
     * A schedule as an owner gave it, checked: the expression parses, names a time that exists, and the zone is
     * an IANA zone ({@link #DEFAULT_TIME_ZONE} when none is given).
     *
     * @throws IllegalArgumentException with a message for the owner that names the problem
     */
    public static CronSchedule parse(String expression, String timeZone) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron must not be blank");
        }
        String zone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.strip();
        if (!ZONES.contains(zone)) {
            throw new IllegalArgumentException("timeZone '" + zone + "' is not an IANA time zone (such as "
                    + "Europe/Berlin or UTC)");
        }
        CronSchedule schedule = new CronSchedule(expression.strip(), zone);
        Parsed parsed;
        try {
            parsed = parsed(schedule.expression());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron '" + schedule.expression() + "' is not a 5-field crontab line"
                    + " or a macro (@hourly, @daily, @weekly, @monthly, @yearly): " + e.getMessage());
        }
        if (parsed.times().nextExecution(ZonedDateTime.now(ZoneId.of(zone))).isEmpty()) {
            throw new IllegalArgumentException("cron '" + schedule.expression() + "' never runs");
        }
        return schedule;
    }

    /** The first expected run strictly after {@code after}; empty for a schedule that never runs again. */
    public static Optional<Instant> nextAfter(CronSchedule schedule, Instant after) {
        // Runs fall on whole minutes, so truncating to millis never moves an instant across one.
        long at = after.toEpochMilli();
        Window window = LAST_WINDOW.get(schedule);
        if (window != null && window.covers(at)) {
            return Optional.of(Instant.ofEpochMilli(window.next()));
        }
        Optional<Instant> next = parsed(schedule.expression()).times()
                .nextExecution(after.atZone(ZoneId.of(schedule.timeZone()))).map(ZonedDateTime::toInstant);
        next.ifPresent(run -> {
            if (LAST_WINDOW.size() >= CACHE_BOUND) {
                LAST_WINDOW.clear();
            }
            LAST_WINDOW.put(schedule, new Window(at, run.toEpochMilli()));
        });
        return next;
    }

    /** The last expected run at or before {@code at}; empty when the schedule never ran before it. */
    public static Optional<Instant> lastAtOrBefore(CronSchedule schedule, Instant at) {
        // cron-utils answers strictly before its argument; runs fall on whole seconds, so one millisecond later
        // makes a run at exactly {@code at} count.
        return parsed(schedule.expression()).times()
                .lastExecution(at.plusMillis(1).atZone(ZoneId.of(schedule.timeZone()))).map(ZonedDateTime::toInstant);
    }

    /** The next {@code count} expected runs after {@code after}, in order. */
    public static List<Instant> next(CronSchedule schedule, Instant after, int count) {
        List<Instant> runs = new ArrayList<>(count);
        Instant from = after;
        while (runs.size() < count) {
            Optional<Instant> next = nextAfter(schedule, from);
            if (next.isEmpty()) {
                break;
            }
            runs.add(next.get());
            from = next.get();
        }
        return runs;
    }

    /** The schedule in words, e.g. "every 5 minutes" or "at 03:00 (Europe/Berlin)". */
    public static String describe(CronSchedule schedule) {
        return CronDescriptor.instance(Locale.UK).describe(parsed(schedule.expression()).cron()) + " ("
                + schedule.timeZone() + ")";
    }

    private static Parsed parsed(String expression) {
        Parsed cached = CACHE.get(expression);
        if (cached != null) {
            return cached;
        }
        String crontab = MACROS.getOrDefault(expression.toLowerCase(Locale.ROOT), expression);
        Cron cron = PARSER.parse(crontab).validate();
        Parsed parsed = new Parsed(cron, ExecutionTime.forCron(cron));
        if (CACHE.size() >= CACHE_BOUND) {
            CACHE.clear();
        }
        CACHE.put(expression, parsed);
        return parsed;
    }
}
